"""The morning training prompt and its answer buttons."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain.training import DayPlan, ItemKind, PlannedItem, format_amount
from bot.domain.training.guided import SetStepper
from handlers.callbacks import GuidedSets, GuidedSetsSave, LogAsPrescribed, TrainingOutcome
from handlers.views.lessons import why_button

OUTCOME_LABELS = {"done": "✅ Done", "partly": "◐ Partly", "skipped": "✖ Skipped"}
MAX_LABEL = 60  # characters on a button, so it reads on a phone
TODAY_ANSWER = "<b>Training:</b>"  # /today's answer line, rewritten when answered there


def today_answer_line(answer: str) -> str:
    """/today's line with his answer to the training prompt."""
    return f"{TODAY_ANSWER} {answer}"


def with_today_answer(today_html: str, outcome: str) -> str:
    """/today's text with its answer line showing a new answer."""
    head, _, rest = today_html.partition(TODAY_ANSWER)
    _, newline, tail = rest.partition("\n")
    return head + today_answer_line(f"{OUTCOME_LABELS[outcome]} — saved.") + newline + tail


def outcome_keyboard(
    delivery_id: int, *, training_day: bool, why: str | None = None
) -> InlineKeyboardMarkup:
    """Done / Partly / Skipped (Done / Skipped on an off day): one tap answers; Why? explains."""
    keys = ("done", "partly", "skipped") if training_day else ("done", "skipped")
    answers = [
        InlineKeyboardButton(
            OUTCOME_LABELS[k], callback_data=TrainingOutcome(delivery_id, k).pack()
        )
        for k in keys
    ]
    return InlineKeyboardMarkup([answers, [why_button(why)]] if why else [answers])


def _item_line(item: PlannedItem) -> str:
    """'• Squat 5×5 — 100 kg'."""
    load = f" — {escape(item.load_text)}" if item.load_text else ""
    return f"• <b>{escape(item.name)}</b> {escape(item.prescription)}{load}"


def plan_text(plan: DayPlan) -> str:
    """The day's plan as a short HTML message."""
    day = plan.day.strftime("%a %d %b")
    if not plan.is_training_day:
        return (
            f"🚶 <b>{escape(day)} — {escape(plan.title)}</b>\n{escape(plan.dose or '')}\n\n"
            "A light day for your bones. Tap when it's done."
        )
    lines = [f"🏋️ <b>{escape(day)} — {escape(plan.title)}</b>", f"<i>Week {plan.week}</i>"]
    lines += [_item_line(item) for item in plan.items]
    if plan.notes:
        lines.append(f"\n<i>{escape(plan.notes[0])}</i>")
    lines.append("\nWarm up first; stop a set if something hurts sharply.")
    return "\n".join(lines)


def lift_log_keyboard(
    delivery_id: int, plan: DayPlan, logged: frozenset[str]
) -> InlineKeyboardMarkup:
    """Per exercise: log it as prescribed in one tap (a lift with a suggested load, or the
    jumps) or set by set with buttons ("other…")."""
    rows = []
    for item in plan.items:
        mark = "☑️ " if item.key in logged else ""
        row = []
        one_tap = item.load_kg is not None or item.kind == ItemKind.IMPACT
        if one_tap:
            load = f" @ {item.load_text}" if item.kind == ItemKind.LIFT else ""
            label = f"{mark}{item.name} {item.prescription}{load}"
            data = LogAsPrescribed(delivery_id, item.key).pack()
            row.append(InlineKeyboardButton(label[:MAX_LABEL], callback_data=data))
        other = "other…" if one_tap else f"{mark}Log {item.name.lower()}"
        data = GuidedSets(delivery_id, item.key, "new").pack()
        row.append(InlineKeyboardButton(other, callback_data=data))
        rows.append(row)
    return InlineKeyboardMarkup(rows)


def _set_text(stepper: SetStepper, steps: int, reps: int) -> str:
    """'60×5' (in his unit) or '×5' for bodyweight."""
    load = "" if steps == 0 else format_amount(steps * stepper.step)
    return f"{load}×{reps}"


def set_stepper_keyboard(
    delivery_id: int, lift: str, name: str, stepper: SetStepper, big: float
) -> InlineKeyboardMarkup:
    """Set by set: the sets so far, ± load (plate steps) and ± reps for the current set,
    Next set (same load and reps), Back, and ✅ Save."""

    def button(label: str, state: SetStepper, save: bool = False) -> InlineKeyboardButton:
        codec = GuidedSetsSave if save else GuidedSets
        return InlineKeyboardButton(
            label, callback_data=codec(delivery_id, lift, state.encode()).pack()
        )

    unit = stepper.unit.value
    rows = []
    if stepper.done:
        shown = [_set_text(stepper, s, r) for s, r in stepper.done]
        label = f"{name}: {', '.join(shown)}"
        if len(label) > MAX_LABEL:
            label = f"{len(shown)} sets: …, {', '.join(shown[-3:])}"
        rows.append([button(label, stepper)])
    current = _set_text(stepper, stepper.load_steps, stepper.reps)
    heading = f"Set {stepper.set_count()}: {current}"
    rows.append([button(f"{heading} {unit}" if not stepper.bodyweight else heading, stepper)])
    if not stepper.bodyweight:
        small = stepper.step
        rows.append(
            [button(f"−{format_amount(d)} {unit}", stepper.with_load(-d)) for d in (big, small)]
            + [button(f"+{format_amount(d)} {unit}", stepper.with_load(d)) for d in (small, big)]
        )
    rows.append([button("−1 rep", stepper.with_reps(-1)), button("+1 rep", stepper.with_reps(1))])
    moves = []
    if stepper.next_set() != stepper:
        moves.append(button("➕ Next set", stepper.next_set()))
    if stepper.done:
        moves.append(button("↩️ Back", stepper.back()))
    if moves:
        rows.append(moves)
    count = stepper.set_count()
    sets = "1 set" if count == 1 else f"{count} sets"
    rows.append([button(f"✅ Save {sets} of {name.lower()}"[:MAX_LABEL], stepper, save=True)])
    return InlineKeyboardMarkup(rows)
