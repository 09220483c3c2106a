"""Tests for the body weight parser."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.profile import KG_PER_LB, WeightUnit, parse_weight
from bot.domain.text import InvalidAnswer

KG, LB = WeightUnit.KG, WeightUnit.LB


@pytest.mark.parametrize(
    ("text", "default", "amount", "unit"),
    [
        ("82", KG, 82.0, KG),
        ("180", LB, 180.0, LB),
        ("82kg", None, 82.0, KG),
        ("82 kg", LB, 82.0, KG),
        ("82 KG.", None, 82.0, KG),
        ("82.5 kg", None, 82.5, KG),
        ("82,5kg", None, 82.5, KG),
        ("82 kilos", None, 82.0, KG),
        ("82 kgs", None, 82.0, KG),
        ("about 82kg", None, 82.0, KG),
        ("180 lb", KG, 180.0, LB),
        ("180lbs", None, 180.0, LB),
        ("180 pounds", None, 180.0, LB),
        ("180 Lbs", None, 180.0, LB),
        ("12 st 6", None, 12 * 14 + 6, LB),
        ("12st 6lb", None, 12 * 14 + 6, LB),
        ("12 stone", None, 12 * 14, LB),
        ("12 stone 6 pounds", None, 12 * 14 + 6, LB),
    ],
)
def test_weight_accepts_common_forms(
    text: str, default: WeightUnit | None, amount: float, unit: WeightUnit
) -> None:
    """Numbers with or without units (kg, lb, stones) are understood."""
    weight = parse_weight(text, default)
    assert weight.unit is unit
    expected_kg = amount if unit is KG else amount * KG_PER_LB
    assert weight.kg == pytest.approx(expected_kg)


@pytest.mark.parametrize("text", ["82", "180", "82.5"])
def test_weight_without_unit_or_default_asks_for_unit(text: str) -> None:
    """A bare number with no known unit asks whether it is kg or lb."""
    with pytest.raises(InvalidAnswer, match="Is that kg or lb\\? Send it like 82 kg or 180 lb"):
        parse_weight(text, None)


@pytest.mark.parametrize(
    ("text", "default", "fragment"),
    [
        ("20 kg", None, "between 35 and 300 kg, e.g. 82 kg"),
        ("400", KG, "between 35 and 300 kg, e.g. 82 kg"),
        ("50 lb", None, "between 77 and 661 lb, e.g. 180 lb"),
        ("900 lbs", None, "between 77 and 661 lb, e.g. 180 lb"),
        ("2 st", None, "between 77 and 661 lb"),
    ],
)
def test_weight_rejects_implausible_values_in_the_unit_used(
    text: str, default: WeightUnit | None, fragment: str
) -> None:
    """Out-of-range weights name the accepted range in the unit he used, with an example."""
    with pytest.raises(InvalidAnswer, match=fragment):
        parse_weight(text, default)


@pytest.mark.parametrize("text", ["", "heavy", "82 oz", "kg", "82 kg 5", "-82", "12 st 15"])
def test_weight_rejects_unreadable_answers(text: str) -> None:
    """Unreadable weights ask again with an example."""
    with pytest.raises(InvalidAnswer, match=r"like 82 kg|e\.g\."):
        parse_weight(text, KG)


@given(st.integers(350, 3000).map(lambda tenths: tenths / 10))
def test_weight_in_range_parses_in_kg(kg: float) -> None:
    """Every kg weight in the plausible range parses to itself."""
    weight = parse_weight(f"{kg} kg", None)
    assert weight.unit is KG
    assert weight.kg == pytest.approx(kg)


@given(st.integers(770, 6610).map(lambda tenths: tenths / 10))
def test_weight_in_range_parses_in_lb(lb: float) -> None:
    """Every lb weight in the plausible range parses and displays in lb."""
    weight = parse_weight(f"{lb}lb", None)
    assert weight.unit is LB
    assert weight.lb == pytest.approx(lb)
    assert weight.display == f"{lb:.1f}".removesuffix(".0") + " lb"
