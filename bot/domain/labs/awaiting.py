"""What his next typed message answers after a lab button, and typed booking dates.

After "Already done — enter result" he may type just "32 ng/mL yesterday"; after "Booked" just
"Friday" or "12 March"; after a CTX or P1NP reading without his lab's range, just "132-752".
The wait is kept where the open profile question is kept, packed as "lab_result:vitd".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from bot.domain.labs.parse import _DATE, _read_date
from bot.domain.text import InvalidAnswer, normalize

Wait = Literal["result", "booked", "range"]
BOOK_AHEAD_DAYS = 366  # a booking more than a year ahead is a typo
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_IN_DAYS = re.compile(r"^in (\d{1,3}) (day|days|week|weeks)$")
BOOKING_EXAMPLE = "e.g. Friday, 12 March, 2026-03-12 or in 5 days"


@dataclass(frozen=True)
class LabWait:
    """His next typed message is the result of, or the booking date for, one lab."""

    kind: Wait
    lab_key: str

    def pack(self) -> str:
        """ "lab_result:vitd" (fits the 32 characters kept for an open question)."""
        return f"lab_{self.kind}:{self.lab_key}"

    @classmethod
    def unpack(cls, text: str | None) -> LabWait | None:
        """The wait packed in `text`, or None for anything else (a profile question)."""
        match = re.fullmatch(r"lab_(result|booked|range):([a-z][a-z0-9_]*)", text or "")
        if match is None:
            return None
        kinds: dict[str, Wait] = {"result": "result", "booked": "booked", "range": "range"}
        return cls(kinds[match[1]], match[2])


def _weekday(word: str, today: dt.date) -> dt.date | None:
    """The next such weekday after today ("fri", "friday", "next friday")."""
    word = word.removeprefix("next ").removeprefix("on ")
    for index, name in enumerate(_WEEKDAYS):
        if len(word) >= 3 and name.startswith(word):
            return today + dt.timedelta(days=(index - today.weekday() - 1) % 7 + 1)
    return None


def parse_booking_date(text: str, *, today: dt.date) -> dt.date:
    """The day of a booked test: today, tomorrow, a weekday, "in 5 days", or a date.

    A date without a year is the next such day from today. InvalidAnswer for a day in the past
    or more than a year ahead.
    """
    said = normalize(text).removeprefix("on ").removeprefix("booked for ").strip()
    if said in ("today", "tomorrow"):
        return today + dt.timedelta(days=int(said == "tomorrow"))
    if (day := _weekday(said, today)) is not None:
        return day
    if match := _IN_DAYS.match(said):
        return today + dt.timedelta(days=int(match[1]) * (7 if match[2].startswith("w") else 1))
    if re.fullmatch(_DATE, said) is None or said == "yesterday":
        raise InvalidAnswer(f"When is the test? Send the day, {BOOKING_EXAMPLE}.")
    day = _read_date(said, today + dt.timedelta(days=BOOK_AHEAD_DAYS))
    if not re.search(r"\d{4}", said):  # no year: the next such day, not the last one
        while day - dt.timedelta(days=365) >= today:
            day = day.replace(year=day.year - 1)
    if day < today:
        raise InvalidAnswer(f"That day has passed. Send the day of the test, {BOOKING_EXAMPLE}.")
    if day > today + dt.timedelta(days=BOOK_AHEAD_DAYS):
        raise InvalidAnswer(f"That's more than a year ahead. Please check it, {BOOKING_EXAMPLE}.")
    return day
