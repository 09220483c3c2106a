"""The morning training prompt and its answer buttons."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain.training import DayPlan, PlannedItem
from handlers.callbacks import GuidedLog, LogAsPrescribed, TrainingOutcome
from handlers.views.lessons import why_button

OUTCOME_LABELS = {"done": "✅ Done", "partly": "◐ Partly", "skipped": "✖ Skipped"}


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
