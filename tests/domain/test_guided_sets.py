"""The guided-log stepper: where loads start, plate steps, set by set, and its button text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.content.catalogs import load_exercise_catalog
from bot.content.location import DEFAULT_EXERCISES_PATH
from bot.domain.profile import KG_PER_LB, WeightUnit
from bot.domain.training.guided import SetStepper, big_step, plate_step, start_load

KG, LB = WeightUnit.KG, WeightUnit.LB
CATALOG = load_exercise_catalog(DEFAULT_EXERCISES_PATH)


def test_start_is_the_empty_bar_as_a_round_number_in_his_unit() -> None:
    """Without a plan load: 20 kg or 45 lb (not 44.1 lb, a converted 20 kg bar)."""
    assert start_load(CATALOG, KG, None) == 20
    assert start_load(CATALOG, LB, None) == 45


def test_start_is_the_prescribed_load_rounded_to_a_plate_step() -> None:
    """A 61.2 kg plan load starts at 60 kg, and at 135 lb for a man who lifts in pounds."""
    assert start_load(CATALOG, KG, 61.2) == 60
    assert start_load(CATALOG, LB, 61.2) == 135


def test_steps_are_plate_pairs_so_round_numbers_are_reachable() -> None:
    """45 lb + 4×20 + 2×5 = 135 lb; 20 kg + 8×10 = 100 kg."""
    assert (plate_step(CATALOG, KG), plate_step(CATALOG, LB)) == (2.5, 5)
    assert (big_step(CATALOG, KG), big_step(CATALOG, LB)) == (10, 20)
    lb = SetStepper.start(CATALOG, LB, load=45, reps=10)
    for _ in range(4):
        lb = lb.with_load(20)
    lb = lb.with_load(5).with_load(5)
    assert lb.load == 135
    assert lb.sets()[0].load_kg == pytest.approx(135 * KG_PER_LB)
    kg = SetStepper.start(CATALOG, KG, load=20, reps=5)
    for _ in range(8):
        kg = kg.with_load(10)
    assert kg.load == 100


def test_set_by_set_each_set_keeps_its_own_load_and_reps() -> None:
    """60×5, next set +5 kg, next set +5 kg and −2 reps: three different sets."""
    stepper = SetStepper.start(CATALOG, KG, load=60, reps=5)
    stepper = stepper.next_set().with_load(2.5).with_load(2.5)
    stepper = stepper.next_set().with_load(5).with_reps(-2)
    assert [(s.load_kg, s.reps) for s in stepper.sets()] == [(60, 5), (65, 5), (70, 3)]
    assert stepper.back().set_count() == 2


def test_limits_hold() -> None:
    """Loads stay between one step and the plausible maximum; reps 1–30; at most 10 sets."""
    stepper = SetStepper.start(CATALOG, KG, load=2.5, reps=1)
    assert stepper.with_load(-10).load == 2.5
    assert stepper.with_reps(-1).reps == 1
    assert stepper.with_load(10_000).load == 500
    for _ in range(15):
        stepper = stepper.next_set()
    assert stepper.set_count() == 10


def test_bodyweight_sets_have_no_load() -> None:
    """Jumps: reps only; load buttons change nothing."""
    stepper = SetStepper.start(CATALOG, KG, load=None, reps=5).with_load(10)
    assert stepper.bodyweight
    assert [s.load_kg for s in stepper.sets()] == [0]


@given(
    unit=st.sampled_from([KG, LB]),
    sets=st.lists(
        st.tuples(st.integers(min_value=0, max_value=200), st.integers(1, 30)),
        min_size=1,
        max_size=10,
    ),
)
def test_encoding_round_trips_and_fits_a_button(
    unit: WeightUnit, sets: list[tuple[int, int]]
) -> None:
    """Any stepper decodes back to itself from at most 31 characters."""
    *done, (steps, reps) = sets
    stepper = SetStepper(unit, plate_step(CATALOG, unit), tuple(done), steps, reps)
    text = stepper.encode()
    assert len(text) <= 31
    assert SetStepper.decode(text, CATALOG) == stepper


@pytest.mark.parametrize("text", ["", "k", "x0k5", "k0k", "k0k0", "k0kz", "kzz5", "k" + "0k5" * 11])
def test_malformed_text_is_refused(text: str) -> None:
    """Forged or broken button text decodes to None."""
    assert SetStepper.decode(text, CATALOG) is None
