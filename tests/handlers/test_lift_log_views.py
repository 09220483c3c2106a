"""The guided-log keyboards and /log texts: every button fits Telegram, every example works."""

from __future__ import annotations

from datetime import date

import pytest

from bot.content import load_content
from bot.domain.profile import Weekday, WeightUnit
from bot.domain.training import (
    LIFT_LOG_EXAMPLES,
    LiftLog,
    SetEntry,
    parse_lift_log,
    session_for_day,
)
from bot.domain.training.guided import SetStepper, big_step
from handlers.callbacks import GuidedSets, GuidedSetsSave, LogAsPrescribed
from handlers.log_command import USAGE, classify, sets_text
from handlers.views.texts import HELP
from handlers.views.training_prompt import lift_log_keyboard, set_stepper_keyboard

CONTENT = load_content()
CATALOG = CONTENT.exercises
BIG_ID = 9_999_999_999  # ten digits of delivery id


@pytest.mark.parametrize("unit", [WeightUnit.KG, WeightUnit.LB])
def test_ten_sets_of_the_longest_key_fit_in_every_button(unit: WeightUnit) -> None:
    """Nine finished sets plus one, on the longest exercise key: all data ≤ 64 bytes."""
    key = max((k for k, _ in CATALOG.exercise_names()), key=len)
    stepper = SetStepper.start(CATALOG, unit, load=500 if unit is WeightUnit.KG else 1100, reps=30)
    for _ in range(9):
        stepper = stepper.next_set()
    markup = set_stepper_keyboard(BIG_ID, key, "Some lift", stepper, big_step(CATALOG, unit))
    datas = [b.callback_data for row in markup.inline_keyboard for b in row]
    assert all(isinstance(d, str) and len(d.encode()) <= 64 for d in datas)
    assert all(len(b.text) <= 60 for row in markup.inline_keyboard for b in row)
    assert not any("Next set" in b.text for row in markup.inline_keyboard for b in row)
    saves = [GuidedSetsSave.unpack(d) for d in datas if isinstance(d, str) and d.startswith("gv|")]
    assert len(saves) == 1 and saves[0] is not None
    decoded = SetStepper.decode(saves[0].state, CATALOG)
    assert decoded is not None and decoded.set_count() == 10


def test_bodyweight_stepper_has_no_load_buttons() -> None:
    """Jumps: reps buttons only, and the set is shown as ×reps."""
    stepper = SetStepper.start(CATALOG, WeightUnit.KG, load=None, reps=5)
    markup = set_stepper_keyboard(1, "jumping_chin_up", "Jumps", stepper, 10)
    labels = [b.text for row in markup.inline_keyboard for b in row]
    assert "Set 1: ×5" in labels
    assert not any(label.endswith(" kg") and label[0] in "+−" for label in labels)


def test_prompt_keyboard_offers_every_planned_exercise() -> None:
    """Each lift has a set-by-set button, and the jumps a one-tap button (reps only)."""
    day = date(2026, 3, 2)
    plan = session_for_day(
        day,
        training_days=frozenset({Weekday.MON}),
        program_start=day,
        catalog=CATALOG,
        loads={},
        unit=WeightUnit.KG,
    )
    markup = lift_log_keyboard(12, plan, frozenset())
    datas = [b.callback_data for row in markup.inline_keyboard for b in row]
    guided = {
        GuidedSets.unpack(d).lift for d in datas if isinstance(d, str) and d.startswith("gs|")
    }  # type: ignore[union-attr]
    assert guided == {item.key for item in plan.items}
    assert LogAsPrescribed(12, CATALOG.impact.key).pack() in datas


@pytest.mark.parametrize("example", LIFT_LOG_EXAMPLES)
def test_usage_and_help_examples_are_exercises_that_parse(example: str) -> None:
    """Each lift example in /log's usage and /help is shown and classified as a lift."""
    assert f"/log {example}" in USAGE
    assert f"/log <i>{example}</i>" in HELP
    assert classify(example, CONTENT) == "lift"
    assert parse_lift_log(example, CATALOG, default_unit=WeightUnit.KG).sets


def test_nutrients_still_win_over_custom_names() -> None:
    """'calcium 1200mg' is a nutrient, 'burpees 3x10' his own exercise, '' nothing."""
    assert classify("calcium 1200mg", CONTENT) == "nutrient"
    assert classify("burpees 3x10", CONTENT) == "lift"
    assert classify("3x10", CONTENT) is None


@pytest.mark.parametrize(
    ("pairs", "unit", "shown"),
    [
        ([(100, 5)] * 5, WeightUnit.KG, "5×5 @ 100 kg"),
        ([(60, 5), (65, 5), (70, 3)], WeightUnit.KG, "60×5, 65×5, 70×3 kg"),
        ([(0, 5)] * 3, WeightUnit.KG, "3×5"),
        ([(140, 5)], WeightUnit.KG, "140 kg × 5"),
        ([(0, 5), (0, 5), (0, 4)], WeightUnit.LB, "5, 5, 4 reps"),
        ([(135 * 0.45359237, 10)] * 3, WeightUnit.LB, "3×10 @ 135 lb"),
    ],
)
def test_sets_text(pairs: list[tuple[float, int]], unit: WeightUnit, shown: str) -> None:
    """The /log reply shows the sets as he typed them, in his unit."""
    log = LiftLog(
        lift_key="squat",
        sets=[SetEntry(load_kg=load, reps=reps) for load, reps in pairs],
        entered_unit=unit,
    )
    assert sets_text(log) == shown
