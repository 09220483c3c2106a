"""Tests for the .ics file of a lab booking: an all-day event, preparation, a reminder."""

import datetime as dt

from bot.domain.labs.calendar import booking_ics

STAMP = dt.datetime(2026, 3, 2, 11, 0, tzinfo=dt.UTC)


def _ics(preparation: tuple[str, ...] = ()) -> str:
    """A booking on 5 March 2026 as text."""
    return booking_ics(
        title="CTX test",
        day=dt.date(2026, 3, 5),
        preparation=preparation,
        uid="bonecoach-1-ctx-2026-03-05@bonecoach",
        stamp=STAMP,
    ).decode()


def test_an_all_day_event_with_a_reminder_the_day_before() -> None:
    """The booked day as an all-day event, and a display alarm 15 hours before it starts."""
    ics = _ics()
    assert ics.startswith("BEGIN:VCALENDAR\r\n") and ics.endswith("END:VCALENDAR\r\n")
    assert "DTSTART;VALUE=DATE:20260305\r\n" in ics and "DTEND;VALUE=DATE:20260306\r\n" in ics
    assert "DTSTAMP:20260302T110000Z" in ics
    assert "BEGIN:VALARM\r\nACTION:DISPLAY" in ics and "TRIGGER:-PT15H" in ics


def test_preparation_is_escaped_and_long_lines_are_folded() -> None:
    """Commas and semicolons are escaped; no line is longer than 75 octets."""
    ics = _ics(("Fasting, before 10 am; at the same time of day each draw — µ.",) * 3)
    assert "Fasting\\, before 10 am\\; at the same time" in ics.replace("\r\n ", "")
    assert all(len(line.encode()) <= 75 for line in ics.split("\r\n"))
