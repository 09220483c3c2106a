"""Personal records, top sets and the Epley estimate (the next load: test_loads.py)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.content.catalogs import load_exercise_catalog
from bot.content.location import DEFAULT_EXERCISES_PATH
from bot.domain.profile import WeightUnit
from bot.domain.training import SessionResult, SetEntry, personal_records, top_sets
from bot.domain.training.loads import epley_1rm

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
