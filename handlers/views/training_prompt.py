"""The morning training prompt and its answer buttons."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain.training import ClearanceReason, DayPlan, Effort, ExerciseCatalog, PlannedItem
from handlers.callbacks import (
    ClearedChoice,
    ClearedStep,
    GuidedLog,
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
EFFORT_WORDS = {Effort.EASY: "easy", Effort.ABOUT_RIGHT: "about right", Effort.HARD: "hard"}


CLEARED_BUTTON = "✅ A clinician cleared me"
SCREEN_PICK_LABEL = "Yes, one or more…"
SCREEN_LEAD = (
    "🛡 <b>One safety question</b>, asked once: has a clinician told you that you have "
    "osteoporosis? Have you had a spine (vertebral) fracture, or broken a bone in a fall from "
    "standing height or less? Does anything stop you lifting? Until you answer, your plan is "
    "the safer version."
)


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


def _item_line(item: PlannedItem) -> str:
    """'• Squat 5×5 — 100 kg', its one-line cue, then why this load and its % of his
    estimated 1RM."""
    load = f" — {escape(item.load_text)}" if item.load_text else ""
    lines = [f"• <b>{escape(item.name)}</b> {escape(item.prescription)}{load}"]
    lines += [f"   <i>{escape(item.note)}</i>"] if item.note else []
    why = " ".join(note for note in (item.load_note, item.one_rm_note) if note)
    lines += [f"   {escape(why)}"] if why else []
    return "\n".join(lines)


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
    lines += [_item_line(item) for item in plan.items]
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
    """Per lift: log it as prescribed (when a load is suggested) or step through it."""
    rows = []
    for item in plan.items:
        if item.kind != "lift":
            continue
        mark = "☑️ " if item.key in logged else ""
        row = []
        if item.load_kg is not None:
            label = f"{mark}{item.name} {item.prescription} @ {item.load_text}"
            data = LogAsPrescribed(delivery_id, item.key).pack()
            row.append(InlineKeyboardButton(label[:60], callback_data=data))
        other = "other…" if item.load_kg is not None else f"{mark}Log {item.name.lower()}"
        row.append(
            InlineKeyboardButton(other, callback_data=GuidedLog(delivery_id, item.key).pack())
        )
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


def has_effort_row(markup: InlineKeyboardMarkup | None) -> bool:
    """Whether a prompt's buttons still ask how the session felt."""
    rows = markup.inline_keyboard if markup is not None else ()
    prefix = TrainingEffort.PREFIX + TrainingEffort.SEPARATOR
    return any(
        isinstance(b.callback_data, str) and b.callback_data.startswith(prefix)
        for row in rows
        for b in row
    )
