"""Tests for progressive overload, personal records and top sets."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.content.catalogs import load_exercise_catalog
from bot.content.location import DEFAULT_EXERCISES_PATH
from bot.domain.profile import KG_PER_LB, WeightUnit
from bot.domain.training import (
    SessionResult,
    SetEntry,
    SuggestionReason,
    next_suggestion,
    personal_records,
    to_unit,
    top_sets,
)
from bot.domain.training.progression import completed_load, epley_1rm

KG, LB = WeightUnit.KG, WeightUnit.LB
CATALOG = load_exercise_catalog(DEFAULT_EXERCISES_PATH)
DAY0 = date(2026, 3, 2)


def _session(
    offset: int, key: str, kg: float, reps: list[int], planned: tuple[int, int] = (5, 5)
) -> SessionResult:
    return SessionResult(
        day=DAY0 + timedelta(days=offset),
        lift_key=key,
        planned_sets=planned[0],
        planned_reps=planned[1],
        sets=[SetEntry(reps=r, load_kg=kg) for r in reps],
    )


DONE = [5, 5, 5, 5, 5]
MISSED = [5, 5, 5, 4, 3]


@pytest.mark.parametrize(
    ("key", "kg", "expected"),
    [("squat", 100.0, 105.0), ("deadlift", 140.0, 145.0), ("overhead_press", 40.0, 42.5)],
)
def test_completed_session_adds_increment_in_kg(key: str, kg: float, expected: float) -> None:
    """After all sets at planned reps: +5 kg for lower-body lifts, +2.5 kg for the press."""
    suggestion = next_suggestion(key, [_session(0, key, kg, DONE)], CATALOG, unit=KG)
    assert suggestion.reason is SuggestionReason.INCREASE
    assert suggestion.load_kg == pytest.approx(expected)
    assert suggestion.text == f"{expected:g} kg"


@pytest.mark.parametrize(
    ("key", "lb", "expected"),
    [("squat", 225.0, "235 lb"), ("overhead_press", 95.0, "100 lb")],
)
def test_completed_session_adds_increment_in_lb(key: str, lb: float, expected: str) -> None:
    """In lb the increments are +10 lb (lower) and +5 lb (upper)."""
    history = [_session(0, key, lb * KG_PER_LB, DONE)]
    suggestion = next_suggestion(key, history, CATALOG, unit=LB)
    assert suggestion.text == expected
    assert suggestion.note.startswith("+10 lb" if key == "squat" else "+5 lb")


def test_odd_load_rounds_to_plates() -> None:
    """Loads are rounded to 2.5 kg, or to 5 lb for lb users."""
    history = [_session(0, "squat", 102.0, DONE)]
    assert next_suggestion("squat", history, CATALOG, unit=KG).text == "107.5 kg"
    # 102 + 5 = 107 -> 107.5 kg; 102 kg = 224.9 lb, + 10 = 234.9 -> 235 lb
    assert next_suggestion("squat", history, CATALOG, unit=LB).text == "235 lb"


def test_one_miss_holds_the_load() -> None:
    """A single missed session keeps the same load."""
    history = [_session(0, "squat", 95.0, DONE), _session(3, "squat", 100.0, MISSED)]
    suggestion = next_suggestion("squat", history, CATALOG, unit=KG)
    assert suggestion.reason is SuggestionReason.HOLD
    assert suggestion.text == "100 kg"


@pytest.mark.parametrize(
    ("kg", "unit", "expected"),
    [(100.0, KG, "90 kg"), (102.5, KG, "92.5 kg"), (225 * KG_PER_LB, LB, "205 lb")],
)
def test_two_misses_step_back_ten_percent(kg: float, unit: WeightUnit, expected: str) -> None:
    """Two missed sessions in a row step the load back 10 %, rounded to plates."""
    history = [_session(0, "squat", kg, MISSED), _session(3, "squat", kg, [5, 5, 4, 4, 4])]
    suggestion = next_suggestion("squat", history, CATALOG, unit=unit)
    assert suggestion.reason is SuggestionReason.STEP_BACK
    assert suggestion.text == expected


def test_step_back_is_at_least_one_plate_and_never_zero() -> None:
    """A step back always lowers a light load by a plate but never below one plate."""
    light = [_session(0, "overhead_press", 10.0, MISSED), _session(2, "overhead_press", 10.0, [3])]
    assert next_suggestion("overhead_press", light, CATALOG, unit=KG).text == "7.5 kg"
    tiny = [_session(0, "overhead_press", 2.5, MISSED), _session(2, "overhead_press", 2.5, [3])]
    assert next_suggestion("overhead_press", tiny, CATALOG, unit=KG).text == "2.5 kg"


def test_miss_then_completion_increases() -> None:
    """Completing the session after a miss adds the increment again."""
    history = [_session(0, "deadlift", 140.0, MISSED), _session(3, "deadlift", 140.0, DONE)]
    assert next_suggestion("deadlift", history, CATALOG, unit=KG).text == "145 kg"


def test_history_order_and_other_lifts_do_not_matter() -> None:
    """History is read in date order and only the requested lift counts."""
    history = [
        _session(7, "squat", 100.0, DONE),
        _session(0, "squat", 90.0, MISSED),
        _session(8, "deadlift", 150.0, MISSED),
    ]
    assert next_suggestion("squat", history, CATALOG, unit=KG).text == "105 kg"


def test_skipped_sessions_are_ignored() -> None:
    """A session with no sets (skipped) neither counts as a miss nor resets progress."""
    skipped = SessionResult(
        day=DAY0 + timedelta(days=5), lift_key="squat", planned_sets=5, planned_reps=5
    )
    history = [_session(0, "squat", 100.0, DONE), skipped]
    assert next_suggestion("squat", history, CATALOG, unit=KG).text == "105 kg"


def test_warm_up_and_extra_sets_do_not_spoil_completion() -> None:
    """Lighter warm-ups are ignored; the load reached on every planned set is what counts."""
    session = SessionResult(
        day=DAY0,
        lift_key="squat",
        planned_sets=5,
        planned_reps=5,
        sets=[SetEntry(reps=5, load_kg=60.0)]
        + [SetEntry(reps=5, load_kg=100.0)] * 4
        + [SetEntry(reps=5, load_kg=105.0)],
    )
    assert completed_load(session) == 100.0
    assert next_suggestion("squat", [session], CATALOG, unit=KG).text == "105 kg"


def test_familiarization_rep_range_uses_planned_reps() -> None:
    """3×8 planned and done counts as complete even when fewer than 5 sets were done."""
    history = [_session(0, "squat", 40.0, [8, 9, 8], planned=(3, 8))]
    assert next_suggestion("squat", history, CATALOG, unit=KG).text == "45 kg"


def test_no_history_has_no_load_and_starting_advice() -> None:
    """Without history the load is None and the text says how to choose one."""
    suggestion = next_suggestion("squat", [], CATALOG, unit=KG)
    assert suggestion.reason is SuggestionReason.START
    assert suggestion.load_kg is None
    assert suggestion.text == "a load you can lift 10 times with good form"
    five = next_suggestion("squat", [], CATALOG, unit=LB, target_reps=5)
    assert five.text == "a load you can lift 5 times with good form"


def test_unknown_lift_raises() -> None:
    """Suggesting for a lift not in the catalog raises ValueError."""
    with pytest.raises(ValueError, match="unknown lift key"):
        next_suggestion("bench", [], CATALOG, unit=KG)


@given(
    loads=st.lists(
        st.integers(min_value=1, max_value=160).map(lambda n: n * 2.5), min_size=1, max_size=4
    ),
    completed=st.lists(st.booleans(), min_size=4, max_size=4),
    unit=st.sampled_from([KG, LB]),
    key=st.sampled_from(["squat", "deadlift", "overhead_press"]),
)
def test_suggestions_are_whole_plates(
    loads: list[float], completed: list[bool], unit: WeightUnit, key: str
) -> None:
    """Every suggested load is a positive multiple of 2.5 kg (or 5 lb)."""
    history = [
        _session(i * 3, key, kg, DONE if completed[i] else MISSED) for i, kg in enumerate(loads)
    ]
    suggestion = next_suggestion(key, history, CATALOG, unit=unit)
    assert suggestion.load_kg is not None
    plate = 2.5 if unit is KG else 5.0
    amount = to_unit(suggestion.load_kg, unit)
    assert amount >= plate
    assert amount / plate == pytest.approx(round(amount / plate))


@pytest.mark.parametrize(
    ("kg", "reps", "expected"),
    [(100.0, 1, 100.0), (100.0, 5, 100 * (1 + 5 / 30)), (100.0, 10, 100 * (1 + 10 / 30))],
)
def test_epley_estimate(kg: float, reps: int, expected: float) -> None:
    """Epley: load × (1 + reps/30); a single is its own 1RM."""
    assert epley_1rm(kg, reps) == pytest.approx(expected)


def test_epley_is_capped_at_ten_reps() -> None:
    """Sets of more than 10 reps give no 1RM estimate."""
    assert epley_1rm(60.0, 11) is None


def test_personal_records_heaviest_set_with_reps_and_date() -> None:
    """The PR is the heaviest set (more reps wins a tie, first date kept) with its date."""
    history = [
        _session(0, "squat", 100.0, [5, 5, 5]),
        _session(3, "squat", 110.0, [3, 2]),
        _session(6, "squat", 110.0, [3]),
        _session(9, "squat", 105.0, [5]),
        _session(1, "deadlift", 150.0, [5]),
    ]
    records = personal_records(history)
    squat = records["squat"]
    assert (squat.load_kg, squat.reps, squat.day) == (110.0, 3, DAY0 + timedelta(days=3))
    # Best estimate: 105 × (1 + 5/30) = 122.5 beats 110 × 1.1 = 121.
    assert squat.estimated_1rm_kg == pytest.approx(122.5)
    assert records["deadlift"].estimated_1rm_kg == pytest.approx(175.0)
    assert set(records) == {"squat", "deadlift"}


def test_personal_record_without_short_sets_has_no_estimate() -> None:
    """When every set had more than 10 reps there is no 1RM estimate."""
    records = personal_records([_session(0, "overhead_press", 20.0, [12, 15], planned=(2, 12))])
    assert records["overhead_press"].estimated_1rm_kg is None
    assert personal_records([]) == {}


def test_top_sets_newest_first_with_limit() -> None:
    """Recent top sets come newest first, one per session, limited in number."""
    history = [
        _session(0, "squat", 90.0, [5]),
        _session(3, "squat", 95.0, [5, 5]),
        _session(7, "squat", 100.0, [5]),
        _session(5, "deadlift", 140.0, [5]),
    ]
    tops = top_sets(history, "squat", 2)
    assert [(t.day, t.load_kg, t.reps) for t in tops] == [
        (DAY0 + timedelta(days=7), 100.0, 5),
        (DAY0 + timedelta(days=3), 95.0, 5),
    ]
    assert len(top_sets(history, "squat", 10)) == 3
    assert top_sets(history, "squat", 0) == []
    assert top_sets(history, "overhead_press", 5) == []


def test_top_sets_negative_limit_raises() -> None:
    """A negative limit raises ValueError."""
    with pytest.raises(ValueError, match="limit"):
        top_sets([], "squat", -1)
