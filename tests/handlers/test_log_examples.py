"""Every /log example the bot shows is understood: none may be refused."""

from __future__ import annotations

import pytest
from log_examples import all_examples, examples_in

from bot.content import load_content
from bot.domain.nutrition import parse_nutrient_entry
from bot.domain.profile import WeightUnit
from bot.domain.training import parse_lift_log
from handlers.log_command import classify

CONTENT = load_content()
EXAMPLES = sorted(all_examples(CONTENT))


def test_the_harvest_finds_the_check_in_examples() -> None:
    """The harvest sees the examples the check-in, help and refusals show."""
    for expected in ("k2 100 µg", "omega-3 500 mg", "d3 2000 IU", "calcium 1200mg"):
        assert expected in EXAMPLES
    assert "squat 60x5 65x5 70x3" in EXAMPLES
    assert len(EXAMPLES) >= 12


def test_a_mention_of_log_is_not_an_example() -> None:
    """'/log adds exact ones' is a mention; an example has a number and ends at a clause."""
    text = "<i>/log adds exact ones</i>. Try /log <i>squat 5x5 100kg</i> after a session, or "
    assert examples_in(text + "/log k2 100 µg or /log omega-3 1 g.") == {
        "squat 5x5 100kg",
        "k2 100 µg",
        "omega-3 1 g",
    }


@pytest.mark.parametrize("example", EXAMPLES)
def test_every_example_is_understood(example: str) -> None:
    """Each example is classified and parsed without a refusal."""
    kind = classify(example, CONTENT)
    assert kind is not None
    if kind == "nutrient":
        assert parse_nutrient_entry(example, CONTENT.nutrients, weight_kg=82.0).amount >= 0
    else:
        assert parse_lift_log(example, CONTENT.exercises, default_unit=WeightUnit.KG).sets


@pytest.mark.parametrize(
    "text",
    ["k2 100 µg", "omega-3 500 mg", "mk-7 100mcg", "omega3 1g", "vitamin k2 90", "epa/dha 500"],
)
def test_names_with_digits_are_nutrients(text: str) -> None:
    """A nutrient name with a digit in it is not mistaken for an exercise."""
    assert classify(text, CONTENT) == "nutrient"
