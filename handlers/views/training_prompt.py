"""The morning training prompt and its answer buttons."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain.training import DayPlan, Effort, PlannedItem
from handlers.callbacks import GuidedLog, LogAsPrescribed, TrainingEffort, TrainingOutcome
from handlers.views.lessons import why_button

OUTCOME_LABELS = {"done": "✅ Done", "partly": "◐ Partly", "skipped": "✖ Skipped"}
EFFORT_LABELS = {
    Effort.EASY: "😌 Easy",
    Effort.ABOUT_RIGHT: "👍 About right",
    Effort.HARD: "😓 Hard",
}
EFFORT_WORDS = {Effort.EASY: "easy", Effort.ABOUT_RIGHT: "about right", Effort.HARD: "hard"}


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
    """'• Squat 5×5 — 100 kg', then why this load and its % of his estimated 1RM."""
    load = f" — {escape(item.load_text)}" if item.load_text else ""
    line = f"• <b>{escape(item.name)}</b> {escape(item.prescription)}{load}"
    why = " ".join(note for note in (item.load_note, item.one_rm_note) if note)
    return f"{line}\n   <i>{escape(why)}</i>" if why else line


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
