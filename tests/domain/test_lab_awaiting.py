"""Tests for what he types after a lab button: the wait kept for it and typed booking days."""

import datetime as dt

import pytest

from bot.domain.labs.awaiting import LabWait, parse_booking_date
from bot.domain.text import InvalidAnswer

TODAY = dt.date(2026, 3, 2)  # a Monday


def test_a_wait_packs_into_the_open_question_column_and_back() -> None:
    """'lab_result:dxa_spine' fits 32 characters and reads back; a profile question does not."""
    wait = LabWait("booked", "dxa_spine")
    assert len(wait.pack()) <= 32
    assert LabWait.unpack(wait.pack()) == wait
    assert LabWait.unpack("timezone") is None
    assert LabWait.unpack(None) is None


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Thursday", dt.date(2026, 3, 5)),
        ("fri", dt.date(2026, 3, 6)),
        ("next monday", dt.date(2026, 3, 9)),
        ("Monday", dt.date(2026, 3, 9)),
        ("tomorrow", dt.date(2026, 3, 3)),
        ("today", TODAY),
        ("in 5 days", dt.date(2026, 3, 7)),
        ("in 2 weeks", dt.date(2026, 3, 16)),
        ("12 March", dt.date(2026, 3, 12)),
        ("march 12th", dt.date(2026, 3, 12)),
        ("1 Feb", dt.date(2027, 2, 1)),
        ("2026-03-12", dt.date(2026, 3, 12)),
        ("12.03.2026", dt.date(2026, 3, 12)),
    ],
)
def test_typed_booking_days(text: str, day: dt.date) -> None:
    """Weekdays, 'in N days', and dates without a year are the next such day."""
    assert parse_booking_date(text, today=TODAY) == day


@pytest.mark.parametrize(
    ("text", "why"),
    [("2026-02-01", "passed"), ("yesterday", "When is"), ("2028-01-01", "year"), ("soon", "When")],
)
def test_bad_booking_days_say_why(text: str, why: str) -> None:
    """A past day, a day over a year ahead or no day at all is refused with the reason."""
    with pytest.raises(InvalidAnswer, match=why):
        parse_booking_date(text, today=TODAY)
