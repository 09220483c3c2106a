"""Tests for the typed lift log parser (`/log squat 5x5 100kg`)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.content.catalogs import load_exercise_catalog
from bot.content.location import DEFAULT_EXERCISES_PATH
from bot.domain.profile import KG_PER_LB, WeightUnit
from bot.domain.text import InvalidAnswer
from bot.domain.training import format_load, parse_lift_log, to_unit
from bot.domain.training.values import round_to_step

KG, LB = WeightUnit.KG, WeightUnit.LB
CATALOG = load_exercise_catalog(DEFAULT_EXERCISES_PATH)


@pytest.mark.parametrize(
    ("text", "default", "key", "reps", "amount", "unit"),
    [
        ("squat 5x5 100kg", KG, "squat", [5] * 5, 100.0, KG),
        ("squat 5 x 5 @ 100 kg", KG, "squat", [5] * 5, 100.0, KG),
        ("Squat 5×5 100", KG, "squat", [5] * 5, 100.0, KG),
        ("SQUAT 5X5 100KG", LB, "squat", [5] * 5, 100.0, KG),
        ("deadlift 1x5 140kg", KG, "deadlift", [5], 140.0, KG),
        ("ohp 5x5 40", KG, "overhead_press", [5] * 5, 40.0, KG),
        ("press 3x8 30 kg", KG, "overhead_press", [8] * 3, 30.0, KG),
        ("military press 3*8 30kg", KG, "overhead_press", [8] * 3, 30.0, KG),
        ("squat 5x5 225 lb", KG, "squat", [5] * 5, 225.0, LB),
        ("squat 5x5 225lbs", KG, "squat", [5] * 5, 225.0, LB),
        ("squat 5x5 225 pounds", KG, "squat", [5] * 5, 225.0, LB),
        ("squat 5x5 225", LB, "squat", [5] * 5, 225.0, LB),
        ("squat 100kg 5x5", KG, "squat", [5] * 5, 100.0, KG),
        ("squat @ 100kg 5x5", KG, "squat", [5] * 5, 100.0, KG),
        ("squat at 100 kg 5 sets of 5", KG, "squat", [5] * 5, 100.0, KG),
        ("squat 100kg 5,5,5,4,4", KG, "squat", [5, 5, 5, 4, 4], 100.0, KG),
        ("squat 5, 5, 4 100kg", KG, "squat", [5, 5, 4], 100.0, KG),
        ("deadlift 140 5/5/3", KG, "deadlift", [5, 5, 3], 140.0, KG),
        ("back squat 5x5 102.5kg", KG, "squat", [5] * 5, 102.5, KG),
        ("sq 5x5 102,5 kg", KG, "squat", [5] * 5, 102.5, KG),
        ("dl 3x5 150kg.", KG, "deadlift", [5] * 3, 150.0, KG),
        ("/log squat 5x5 100kg", KG, "squat", [5] * 5, 100.0, KG),
        ("deadlifts 5x5 reps 120 kg", KG, "deadlift", [5] * 5, 120.0, KG),
        ("squat 10x30 500kg", KG, "squat", [30] * 10, 500.0, KG),
        ("squat 1x1 1100 lb", KG, "squat", [1], 1100.0, LB),
    ],
)
def test_accepted_log_lines(
    text: str, default: WeightUnit, key: str, reps: list[int], amount: float, unit: WeightUnit
) -> None:
    """Common ways of writing a lift, sets×reps and load are understood."""
    log = parse_lift_log(text, CATALOG, default_unit=default)
    assert log.lift_key == key
    assert [entry.reps for entry in log.sets] == reps
    expected_kg = amount if unit is KG else amount * KG_PER_LB
    assert all(entry.load_kg == pytest.approx(expected_kg) for entry in log.sets)
    assert log.entered_unit is unit


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("deadlift 5x5 bodyweight", "I need a load in kg or lb"),
        ("squat 5x5 bw", "I need a load in kg or lb"),
        ("rdl 5x5 100kg", "I don't know the exercise “rdl”. I can log: squat, deadlift"),
        ("bench 5x5 100", "I can log: squat, deadlift, overhead press"),
        ("5x5 100kg", "Start with the exercise"),
        ("squat", "I need sets×reps and a load, e.g. squat 5x5 100kg"),
        ("squat 5x5", "I need sets×reps and a load"),
        ("squat 100kg", "I need sets×reps and a load"),
        ("squat 0x5 100kg", "Sets go from 1 to 10"),
        ("squat 11x5 100kg", "Sets go from 1 to 10"),
        ("squat 100kg 5,5,5,5,5,5,5,5,5,5,5", "Sets go from 1 to 10"),
        ("squat 5x0 100kg", "Reps per set go from 1 to 30"),
        ("squat 5x31 100kg", "Reps per set go from 1 to 30"),
        ("squat 100kg 5,5,0", "Reps per set go from 1 to 30"),
        ("squat 5x5 0kg", "more than 0 and at most 500 kg"),
        ("squat 5x5 501kg", "more than 0 and at most 500 kg"),
        ("squat 5x5 1200 lb", "more than 0 and at most 1100 lb, e.g. squat 5x5 225 lb"),
        ("squat 5x5 100 kg 110 kg", "more than one load"),
        ("squat 5x5 3x5 100kg", "Send the sets once"),
        ("squat 5x5 100kg easy", "I couldn't read “easy”"),
        ("squat 5x5 100kgs!!x", "I couldn't read"),
    ],
)
def test_rejected_log_lines(text: str, fragment: str) -> None:
    """Unknown exercises, missing parts and out-of-range numbers get a friendly message."""
    with pytest.raises(InvalidAnswer, match=fragment):
        parse_lift_log(text, CATALOG, default_unit=KG)


def test_bare_load_uses_default_unit() -> None:
    """A load without a unit is read in the user's default unit."""
    log = parse_lift_log("squat 5x5 100", CATALOG, default_unit=LB)
    assert log.entered_unit is LB
    assert log.sets[0].load_kg == pytest.approx(100 * KG_PER_LB)


def test_load_limit_uses_the_default_unit_for_bare_numbers() -> None:
    """600 is too heavy in kg but fine in lb, so the range check follows the unit."""
    with pytest.raises(InvalidAnswer, match="at most 500 kg"):
        parse_lift_log("squat 5x5 600", CATALOG, default_unit=KG)
    assert parse_lift_log("squat 5x5 600", CATALOG, default_unit=LB).entered_unit is LB


@given(
    lift=st.sampled_from(["squat", "deadlift", "ohp", "press", "back squat"]),
    reps=st.lists(st.integers(min_value=1, max_value=30), min_size=2, max_size=10),
    amount=st.integers(min_value=1, max_value=2200).map(lambda n: n / 2),
    unit=st.sampled_from([KG, LB]),
    load_first=st.booleans(),
)
def test_rep_list_total_and_load_round_trip(
    lift: str, reps: list[int], amount: float, unit: WeightUnit, load_first: bool
) -> None:
    """Total reps equal the sum typed, and the load converts back to the typed amount."""
    amount = min(amount, 500.0 if unit is KG else 1100.0)
    load = f"{amount:g} {unit.value}"
    rep_text = ",".join(str(n) for n in reps)
    text = f"{lift} {load} {rep_text}" if load_first else f"{lift} {rep_text} {load}"
    log = parse_lift_log(text, CATALOG, default_unit=KG)
    assert log.total_reps == sum(reps)
    assert len(log.sets) == len(reps)
    assert log.entered_unit is unit
    for entry in log.sets:
        assert to_unit(entry.load_kg, unit) == pytest.approx(amount)
        assert format_load(entry.load_kg, unit) == load


@given(
    sets=st.integers(min_value=1, max_value=10),
    reps=st.integers(min_value=1, max_value=30),
    plates=st.integers(min_value=1, max_value=199),  # up to 497.5 kg, within the 1100 lb cap
)
def test_scheme_total_reps_and_kg_lb_round_trip(sets: int, reps: int, plates: int) -> None:
    """N×M gives N sets of M reps; a kg load shown in lb and read back stays within rounding."""
    kg = plates * 2.5
    log = parse_lift_log(f"deadlift {sets}x{reps} {kg:g}kg", CATALOG, default_unit=LB)
    assert log.total_reps == sets * reps
    as_lb = to_unit(log.sets[0].load_kg, LB)
    back = parse_lift_log(f"deadlift {sets}x{reps} {as_lb:.1f} lb", CATALOG, default_unit=KG)
    assert back.sets[0].load_kg == pytest.approx(kg, abs=0.05 * KG_PER_LB + 1e-9)
    assert round_to_step(to_unit(back.sets[0].load_kg, KG), 2.5) == pytest.approx(kg)
