"""Tests for the shared profile value types."""

import pytest

from bot.domain.profile import AgeBand, Weekday, Weight, WeightUnit
from bot.domain.text import InvalidAnswer, normalize


def test_invalid_answer_is_a_value_error_carrying_the_message() -> None:
    """InvalidAnswer is a ValueError whose str() is the message to show."""
    error = InvalidAnswer("Please answer yes or no.")
    assert isinstance(error, ValueError)
    assert str(error) == "Please answer yes or no."


def test_normalize_folds_case_dashes_and_spaces() -> None:
    """normalize lower-cases, unifies dashes and trims spaces and edge punctuation."""
    assert normalize("  Mon – FRI!  ") == "mon - fri"


@pytest.mark.parametrize(
    ("band", "label"),
    [
        (AgeBand.UNDER_30, "Under 30"),
        (AgeBand.B30_39, "30–39"),
        (AgeBand.B50_59, "50–59"),
        (AgeBand.B70_PLUS, "70 or older"),
    ],
)
def test_age_band_labels(band: AgeBand, label: str) -> None:
    """Age bands have friendly labels."""
    assert band.label == label


@pytest.mark.parametrize(
    ("years", "band"),
    [(18, AgeBand.UNDER_30), (39, AgeBand.B30_39), (60, AgeBand.B60_69), (95, AgeBand.B70_PLUS)],
)
def test_age_band_for_age(years: int, band: AgeBand) -> None:
    """for_age puts an age in the band containing it."""
    assert AgeBand.for_age(years) is band


def test_weekday_short_names() -> None:
    """Weekdays run Monday=0 to Sunday=6 with three-letter short names."""
    assert [day.short for day in Weekday] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    assert int(Weekday.MON) == 0 and int(Weekday.SUN) == 6


@pytest.mark.parametrize(
    ("weight", "text"),
    [
        (Weight(kg=82.0, unit=WeightUnit.KG), "82 kg"),
        (Weight(kg=82.5, unit=WeightUnit.KG), "82.5 kg"),
        (Weight(kg=82.04, unit=WeightUnit.KG), "82 kg"),
        (Weight(kg=82.0, unit=WeightUnit.LB), "180.8 lb"),
        (Weight(kg=82.1, unit=WeightUnit.LB), "181 lb"),
        (Weight(kg=180 * 0.45359237, unit=WeightUnit.LB), "180 lb"),
    ],
)
def test_weight_display_rounds_in_preferred_unit(weight: Weight, text: str) -> None:
    """Weights display in the user's unit to at most one decimal, without a trailing .0."""
    assert weight.display == text
