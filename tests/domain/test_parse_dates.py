"""Tests for the anastrozole start-date parser."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.profile import parse_start_month
from bot.domain.text import InvalidAnswer

TODAY = date(2025, 6, 15)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-03", date(2025, 3, 1)),
        ("2025-03-14", date(2025, 3, 14)),
        ("2025/3/14", date(2025, 3, 14)),
        ("03/2025", date(2025, 3, 1)),
        ("3/2025", date(2025, 3, 1)),
        ("3.2025", date(2025, 3, 1)),
        ("03/25", date(2025, 3, 1)),
        ("March 2025", date(2025, 3, 1)),
        ("march, 2025", date(2025, 3, 1)),
        ("2025 march", date(2025, 3, 1)),
        ("Sept 2024", date(2024, 9, 1)),
        ("mar 25", date(2025, 3, 1)),
        ("mar '24", date(2024, 3, 1)),
        ("in March 2024", date(2024, 3, 1)),
        ("since jan 2020", date(2020, 1, 1)),
        ("14 March 2025", date(2025, 3, 14)),
        ("March 14th, 2025", date(2025, 3, 14)),
        ("14th of march 2025", date(2025, 3, 14)),
        ("14.03.2025", date(2025, 3, 14)),
        ("14/03/2025", date(2025, 3, 14)),
        ("14-03-2025", date(2025, 3, 14)),
        ("03/14/2025", date(2025, 3, 14)),
        ("05/03/2025", date(2025, 3, 5)),
        ("march", date(2025, 3, 1)),
        ("july", date(2024, 7, 1)),
        ("june", date(2025, 6, 1)),
        ("march 14th", date(2025, 3, 14)),
        ("mar 99", date(1999, 3, 1)),
        ("this month", date(2025, 6, 1)),
        ("last month", date(2025, 5, 1)),
        ("today", TODAY),
        ("3 months ago", date(2025, 3, 1)),
        ("three months ago", date(2025, 3, 1)),
        ("a couple of months ago", date(2025, 4, 1)),
        ("18 months ago", date(2023, 12, 1)),
        ("a year ago", date(2024, 6, 1)),
        ("2 years ago", date(2023, 6, 1)),
        ("1.5 years ago", date(2023, 12, 1)),
        ("half a year ago", date(2024, 12, 1)),
        ("about 6 months ago", date(2024, 12, 1)),
        ("2 weeks ago", date(2025, 6, 1)),
        ("10 days ago", date(2025, 6, 5)),
    ],
)
def test_start_month_accepts_common_forms(text: str, expected: date) -> None:
    """Months, full dates and relative answers resolve against today."""
    assert parse_start_month(text, today=TODAY) == expected


def test_start_month_feb_29_without_year_uses_last_leap_year() -> None:
    """A day that does not exist this year falls back to the most recent year it did."""
    assert parse_start_month("feb 29th", today=TODAY) == date(2024, 2, 29)


@pytest.mark.parametrize(
    "text", ["2025-07", "July 2025", "2026-01-01", "16/06/2025", "2025-06-16", "mar 30 2026"]
)
def test_start_month_rejects_future_dates(text: str) -> None:
    """Dates after today are refused with a future-specific message and an example."""
    with pytest.raises(InvalidAnswer, match=r"in the future.*e\.g\. March 2025"):
        parse_start_month(text, today=TODAY)


@pytest.mark.parametrize("text", ["1990-01", "dec 1994", "40 years ago", "20000 days ago"])
def test_start_month_rejects_dates_before_1995(text: str) -> None:
    """Dates before anastrozole existed are refused, naming 1995 and giving an example."""
    with pytest.raises(InvalidAnswer, match=r"from 1995 onward, e\.g\. "):
        parse_start_month(text, today=TODAY)


@pytest.mark.parametrize(
    "text",
    ["", "junk", "a while back", "2025-13", "13/13/2025", "14/03", "0 months ago", "march april"],
)
def test_start_month_rejects_unreadable_answers(text: str) -> None:
    """Unreadable answers ask again with examples of accepted forms."""
    with pytest.raises(InvalidAnswer, match=r"e\.g\. March 2025"):
        parse_start_month(text, today=TODAY)


def test_start_month_rejects_impossible_day() -> None:
    """A day that does not exist in its month is called out."""
    with pytest.raises(InvalidAnswer, match="doesn't exist"):
        parse_start_month("31/02/2025", today=TODAY)


@pytest.mark.parametrize(("text", "year"), [("2024", "2024"), ("last year", "2024")])
def test_start_month_asks_which_month_for_a_bare_year(text: str, year: str) -> None:
    """A year without a month asks which month, with an example in that year."""
    with pytest.raises(InvalidAnswer, match=f"Which month of {year}\\? Send it like March {year}"):
        parse_start_month(text, today=TODAY)


@pytest.mark.parametrize(("text", "example"), [("march 14", "March 2014 or 14 March 2025")])
def test_start_month_asks_when_two_digits_could_be_day_or_year(text: str, example: str) -> None:
    """An old two-digit year that is also a valid day is ambiguous, so we ask."""
    with pytest.raises(InvalidAnswer, match=example):
        parse_start_month(text, today=TODAY)


@given(st.dates(min_value=date(1995, 1, 1), max_value=TODAY))
def test_start_month_round_trips_iso_dates(day: date) -> None:
    """Any ISO date between 1995 and today parses to itself; its month to the 1st."""
    assert parse_start_month(day.isoformat(), today=TODAY) == day
    assert parse_start_month(day.strftime("%Y-%m"), today=TODAY) == day.replace(day=1)
    assert parse_start_month(day.strftime("%d/%m/%Y"), today=TODAY) == day


@given(st.integers(0, 300), st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)))
def test_start_month_months_ago_is_first_of_month_in_past(months: int, today: date) -> None:
    """'N months ago' is always the 1st of a month N months back, never in the future."""
    if months == 0:
        return
    result = parse_start_month(f"{months} months ago", today=today)
    assert result.day == 1
    assert (today.year - result.year) * 12 + today.month - result.month == months


@given(st.integers(1, 3000), st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)))
def test_start_month_days_ago_is_exact(days: int, today: date) -> None:
    """'N days ago' is exactly N days before today."""
    assert parse_start_month(f"{days} days ago", today=today) == today - timedelta(days=days)
