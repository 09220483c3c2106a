"""Tests for the typed lift log parser (`/log squat 5x5 100kg`)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.content.catalogs import load_exercise_catalog
from bot.content.location import DEFAULT_EXERCISES_PATH
from bot.domain.profile import KG_PER_LB, WeightUnit
from bot.domain.text import InvalidAnswer
from bot.domain.training import (
    LIFT_LOG_EXAMPLES,
    find_exercise,
    format_load,
    parse_lift_log,
    to_unit,
)
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
        ("/log@BoneCoachBot squat 5x5 100kg", KG, "squat", [5] * 5, 100.0, KG),
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
        ("squat 60x5 70kg", "Sets go from 1 to 10"),
        ("squat 60kgx5 70kg", "not both"),
        ("squat 60x5 65x0", "Reps per set go from 1 to 30"),
        ("squat 600x5 65x5", "at most 500 kg"),
        ("squat 100x5x11", "Sets go from 1 to 10"),
        ("squat 100x5x6 90x5x5", "Sets go from 1 to 10"),
        ("jumping chin-ups", "I need sets×reps"),
        ("farmers walk 4x1", "I need sets×reps and a load"),
        ("bench 3x10", "I need sets×reps and a load"),
        ("my !!! lift 3x5", "doesn't look like an exercise name"),
        ("a very long made up exercise name 3x5 20kg", "up to 25 characters"),
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


@pytest.mark.parametrize(
    ("text", "key", "sets"),
    [
        ("squat 60x5 65x5 70x3", "squat", [(60, 5), (65, 5), (70, 3)]),
        ("squat 60kgx5 65 kg x 5 70x3", "squat", [(60, 5), (65, 5), (70, 3)]),
        ("squat 60 x 5, 62.5 x 5", "squat", [(60, 5), (62.5, 5)]),
        ("squat 100x5x3", "squat", [(100, 5)] * 3),
        ("squat 100kg x 5 x 2 110x3", "squat", [(100, 5), (100, 5), (110, 3)]),
        ("deadlift 140x5", "deadlift", [(140, 5)]),
        ("press 10x5 12.5x5", "overhead_press", [(10, 5), (12.5, 5)]),
        ("bench 3x10 135lb", "bench_press", [(135 * KG_PER_LB, 10)] * 3),
        ("Bench Press 3x10 60", "bench_press", [(60, 10)] * 3),
        ("jumping chin-ups 3x5", "jumping_chin_up", [(0, 5)] * 3),
        ("Jumping Chin-Ups 5,5,4", "jumping_chin_up", [(0, 5), (0, 5), (0, 4)]),
        ("jumps 3x5 bodyweight", "jumping_chin_up", [(0, 5)] * 3),
        ("drop jumps 2x10", "drop_jump", [(0, 10)] * 2),
        ("chin ups 3x8", "chin_up", [(0, 8)] * 3),
        ("pull-ups 10kgx8 10kgx6", "pull_up", [(10, 8), (10, 6)]),
        ("farmer's carry 4x1 32kg", "farmers_carry", [(32, 1)] * 4),
        ("farmers walk 4x1 32kg", "farmers_carry", [(32, 1)] * 4),
        ("rdl 5x5 100kg", "romanian_deadlift", [(100, 5)] * 5),
        ("zercher squat 3x8 60kg", "custom:zercher squat", [(60, 8)] * 3),
        ("Step-Ups 3x10", "step_up", [(0, 10)] * 3),
        ("t2 row 3x10 20kg", "custom:t2 row", [(20, 10)] * 3),
        ("burpees 3x10", "custom:burpees", [(0, 10)] * 3),
    ],
)
def test_exercises_and_per_set_entries(text: str, key: str, sets: list[tuple[float, int]]) -> None:
    """Any catalogue exercise or custom name, each set with its own load and reps."""
    log = parse_lift_log(text, CATALOG, default_unit=KG)
    assert log.lift_key == key
    assert [(pytest.approx(s.load_kg), s.reps) for s in log.sets] == sets


def test_per_set_loads_without_unit_follow_the_first_typed_unit_or_his() -> None:
    """'135lbx5 145x5' reads 145 in lb; with no unit at all his own unit is used."""
    log = parse_lift_log("squat 135lbx5 145x5", CATALOG, default_unit=KG)
    assert log.entered_unit is LB
    assert log.sets[1].load_kg == pytest.approx(145 * KG_PER_LB)
    assert parse_lift_log("squat 60x5 65x5", CATALOG, default_unit=LB).entered_unit is LB


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


@pytest.mark.parametrize("example", LIFT_LOG_EXAMPLES)
@pytest.mark.parametrize("unit", [KG, LB])
def test_every_example_the_bot_shows_parses(example: str, unit: WeightUnit) -> None:
    """Each /log lift example in help and refusals is accepted, in either unit."""
    assert parse_lift_log(example, CATALOG, default_unit=unit).sets


_QUOTED = re.compile(
    r"((?:[a-z][a-z'-]* ){1,3})(\d[\d.x]*(?: ?(?:kg|lb))?(?: \d[\d.x]*(?: ?(?:kg|lb))?)*)"
)


def _examples_in(message: str) -> list[str]:
    """The 'exercise numbers…' examples quoted in a message (a known exercise's name first)."""
    found = []
    for words, numbers in _QUOTED.findall(message):
        names = words.split()
        for start in range(len(names)):
            if find_exercise(CATALOG, " ".join(names[start:])) is not None:
                found.append(" ".join(names[start:]) + " " + numbers)
                break
    return found


@pytest.mark.parametrize(
    "text",
    [
        "squat",
        "5x5 100kg",
        "squat 5x5 easy",
        "squat 60x5 70kg",
        "squat 5x5 bw",
        "squat 5x99 100kg",
        "squat 5x5 1200 lb",
        "squat 0x5 100kg",
    ],
)
def test_examples_quoted_in_refusals_parse(text: str) -> None:
    """Every example a refusal quotes (e.g. 'squat 60x5 65x5 70x3') is itself accepted."""
    with pytest.raises(InvalidAnswer) as info:
        parse_lift_log(text, CATALOG, default_unit=KG)
    shown = _examples_in(str(info.value))
    assert shown, str(info.value)
    for example in shown:
        assert parse_lift_log(example, CATALOG, default_unit=KG).sets, example


@given(
    text=st.text(
        alphabet=st.sampled_from(list("squatbenchjmp-' 0123456789.,x×@kglb/")), max_size=40
    )
)
def test_any_text_is_a_log_or_a_friendly_refusal(text: str) -> None:
    """Whatever he types, the parser returns a valid log or raises InvalidAnswer, nothing else."""
    try:
        log = parse_lift_log(text, CATALOG, default_unit=KG)
    except InvalidAnswer:
        return
    assert 1 <= len(log.sets) <= 10
    assert all(0 <= s.load_kg <= 500 and 1 <= s.reps <= 30 for s in log.sets)
    assert len(log.lift_key) <= 32
