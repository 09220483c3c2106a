"""The check-in's views: split top bands, the usual shortcuts, the saved-usual text."""

from __future__ import annotations

from bot.content import load_content
from bot.domain.nutrition import NutrientAmount
from handlers.callbacks import CheckinShortcut, Shortcut
from handlers.views.checkin_prompt import (
    SAME_AS_YESTERDAY,
    TOOK_USUAL,
    save_usual_keyboard,
    step_keyboard,
    step_text,
    usual_text,
)

CATALOG = load_content().nutrients


def _labels(markup: object) -> list[list[str]]:
    return [[b.text for b in row] for row in markup.inline_keyboard]  # type: ignore[attr-defined]


def test_first_step_offers_the_usual_and_yesterday_on_top() -> None:
    """With a usual saved and a day logged yesterday, step 1 starts with both shortcuts."""
    rows = _labels(step_keyboard(CATALOG, 7, 0, weight_kg=82.0, usual=True, yesterday=True))
    assert rows[0] == [TOOK_USUAL, SAME_AS_YESTERDAY]
    assert rows[1:3] == [["< 500 mg", "500–999 mg"], ["1000–2000 mg", "over 2000 mg"]]
    assert rows[-1] == ["Skip"]


def test_later_steps_and_no_usual_have_no_shortcuts() -> None:
    """Shortcuts belong to the first step only, and only when there is something to reuse."""
    assert TOOK_USUAL not in str(_labels(step_keyboard(CATALOG, 7, 1, weight_kg=82.0, usual=True)))
    assert _labels(step_keyboard(CATALOG, 7, 0, weight_kg=82.0))[0][0] == "< 500 mg"


def test_after_the_usual_the_steps_ask_about_food() -> None:
    """A step after '✅ Took my usual' asks what food brought."""
    text = step_text(CATALOG, 0, "Tue 03 Mar", after_usual=True)
    assert "<b>Calcium</b> from food today?" in text


def test_save_button_carries_its_check_in() -> None:
    """'Save as my usual' packs the delivery and the save choice."""
    [[button]] = save_usual_keyboard(42).inline_keyboard
    assert CheckinShortcut.unpack(button.callback_data) == CheckinShortcut(42, Shortcut.SAVE)


def test_usual_text_shows_bands_by_label_and_typed_amounts_as_typed() -> None:
    """A tapped band reads as its label; a typed amount as the amount."""
    items = [
        NutrientAmount("vitamin_d", 4001, "IU", 4001, "IU", "over"),
        NutrientAmount("k2", 100, "µg", 100, "µg"),
    ]
    assert usual_text(items, CATALOG, 82.0) == "Vitamin D3 over 4000 IU, Vitamin K2 (MK-7) 100 µg"
