"""Tests for how a lab reading looks: plain words first, a Sources button, citations on tap."""

import datetime as dt

from bot.content.catalogs import load_lab_catalog
from bot.content.location import DEFAULT_LABS_PATH
from bot.domain.labs import read_result
from bot.domain.profile import AgeBand, LabUnits
from bot.services.labs import LabValue
from handlers.callbacks import LabSources
from handlers.views.labs import reading_text, sources_text

CATALOG = load_lab_catalog(DEFAULT_LABS_PATH)
DAY = dt.date(2026, 3, 2)


def test_reading_is_plain_with_a_sources_button() -> None:
    """The reading names no study; its one button brings the sources for that lab and day."""
    lab = CATALOG.get("e2")
    reading = read_result(lab, 8, age_band=AgeBand.B50_59)
    text, markup = reading_text(lab, LabValue(DAY, 8, None), reading, LabUnits.SI, corrected=False)
    assert "Finkelstein" not in text and "contact your prescriber promptly" in text
    (button,) = [b for row in markup.inline_keyboard for b in row]
    assert button.text == "📚 Sources"
    assert LabSources.unpack(str(button.callback_data)) == LabSources("e2", DAY)
    sources = sources_text(reading)
    assert "Finkelstein, JCI 2016" in sources and "tier" not in sources


def test_ctx_reading_asks_for_his_lab_range_until_he_gives_it() -> None:
    """A CTX without his lab's range asks for it; with the range given it does not."""
    lab = CATALOG.get("ctx")
    reading = read_result(lab, 400, age_band=AgeBand.B50_59)
    plain, _ = reading_text(lab, LabValue(DAY, 400, None), reading, LabUnits.SI, corrected=False)
    assert "/lab ctx ref 132-752" in plain
    given = LabValue(DAY, 400, None, ref_low=132, ref_high=752)
    with_range, _ = reading_text(lab, given, reading, LabUnits.SI, corrected=False)
    assert "ref 132-752" not in with_range
