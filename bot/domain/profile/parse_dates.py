"""Parser for when he started anastrozole: a month, a full date, or "3 months ago"."""

import contextlib
import datetime as dt
import re

from bot.domain.text import InvalidAnswer, normalize

EARLIEST_START = dt.date(1995, 1, 1)  # anastrozole was first approved in 1995
_EXAMPLE = "e.g. March 2025, 03/2025 or 3 months ago"
_UNREADABLE = f"I couldn't read that date. Please send the month you started, {_EXAMPLE}."
_MONTHS = {
    **dict.fromkeys(("january", "jan"), 1),
    **dict.fromkeys(("february", "feb", "febuary", "feburary"), 2),
    **dict.fromkeys(("march", "mar"), 3),
    **dict.fromkeys(("april", "apr"), 4),
    "may": 5,
    **dict.fromkeys(("june", "jun"), 6),
    **dict.fromkeys(("july", "jul"), 7),
    **dict.fromkeys(("august", "aug"), 8),
    **dict.fromkeys(("september", "sept", "sep"), 9),
    **dict.fromkeys(("october", "oct"), 10),
    **dict.fromkeys(("november", "nov"), 11),
    **dict.fromkeys(("december", "dec"), 12),
}
_MONTH_NAMES = (  # noqa: SIM905 - compact and ordered
    "January February March April May June July August September October November December"
).split()
_FILLER_WORDS = frozenset({"of", "the", "early", "mid", "late", "beginning", "start", "end"})
_PREFIX = re.compile(
    r"^(?:(?:in|since|around|about|approx(?:imately)?|roughly|started|from)\s+|~\s*)+"
)
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_NUMBER_WORDS |= {"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_AGO = re.compile(
    r"(?P<n>\d+(?:\.\d+)?|[a-z]+) ?(?P<unit>d|days?|w|wks?|weeks?|m|mos?|months?|y|yrs?|years?)"
    r" (?:ago|back)"
)
_NUMERIC = re.compile(r"(\d{1,4}) ?([-/.]) ?(\d{1,4})(?: ?\2 ?(\d{1,4}))?")
_TOKEN = re.compile(r"[a-z]+|'?\d+(?:st|nd|rd|th)?")


def _month_start(today: dt.date, months_back: int) -> dt.date:
    index = today.year * 12 + today.month - 1 - months_back
    if index < EARLIEST_START.year * 12:
        raise InvalidAnswer(f"Please send a date from 1995 onward, {_EXAMPLE}.")
    return dt.date(index // 12, index % 12 + 1, 1)


def _relative(cleaned: str, today: dt.date) -> dt.date | None:
    cleaned = re.sub(r"\b(?:a )?couple(?: of)?\b", "2", cleaned)
    cleaned = re.sub(r"^(?:a year and a half|one and a half years?)", "1.5 years", cleaned)
    cleaned = re.sub(r"^half a year\b", "6 months", cleaned)
    fixed = {"today": today, "yesterday": today - dt.timedelta(days=1)}
    fixed |= {"this month": today.replace(day=1), "last month": _month_start(today, 1)}
    fixed |= {"last week": today - dt.timedelta(days=7)}
    if cleaned in fixed:
        return fixed[cleaned]
    if cleaned in ("last year", "this year"):
        year = today.year - (cleaned == "last year")
        raise InvalidAnswer(f"Which month of {year}? Send it like March {year} or 03/{year}.")
    match = _AGO.fullmatch(cleaned)
    if match is None:
        return None
    amount = float(match["n"]) if match["n"][0].isdigit() else _NUMBER_WORDS.get(match["n"], 0)
    if amount <= 0:
        raise InvalidAnswer(_UNREADABLE)
    unit = match["unit"][0]
    if unit in "dw":
        days = round(amount * (7 if unit == "w" else 1))
        if days > (today - EARLIEST_START).days:
            raise InvalidAnswer(f"Please send a date from 1995 onward, {_EXAMPLE}.")
        return today - dt.timedelta(days=days)
    return _month_start(today, round(amount * (12 if unit == "y" else 1)))


def _year(digits: str, today: dt.date) -> int | None:
    """A 4-digit year, or a 2-digit one read as 20xx (19xx if 20xx is after this year)."""
    digits = digits.lstrip("'")
    if len(digits) == 2:
        year = 2000 + int(digits)
        return year if year <= today.year else year - 100
    return int(digits) if len(digits) == 4 else None


def _make(year: int | None, month: int, day: int | None) -> dt.date:
    if year is None or not 1 <= month <= 12:
        raise InvalidAnswer(_UNREADABLE)
    try:
        return dt.date(year, month, day or 1)
    except ValueError:
        raise InvalidAnswer(f"That date doesn't exist. Please check it, {_EXAMPLE}.") from None


def _numeric(cleaned: str, today: dt.date) -> dt.date | None:
    match = _NUMERIC.fullmatch(cleaned)
    if match is None:
        return None
    first, second, third = match[1], match[3], match[4]
    if len(first) == 4:  # ISO-like: 2025-03 or 2025-03-14
        return _make(int(first), int(second), int(third) if third else None)
    if third is None:  # month/year: 3/2025, 03.25
        return _make(_year(second, today), int(first), None)
    year = _year(third, today)  # day-first 14.03.2025; month-first only if day-first is impossible
    day, month = int(first), int(second)
    if month > 12 and day <= 12:
        day, month = month, day
    return _make(year, month, day)


def _short_is_year(digits: str, month: int, today: dt.date) -> bool:
    """Whether the lone number in "mar 25" is a year (2025) rather than a day (25 March)."""
    as_year, name = 2000 + int(digits), _MONTH_NAMES[month - 1]
    if as_year in (today.year, today.year - 1):
        return True
    try:
        dt.date(2000, month, int(digits))  # 2000 is a leap year, so Feb 29 counts as a day
    except ValueError:
        return True
    if as_year > today.year:
        return False
    raise InvalidAnswer(
        f"Is {digits} the year or the day? Send it like {name} {as_year} "
        f"or {int(digits)} {name} {today.year}."
    )


def _worded(cleaned: str, today: dt.date) -> dt.date | None:
    spaced = re.sub(r"[\s,./-]+", " ", cleaned)
    tokens = _TOKEN.findall(spaced)
    if "".join(tokens) != spaced.replace(" ", ""):
        return None
    if any(t.isalpha() and t not in _MONTHS and t not in _FILLER_WORDS for t in tokens):
        return None
    months = [_MONTHS[t] for t in tokens if t in _MONTHS]
    numbers = [t for t in tokens if not t.isalpha()]
    if not months and len(numbers) == 1 and len(numbers[0]) == 4:
        year = numbers[0]
        raise InvalidAnswer(f"Which month of {year}? Send it like March {year} or 03/{year}.")
    if len(months) != 1:
        return None
    ordinals = [t for t in numbers if t[-1].isalpha()]
    years = [t for t in numbers if t.startswith("'") or (len(t) == 4 and t.isdigit())]
    short = [t for t in numbers if t not in ordinals and t not in years]
    two_digit_last = not years and bool(short) and len(short[-1]) == 2
    if two_digit_last and (len(short) == 2 or _short_is_year(short[-1], months[0], today)):
        years.append(short.pop())  # "14 march 25", "mar 25"
    days = ordinals + short
    if len(days) > 1 or len(years) > 1:
        return None
    day = int(days[0].rstrip("stndrh")) if days else None
    if years:
        return _make(_year(years[0], today), months[0], day)
    for year in range(today.year, today.year - 5, -1):  # no year: the most recent such date
        with contextlib.suppress(ValueError):
            if (candidate := dt.date(year, months[0], day or 1)) <= today:
                return candidate
    return _make(today.year, months[0], day)  # raises: the day does not exist (31 April)


def parse_start_month(text: str, *, today: dt.date) -> dt.date:
    """Read when he started: the first day of that month, or the exact date if one was given.

    Weeks/days ago give an exact date; months/years ago give the first of that month.
    Two-digit years are 20xx (19xx if that would be in the future); "mar 25" is March 2025
    when that is this or last year, otherwise a day or, if unclear, we ask. All-number dates
    are day-first (14/03/2025) unless only month-first is possible (03/14/2025).
    """
    cleaned = _PREFIX.sub("", normalize(text))
    result = _relative(cleaned, today) or _numeric(cleaned, today) or _worded(cleaned, today)
    if result is None:
        raise InvalidAnswer(_UNREADABLE)
    if result > today:
        raise InvalidAnswer(f"That date is in the future. When did you start? {_EXAMPLE}.")
    if result < EARLIEST_START:
        raise InvalidAnswer(f"Please send a date from 1995 onward, {_EXAMPLE}.")
    return result
