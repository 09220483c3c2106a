"""Tests for phases and the daily training plan."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.content.catalogs import load_exercise_catalog
from bot.content.location import DEFAULT_EXERCISES_PATH
from bot.domain.profile import Weekday, WeightUnit
from bot.domain.training import (
    ItemKind,
    LoadReason,
    NextLoad,
    phase_for,
    session_for_day,
    weeks_since_start,
)

CATALOG = load_exercise_catalog(DEFAULT_EXERCISES_PATH)
START = date(2026, 1, 5)  # a Monday
MON_THU = frozenset({Weekday.MON, Weekday.THU})
DOSE_TEXTS = {dose.key: dose for dose in CATALOG.off_day_doses}


KG = WeightUnit.KG


def _suggest(kg: float | None, estimate: float | None = None) -> NextLoad:
    return NextLoad(kg, LoadReason.START if kg is None else LoadReason.RISE, estimate)


@pytest.mark.parametrize(
    ("weeks", "key"),
    [
        (0, "familiarization"),
        (3, "familiarization"),
        (4, "build"),
        (7, "build"),
        (8, "heavy"),
        (9, "heavy"),
        (520, "heavy"),
    ],
)
def test_phase_boundaries(weeks: int, key: str) -> None:
    """Weeks 1–4 are familiarization, 5–8 build, 9 onwards heavy (0-based input)."""
    assert phase_for(weeks, CATALOG).key == key


def test_phase_for_negative_weeks_raises() -> None:
    """A negative week count is a programming error and raises ValueError."""
    with pytest.raises(ValueError, match="0 or more"):
        phase_for(-1, CATALOG)


@pytest.mark.parametrize(
    ("day", "weeks"),
    [
        (START - timedelta(days=10), 0),
        (START, 0),
        (START + timedelta(days=6), 0),
        (START + timedelta(days=7), 1),
        (START + timedelta(days=56), 8),
    ],
)
def test_weeks_since_start(day: date, weeks: int) -> None:
    """Whole weeks since the program start; days before the start count as week 0."""
    assert weeks_since_start(day, START) == weeks


def test_heavy_training_day_session() -> None:
    """A training day in week 9+ lists 5×5 squat, deadlift, press and jumps with loads."""
    day = START + timedelta(weeks=10)  # a Monday
    loads = {"squat": _suggest(100.0, 125.0), "deadlift": _suggest(140.0)}
    plan = session_for_day(
        day, training_days=MON_THU, program_start=START, catalog=CATALOG, loads=loads, unit=KG
    )
    assert plan.is_training_day
    assert plan.title == "Heavy day: squat, deadlift, press + jumps"
    assert (plan.week, plan.phase_key, plan.dose) == (11, "heavy", None)
    assert [item.key for item in plan.items] == [
        "squat",
        "deadlift",
        "overhead_press",
        "jumping_chin_up",
    ]
    assert [item.prescription for item in plan.items] == ["5×5"] * 4
    squat, deadlift, press, jumps = plan.items
    assert (squat.load_text, squat.load_kg) == ("100 kg", 100.0)
    assert deadlift.load_text == "140 kg"
    assert press.load_text == "a light load you could lift about 15 times"
    assert press.load_kg is None
    assert squat.load_note == "+2.5 kg: every set done and it didn't feel hard."
    assert squat.one_rm_note == "≈ 80 % of your estimated 1RM (125 kg); Heavy aims at 80–85 %"
    assert deadlift.one_rm_note is None  # no estimate without logged sets
    assert squat.note == CATALOG.lift("squat").cue
    assert jumps.kind is ItemKind.IMPACT
    assert jumps.load_text == "bodyweight"
    assert "drop jumps from a low box" in jumps.note
    assert "jump squats" in jumps.note


def test_familiarization_session_uses_light_rep_range() -> None:
    """In weeks 1–4 lifts are 3×8–10 at a light load he could lift about 15 times."""
    plan = session_for_day(
        START, training_days=MON_THU, program_start=START, catalog=CATALOG, loads={}, unit=KG
    )
    assert plan.title == "Technique day: squat, deadlift, press + jumps"
    lifts = [item for item in plan.items if item.kind is ItemKind.LIFT]
    assert [item.prescription for item in lifts] == ["3×8–10"] * 3
    assert {(item.reps, item.reps_max) for item in lifts} == {(8, 10)}
    assert {item.load_text for item in lifts} == {"a light load you could lift about 15 times"}
    assert lifts[0].load_note.startswith("Weeks 1–4 are for technique")
    assert plan.items[-1].prescription == "3×5"


def test_start_suggestion_without_load_uses_phase_text() -> None:
    """A lift with no log yet, after the technique weeks, still starts light and says so."""
    day = START + timedelta(weeks=5)
    plan = session_for_day(
        day,
        training_days=MON_THU,
        program_start=START,
        catalog=CATALOG,
        loads={"squat": _suggest(None)},
        unit=KG,
    )
    assert plan.phase_key == "build"
    assert plan.items[0].load_text == "a light load you could lift about 15 times"
    assert plan.items[0].load_kg is None
    assert plan.items[0].load_note.startswith("No log of this lift yet: start light")


def test_training_day_notes_cover_technique_and_starting_light() -> None:
    """Training days carry the phase focus and the technique safety notes."""
    plan = session_for_day(
        START, training_days=MON_THU, program_start=START, catalog=CATALOG, loads={}, unit=KG
    )
    assert plan.notes[0] == CATALOG.phases[0].focus
    assert any("light weights first" in note for note in plan.notes)


def test_non_training_day_gets_a_short_dose() -> None:
    """An off day has no items, a dose from the catalog and a dose title."""
    day = START + timedelta(days=1)  # Tuesday
    plan = session_for_day(
        day, training_days=MON_THU, program_start=START, catalog=CATALOG, loads={}, unit=KG
    )
    assert not plan.is_training_day
    assert plan.items == []
    dose = DOSE_TEXTS[next(k for k, d in DOSE_TEXTS.items() if d.title == plan.title)]
    assert plan.dose == dose.render(10)


def test_off_day_jumps_grow_after_familiarization() -> None:
    """The jumps dose has 10 jumps during familiarization and 20 afterwards."""
    no_training: frozenset[Weekday] = frozenset()
    texts = {
        session_for_day(
            START + timedelta(days=offset),
            training_days=no_training,
            program_start=START,
            catalog=CATALOG,
            loads={},
            unit=KG,
        ).dose
        for offset in range(70)
    }
    assert "10 jumps + 20-minute brisk walk" in texts
    assert "20 jumps + 20-minute brisk walk" in texts


def test_rotation_is_deterministic_and_covers_every_dose() -> None:
    """The same date always gets the same dose, and a week of off days uses them all."""
    no_training: frozenset[Weekday] = frozenset()
    days = [START + timedelta(weeks=10, days=offset) for offset in range(7)]

    def dose_on(day: date) -> str | None:
        return session_for_day(
            day, training_days=no_training, program_start=START, catalog=CATALOG, loads={}, unit=KG
        ).title

    first = [dose_on(day) for day in days]
    assert first == [dose_on(day) for day in days]
    assert set(first) == {dose.title for dose in CATALOG.off_day_doses}


@given(
    day=st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)),
    training=st.frozensets(st.sampled_from(list(Weekday)), max_size=5),
)
def test_consecutive_off_days_vary(day: date, training: frozenset[Weekday]) -> None:
    """Two consecutive non-training days never get the same dose."""
    tomorrow = day + timedelta(days=1)
    plans = [
        session_for_day(
            d, training_days=training, program_start=START, catalog=CATALOG, loads={}, unit=KG
        )
        for d in (day, tomorrow)
    ]
    if not any(plan.is_training_day for plan in plans):
        assert plans[0].title != plans[1].title


@given(day=st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)))
def test_training_days_follow_the_weekday_set(day: date) -> None:
    """A day is a training day exactly when its weekday is in the user's set."""
    plan = session_for_day(
        day, training_days=MON_THU, program_start=START, catalog=CATALOG, loads={}, unit=KG
    )
    assert plan.is_training_day == (Weekday(day.weekday()) in MON_THU)
    assert bool(plan.items) == plan.is_training_day
    assert (plan.dose is None) == plan.is_training_day
