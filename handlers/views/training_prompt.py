"""The morning training prompt and its answer buttons."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain.training import (
    ClearanceReason,
    DayPlan,
    Effort,
    ExerciseCatalog,
    ItemKind,
    PlannedItem,
    format_amount,
)
from bot.domain.training.guided import SetStepper
from handlers.callbacks import (
    ClearedChoice,
    ClearedStep,
    GuidedSets,
    GuidedSetsSave,
    LogAsPrescribed,
    ScreenTap,
    ScreenTapAction,
    TrainingEffort,
    TrainingOutcome,
)
from handlers.views.lessons import why_button
from handlers.views.questions.screen_view import NONE_LABEL

OUTCOME_LABELS = {"done": "✅ Done", "partly": "◐ Partly", "skipped": "✖ Skipped"}
EFFORT_LABELS = {
    Effort.EASY: "😌 Easy",
    Effort.ABOUT_RIGHT: "👍 About right",
    Effort.HARD: "😓 Hard",
}


CLEARED_BUTTON = "✅ A clinician cleared me"
SCREEN_PICK_LABEL = "Yes, one or more…"
SCREEN_LEAD = (
    "🛡 <b>One safety question</b>, asked once: has a clinician told you that you have "
    "osteoporosis? Have you had a spine (vertebral) fracture, or broken a bone in a fall from "
    "standing height or less? Does anything stop you lifting? Until you answer, your plan is "
    "the safer version."
)
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
    delivery_id: int,
    *,
    training_day: bool,
    why: str | None = None,
    cleared_button: bool = False,
    screen: bool = False,
) -> InlineKeyboardMarkup:
    """Done / Partly / Skipped (Done / Skipped on an off day): one tap answers; Why? explains.

    `cleared_button`: a row to say a clinician has cleared him (the cleared path); `screen`:
    the safety screen's two answers (None of these in one tap, or pick what applies).
    """
    keys = ("done", "partly", "skipped") if training_day else ("done", "skipped")
    answers = [
        InlineKeyboardButton(
            OUTCOME_LABELS[k], callback_data=TrainingOutcome(delivery_id, k).pack()
        )
        for k in keys
    ]
    rows = [answers, [why_button(why)]] if why else [answers]
    if screen:
        rows += screen_rows(delivery_id)
    elif cleared_button:
        rows.append([cleared_button_of(ClearedChoice.ASK)])
    return InlineKeyboardMarkup(rows)


def screen_rows(delivery_id: int) -> list[list[InlineKeyboardButton]]:
    """The screen's answers on a training prompt."""
    return [
        [
            InlineKeyboardButton(
                NONE_LABEL, callback_data=ScreenTap(delivery_id, ScreenTapAction.NONE).pack()
            ),
            InlineKeyboardButton(
                SCREEN_PICK_LABEL,
                callback_data=ScreenTap(delivery_id, ScreenTapAction.PICK).pack(),
            ),
        ]
    ]


def cleared_button_of(choice: ClearedChoice) -> InlineKeyboardButton:
    """The button under a cleared-path note: it asks him to confirm."""
    return InlineKeyboardButton(CLEARED_BUTTON, callback_data=ClearedStep(choice).pack())


def _item_line(item: PlannedItem, *, shared_note: str | None = None) -> str:
    """'• Squat 5×5 — 100 kg', its one-line cue, then why this load and its % of his
    estimated 1RM (the why is left out when every lift shares it: it is said once below)."""
    load = f" — {escape(item.load_text)}" if item.load_text else ""
    lines = [f"• <b>{escape(item.name)}</b> {escape(item.prescription)}{load}"]
    lines += [f"   <i>{escape(item.note)}</i>"] if item.note else []
    own = None if item.load_note == shared_note else item.load_note
    why = " ".join(note for note in (own, item.one_rm_note) if note)
    lines += [f"   {escape(why)}"] if why else []
    return "\n".join(lines)


def _shared_load_note(plan: DayPlan) -> str | None:
    """The load note, when every lift of the day has the same one (the first weeks)."""
    notes = {item.load_note for item in plan.items if item.kind is ItemKind.LIFT}
    return next(iter(notes)) if len(notes) == 1 and "" not in notes else None


def _number(value: float) -> str:
    """'−2.5' (a real minus sign), '6'."""
    text = f"{value:g}"
    return text.replace("-", "−")


def cleared_reason(plan: DayPlan, catalog: ExerciseCatalog | None) -> str:
    """Why today's plan is the safer version, in one line (numbers from the catalogue)."""
    reason = plan.cleared_path
    rules = catalog.cleared_path.rules if catalog is not None else None
    if reason is ClearanceReason.NOT_SCREENED:
        return "Safer version until you answer the safety question (/screen)."
    if reason is ClearanceReason.SCREEN:
        return "Safer version: your answer to the safety question needs a clinician's OK first."
    if reason is ClearanceReason.LOW_T_SCORE:
        line = f"at or below {_number(rules.t_score_at_or_below)}" if rules else "in the low range"
        return f"Safer version: you logged a DXA T-score {line}."
    weeks = f" (for {rules.red_flag_weeks} weeks" if rules else " (for a few weeks"
    return (
        f"Safer version after the red flag you reported{weeks}, or until a clinician clears you)."
    )


def _cleared_lines(plan: DayPlan, catalog: ExerciseCatalog | None) -> list[str]:
    """The cleared path's note: why, supervised coaching first, how to say he is cleared."""
    if plan.cleared_path is None or plan.cleared_note is None:
        return []
    lines = [f"\n🛡 <b>{escape(cleared_reason(plan, catalog))}</b>", escape(plan.cleared_note)]
    if plan.cleared_path is not ClearanceReason.NOT_SCREENED:
        lines.append("A clinician has cleared you? Tap the button below or send /cleared.")
    return lines


def plan_text(plan: DayPlan, catalog: ExerciseCatalog | None = None) -> str:
    """The day's plan as a short HTML message: each item with its cue, the phase's focus,
    the safety notes for the day, and the cleared path's note when he is on it."""
    day = plan.day.strftime("%a %d %b")
    if not plan.is_training_day:
        lines = [
            f"🚶 <b>{escape(day)} — {escape(plan.title)}</b>\n{escape(plan.dose or '')}",
            *(f"🛡 <i>{escape(note)}</i>" for note in plan.notes),
            *_cleared_lines(plan, catalog),
            "\nA light day for your bones. Tap when it's done.",
        ]
        return "\n".join(lines)
    lines = [f"🏋️ <b>{escape(day)} — {escape(plan.title)}</b>", f"<i>Week {plan.week}</i>"]
    shared = _shared_load_note(plan)
    lines += [_item_line(item, shared_note=shared) for item in plan.items]
    lines += [f"⚖️ {escape(shared)}"] if shared else []
    if plan.notes:
        lines.append(f"\n<i>{escape(plan.notes[0])}</i>")
        lines += [f"🛡 {escape(note)}" for note in plan.notes[1:]]
    lines += _cleared_lines(plan, catalog)
    lines.append("\nWarm up first; stop a set if something hurts sharply.")
    return "\n".join(lines)


def prompt_text(plan: DayPlan, catalog: ExerciseCatalog | None, *, screen: bool) -> str:
    """The morning prompt: the plan, and the safety screen when it comes with it."""
    text = plan_text(plan, catalog)
    return f"{text}\n\n{SCREEN_LEAD}" if screen else text


def has_cleared_button(plan: DayPlan) -> bool:
    """Whether the plan's note offers the 'a clinician cleared me' button."""
    return plan.cleared_note is not None and plan.cleared_path not in (
        None,
        ClearanceReason.NOT_SCREENED,
    )


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


def effort_row(delivery_id: int) -> list[InlineKeyboardButton]:
    """Easy / About right / Hard: his one-tap rating of the session (optional)."""
    return [
        InlineKeyboardButton(label, callback_data=TrainingEffort(delivery_id, effort).pack())
        for effort, label in EFFORT_LABELS.items()
    ]


def answered_keyboard(
    delivery_id: int, plan: DayPlan, logged: frozenset[str], *, ask_effort: bool
) -> InlineKeyboardMarkup:
    """Under an answered prompt: the lift log buttons, and the effort row until he rates."""
    rows = [list(row) for row in lift_log_keyboard(delivery_id, plan, logged).inline_keyboard]
    if ask_effort:
        rows.append(effort_row(delivery_id))
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
