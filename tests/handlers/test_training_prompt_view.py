"""The morning prompt's text: each lift with its cue and load, and the words beside the load."""

from __future__ import annotations

from datetime import date
from html import unescape

from bot.content.catalogs import load_exercise_catalog
from bot.content.location import DEFAULT_EXERCISES_PATH
from bot.domain.profile import Weekday, WeightUnit
from bot.domain.training import LoadReason, NextLoad, session_for_day
from handlers.views.training_prompt import plan_text

CATALOG = load_exercise_catalog(DEFAULT_EXERCISES_PATH)
MONDAY = date(2026, 3, 2)


def _text(day: date, loads: dict[str, NextLoad]) -> str:
    plan = session_for_day(
        day,
        training_days=frozenset({Weekday.MON}),
        program_start=MONDAY,
        catalog=CATALOG,
        loads=loads,
        unit=WeightUnit.KG,
    )
    return unescape(plan_text(plan, CATALOG))


def test_a_note_every_lift_shares_is_said_once() -> None:
    """On day one every lift starts light: the technique sentence appears once, each cue
    still under its lift."""
    text = _text(MONDAY, {})
    assert text.count("Weeks 1–4 are for technique") == 1
    for lift in CATALOG.lifts:
        assert lift.cue in text


def test_notes_that_differ_stay_with_their_lift() -> None:
    """Once loads differ, each lift says why its own load is what it is, with its 1RM share."""
    week_6 = date(2026, 4, 6)
    loads = {
        "squat": NextLoad(62.5, LoadReason.RISE, 80.0),
        "deadlift": NextLoad(80.0, LoadReason.HOLD_HARD, None),
    }
    text = _text(week_6, loads)
    assert "Back squat</b> 5×5 — 62.5 kg" in text
    assert "+2.5 kg: every set done and it didn't feel hard. ≈ 78 % of your estimated 1RM" in text
    assert "Same load: last time felt hard." in text
    assert "No log of this lift yet: start light" in text  # the press
