"""Names /log accepts (catalogue, aliases, custom lifts) and when a set is a new record."""

from __future__ import annotations

import pytest

from bot.content.catalogs import load_exercise_catalog
from bot.content.location import DEFAULT_EXERCISES_PATH
from bot.domain.text import InvalidAnswer
from bot.domain.training import (
    SetEntry,
    exercise_for_key,
    exercise_for_name,
    find_exercise,
    new_record,
)

CATALOG = load_exercise_catalog(DEFAULT_EXERCISES_PATH)


@pytest.mark.parametrize(
    ("name", "key", "bodyweight"),
    [
        ("jumping chin-ups", "jumping_chin_up", True),
        ("Jumping Chin Ups", "jumping_chin_up", True),
        ("chin ups", "chin_up", True),
        ("farmer's carry", "farmers_carry", False),
        ("Farmer’s Carry", "farmers_carry", False),
        ("farmers walk", "farmers_carry", False),
        ("jump squats", "jump_squat", True),
        ("drop jumps from a low box", "drop_jump", True),
        ("bench", "bench_press", False),
        ("row", "barbell_row", False),
        ("lunges", "lunge", True),
        ("squats", "squat", False),
        ("OHP", "overhead_press", False),
    ],
)
def test_catalogue_names_and_aliases(name: str, key: str, bodyweight: bool) -> None:
    """Every kind of catalogue exercise is found by name or alias, any case or dash."""
    found = find_exercise(CATALOG, name)
    assert found is not None
    assert (found.key, found.bodyweight, found.custom) == (key, bodyweight, False)


def test_unknown_names_become_custom_lifts_with_a_readable_name() -> None:
    """'Zercher-Squat' is stored as custom:zercher squat and shown as 'Zercher squat'."""
    exercise = exercise_for_name(CATALOG, "Zercher-Squat")
    assert (exercise.key, exercise.name, exercise.custom) == (
        "custom:zercher squat",
        "Zercher squat",
        True,
    )
    assert exercise_for_name(CATALOG, "zercher squat").key == exercise.key
    assert exercise_for_key(CATALOG, exercise.key).name == "Zercher squat"


def test_every_key_gets_a_name() -> None:
    """Catalogue, custom and retired keys all get a name; no lookup fails."""
    assert exercise_for_key(CATALOG, "squat").name == "Back squat"
    assert exercise_for_key(CATALOG, "jumping_chin_up").bodyweight
    assert exercise_for_key(CATALOG, "old_lift").name == "Old lift"


def test_custom_names_must_be_words_and_fit() -> None:
    """Punctuation-only or over-long names are refused with a reason."""
    with pytest.raises(InvalidAnswer, match="doesn't look like"):
        exercise_for_name(CATALOG, "!!!")
    with pytest.raises(InvalidAnswer, match="up to 25 characters"):
        exercise_for_name(CATALOG, "x" * 26)


def _sets(*pairs: tuple[float, int]) -> list[SetEntry]:
    return [SetEntry(load_kg=load, reps=reps) for load, reps in pairs]


def test_first_log_is_a_start_not_a_record() -> None:
    """With no earlier sets nothing is celebrated."""
    assert new_record([], _sets((100, 5))) is None


def test_heavier_set_or_more_reps_at_the_best_load_is_a_record() -> None:
    """70×3 beats 65×5; 65×6 beats 65×5; 65×5 again or 60×8 does not."""
    before = _sets((60, 5), (65, 5))
    assert new_record(before, _sets((60, 5), (70, 3))) == SetEntry(load_kg=70, reps=3)
    assert new_record(before, _sets((65, 6))) == SetEntry(load_kg=65, reps=6)
    assert new_record(before, _sets((65, 5))) is None
    assert new_record(before, _sets((60, 8))) is None


def test_same_load_through_a_unit_round_trip_is_not_a_record() -> None:
    """135 lb logged twice (converted to kg with float noise) is the same record."""
    load = 135 * 0.45359237
    assert new_record(_sets((load, 5)), _sets((load + 1e-9, 5))) is None


def test_bodyweight_records_are_more_reps() -> None:
    """For jumps (load 0) a record is more reps in a set."""
    assert new_record(_sets((0, 5)), _sets((0, 6))) == SetEntry(load_kg=0, reps=6)
