"""The evening nutrition check-in: one nutrient per step, one tap each."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain.nutrition import NutrientAmount, NutrientCatalog, NutrientStatus, range_options
from bot.services.nutrition import SKIP
from handlers.callbacks import CheckinShortcut, CheckinTap, Shortcut
from handlers.views.lessons import why_button

TOOK_USUAL = "✅ Took my usual"
SAME_AS_YESTERDAY = "Same as yesterday"
SAVE_USUAL = "Save as my usual"
STATUS_MARK = {
    "met": "✅",
    "above_target": "🔼",
    "below": "▫️",
    "above_limit": "⚠️",
    "not_logged": "·",
    "logged": "✔️",
}


def step_text(
    catalog: NutrientCatalog,
    step: int,
    day_label: str,
    *,
    after_usual: bool = False,
    shortcuts: bool = False,
) -> str:
    """'Evening check-in (2/6) — Vitamin D3 today, food and supplements?'; after his usual,
    the steps left ask what food brought."""
    nutrient = catalog.nutrients[step]
    total = len(catalog.nutrients)
    question = (
        f"<b>{escape(nutrient.name)}</b> from food today? (Your usual is logged; it has none.)"
        if after_usual
        else f"<b>{escape(nutrient.name)}</b> today, food and supplements together?"
    )
    lead = "Took your usual stack? One tap logs it. Or step by step:\n" if shortcuts else ""
    return (
        f"🥗 <b>Evening check-in — {escape(day_label)}</b> ({step + 1}/{total})\n"
        f"{lead}{question}\n"
        f"<i>Roughly is fine. Exact amounts: /log {escape(nutrient.example)}</i>"
    )


def step_keyboard(
    catalog: NutrientCatalog,
    delivery_id: int,
    step: int,
    *,
    weight_kg: float | None,
    why: str | None = None,
    usual: bool = False,
    yesterday: bool = False,
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
    first = [
        InlineKeyboardButton(label, callback_data=CheckinShortcut(delivery_id, choice).pack())
        for label, choice, shown in (
            (TOOK_USUAL, Shortcut.USUAL, usual),
            (SAME_AS_YESTERDAY, Shortcut.SAME, yesterday),
        )
        if shown and step == 0
    ]
    return InlineKeyboardMarkup([first, *rows, extra] if first else [*rows, extra])


def save_usual_keyboard(delivery_id: int) -> InlineKeyboardMarkup:
    """Under the summary: save tonight's answers as his usual stack."""
    data = CheckinShortcut(delivery_id, Shortcut.SAVE).pack()
    return InlineKeyboardMarkup([[InlineKeyboardButton(SAVE_USUAL, callback_data=data)]])


def usual_text(
    items: Sequence[NutrientAmount], catalog: NutrientCatalog, weight_kg: float | None
) -> str:
    """'Vitamin D3 1000–4000 IU, Vitamin K2 (MK-7) 100 µg' (a tapped band by its label)."""
    parts = []
    for item in items:
        nutrient = catalog.get(item.nutrient_key)
        labels = {o.key: o.label for o in range_options(nutrient, weight_kg=weight_kg)}
        shown = labels.get(item.range_key or "") or f"{item.amount:g} {item.unit}"
        parts.append(f"{nutrient.name} {shown}")
    return ", ".join(parts)


def summary_text(day_label: str, statuses: Sequence[NutrientStatus], streak: int) -> str:
    """The day's nutrients in a few lines, plus the check-in streak."""
    lines = [f"🥗 <b>Check-in done — {escape(day_label)}</b>"]
    for status in statuses:
        lines.append(f"{STATUS_MARK.get(status.status.value, '·')} {escape(status.note)}")
    if streak > 1:
        lines.append(f"\n🔥 {streak} check-ins in a row.")
    lines.append("<i>Amounts from taps are estimates; /log adds exact ones. /today shows all.</i>")
    return "\n".join(lines)


def usual_saved_text(
    items: Sequence[NutrientAmount], catalog: NutrientCatalog, weight_kg: float | None
) -> str:
    """What was saved as his usual, and what the check-in does with it."""
    return (
        f"💊 <b>Saved as your usual:</b> {escape(usual_text(items, catalog, weight_kg))}.\n"
        f"From now on the check-in starts with <b>{TOOK_USUAL}</b>: one tap logs it, then only "
        "what it lacks is asked. /usual shows or changes it."
    )
