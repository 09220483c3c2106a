"""The evening nutrition check-in: one nutrient per step, one tap each."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain.nutrition import NutrientCatalog, NutrientStatus, range_options
from bot.services.nutrition import SKIP
from handlers.callbacks import CheckinTap
from handlers.views.lessons import why_button

STATUS_MARK = {
    "met": "✅",
    "above_target": "🔼",
    "below": "▫️",
    "above_limit": "⚠️",
    "not_logged": "·",
    "logged": "✔️",
}


def step_text(catalog: NutrientCatalog, step: int, day_label: str) -> str:
    """'Evening check-in (2/6) — Vitamin D3 today, food and supplements?'."""
    nutrient = catalog.nutrients[step]
    total = len(catalog.nutrients)
    return (
        f"🥗 <b>Evening check-in — {escape(day_label)}</b> ({step + 1}/{total})\n"
        f"<b>{escape(nutrient.name)}</b> today, food and supplements together?\n"
        f"<i>Roughly is fine. Exact amounts: /log {escape(nutrient.example)}</i>"
    )


def step_keyboard(
    catalog: NutrientCatalog,
    delivery_id: int,
    step: int,
    *,
    weight_kg: float | None,
    why: str | None = None,
) -> InlineKeyboardMarkup:
    """The nutrient's ranges (four go in two rows), then Skip (and Why?)."""
    nutrient = catalog.nutrients[step]
    options = range_options(nutrient, weight_kg=weight_kg)
    buttons = [
        InlineKeyboardButton(o.label, callback_data=CheckinTap(delivery_id, step, o.key).pack())
        for o in options
    ]
    rows = [buttons] if len(buttons) <= 3 else [buttons[:2], buttons[2:]]
    skip = InlineKeyboardButton("Skip", callback_data=CheckinTap(delivery_id, step, SKIP).pack())
    extra = [skip, why_button(why)] if why else [skip]
    return InlineKeyboardMarkup([*rows, extra])


def summary_text(day_label: str, statuses: Sequence[NutrientStatus], streak: int) -> str:
    """The day's nutrients in a few lines, plus the check-in streak."""
    lines = [f"🥗 <b>Check-in done — {escape(day_label)}</b>"]
    for status in statuses:
        lines.append(f"{STATUS_MARK.get(status.status.value, '·')} {escape(status.note)}")
    if streak > 1:
        lines.append(f"\n🔥 {streak} check-ins in a row.")
    lines.append("<i>Amounts from taps are estimates; /log adds exact ones. /today shows all.</i>")
    return "\n".join(lines)
