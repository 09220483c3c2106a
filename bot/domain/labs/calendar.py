"""A lab booking as an iCalendar (.ics) file: the day, how to prepare, a reminder the day before.

Plain RFC 5545 text, built here without I/O: an all-day event on the booked day (we don't know
the hour), the preparation notes as its description, and a display alarm at 09:00 the day
before (15 hours before the all-day event starts, in his calendar's own zone).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

REMINDER_HOURS_BEFORE = 15  # 09:00 the day before an all-day event
_LINE_OCTETS = 75  # RFC 5545 §3.1: fold longer lines


def _escape(text: str) -> str:
    """A TEXT value: backslash, semicolon, comma and newlines escaped (RFC 5545 §3.3.11)."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """One content line folded at 75 octets, never inside a UTF-8 character."""
    parts: list[str] = []
    current = ""
    for char in line:
        limit = _LINE_OCTETS if not parts else _LINE_OCTETS - 1  # a folded line starts with " "
        if len((current + char).encode()) > limit:
            parts.append(current)
            current = ""
        current += char
    parts.append(current)
    return [parts[0], *(" " + part for part in parts[1:])]


def booking_ics(
    *,
    title: str,
    day: dt.date,
    preparation: Sequence[str],
    uid: str,
    stamp: dt.datetime,
) -> bytes:
    """The .ics file for one booked test (CRLF line endings, UTF-8)."""
    prep = " ".join(preparation)
    description = f"How to prepare: {prep}" if prep else "Bring your lab form."
    reminder = f"Tomorrow: {title}. {description}"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//BoneCoach//Lab booking//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{stamp.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}",
        f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
        f"DTEND;VALUE=DATE:{day + dt.timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{_escape(title)}",
        f"DESCRIPTION:{_escape(description)}",
        "TRANSP:TRANSPARENT",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        f"DESCRIPTION:{_escape(reminder)}",
        f"TRIGGER:-PT{REMINDER_HOURS_BEFORE}H",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    folded = [part for line in lines for part in _fold(line)]
    return ("\r\n".join(folded) + "\r\n").encode()
