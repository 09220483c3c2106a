"""Tests for how a lab reading looks: plain words first, a Sources button, citations on tap."""

import datetime as dt

from bot.content.catalogs import load_lab_catalog
from bot.content.location import DEFAULT_LABS_PATH
from bot.domain.labs import DueInfo, read_result
from bot.domain.profile import AgeBand, LabUnits
from bot.services.lab_nudges import LabMessage, choose
from bot.services.labs import LabRow, LabValue
from handlers.callbacks import LabSources
from handlers.views.labs import lab_message_text, reading_text, sources_text

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


def _dxa_nudge(age_band: AgeBand | None) -> str:
    """The nudge text for a due DXA scan, for a man of that age band."""
    lab = CATALOG.get("dxa_spine")
    due = DueInfo(DAY, "baseline", 0, "s", False)
    row = LabRow(lab=lab, last=None, due=due, plan=None)
    text, _ = lab_message_text(LabMessage("nudge", lab, row, age_band))
    return text


def test_dxa_is_one_scan_with_the_note_for_his_age_only() -> None:
    """The DXA nudge names one scan for both sites; the Z-score note is for men under 50."""
    older = _dxa_nudge(AgeBand.B50_59)
    assert "Time to book: DXA scan (spine and hip)" in older
    assert "Men under 50" not in older and "spine and the hip T-score" in older
    younger = _dxa_nudge(AgeBand.B40_49)
    assert "Men under 50 are reported by Z-score" in younger
    assert "spine and the hip T-score" not in younger


def test_dxa_hip_is_never_nudged_on_its_own() -> None:
    """With spine and hip both due the nudge is the spine's (the one scan); hip alone: none."""
    due = DueInfo(DAY, "baseline", 0, "s", False)
    spine, hip = (
        LabRow(lab=CATALOG.get(key), last=None, due=due, plan=None)
        for key in ("dxa_spine", "dxa_hip")
    )
    chosen = choose([hip, spine], DAY)
    assert chosen is not None and chosen.lab.key == "dxa_spine"
    assert choose([hip], DAY) is None
