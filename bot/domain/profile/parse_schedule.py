"""Parsers for schedule answers: a clock time, a set of weekdays and a duration."""

import datetime as dt
import difflib
import re

from bot.domain.profile.values import Weekday
from bot.domain.text import InvalidAnswer, normalize, quoted

# --- clock time ---------------------------------------------------------------

# The evening check-in asks about the whole day's food and supplements, so it comes in the
# afternoon or evening: from EVENING_EARLIEST to the end of the day (a design default).
EVENING_EARLIEST = dt.time(15, 0)
EVENING_LATEST = dt.time(23, 59)

_TIME_EXAMPLE = "Please send it like 07:30 or 7:30 pm."
_TIME_SPECIAL = {"noon": dt.time(12), "midday": dt.time(12), "12 noon": dt.time(12)}
_TIME_SPECIAL |= {"midnight": dt.time(0), "12 midnight": dt.time(0)}
_TIME_PREFIX = re.compile(r"^(?:at|around|about|approx|~)\s*")
_AM_PM = re.compile(r"([ap])\.\s?m\.?")
_OCLOCK = re.compile(r"\s*(?:o'?clock|hrs|hours|h)(?=\s*(?:[ap]m?)?$)")
_SEPARATED = re.compile(r"(?P<h>\d{1,2})(?:\s*[:.h ]\s*(?P<m>\d{2}))?\s*(?:(?P<ap>[ap])m?)?")
_COMPACT = re.compile(r"(?P<h>\d{1,2})(?P<m>\d{2})\s*(?:(?P<ap>[ap])m?)?")


def check_evening_time(value: dt.time) -> dt.time:
    """The check-in time if it is in the evening window; InvalidAnswer saying why if not."""
    if EVENING_EARLIEST <= value <= EVENING_LATEST:
        return value
    window = f"{EVENING_EARLIEST:%H:%M} and {EVENING_LATEST:%H:%M}"
    raise InvalidAnswer(
        f"{value:%H:%M} is too early for the evening check-in: it asks about the whole day's "
        f"food and supplements, so it goes between {window} your time — e.g. 20:00."
    )


def parse_evening_time(text: str) -> dt.time:
    """A check-in time ("20:00", "8 pm") in the evening window."""
    return check_evening_time(parse_clock_time(text))


def parse_clock_time(text: str) -> dt.time:
    """Read a time of day such as "7:30", "0730", "7.30pm", "19h45" or "noon"."""
    cleaned = _TIME_PREFIX.sub("", normalize(text))
    cleaned = _OCLOCK.sub("", _AM_PM.sub(r"\1m", cleaned)).strip()
    if cleaned in _TIME_SPECIAL:
        return _TIME_SPECIAL[cleaned]
    match = _SEPARATED.fullmatch(cleaned) or _COMPACT.fullmatch(cleaned)
    if match is None:
        raise InvalidAnswer(f"I couldn't read that time. {_TIME_EXAMPLE}")
    hour, minute, am_pm = int(match["h"]), int(match["m"] or 0), match["ap"]
    if minute > 59:
        raise InvalidAnswer(f"Minutes go from 00 to 59. {_TIME_EXAMPLE}")
    if am_pm is None:
        if hour > 23:
            raise InvalidAnswer(f"Hours go from 0 to 23. {_TIME_EXAMPLE}")
        return dt.time(hour, minute)
    if not 1 <= hour <= 12:
        raise InvalidAnswer("With am/pm the hour goes from 1 to 12, e.g. 7:30 pm (or send 19:30).")
    return dt.time(hour % 12 + (12 if am_pm == "p" else 0), minute)


# --- weekdays -----------------------------------------------------------------

_DAY_EXAMPLE = "Send days like mon wed fri, mon-fri or every day."
_AT_LEAST_ONE = "Pick at least one day, e.g. mon wed fri."
_STEMS = ("mon", "tues", "wednes", "thurs", "fri", "satur", "sun")
_FULL_NAMES = {f"{stem}day": day for stem, day in zip(_STEMS, Weekday, strict=True)}
_ALL = frozenset(Weekday)
_WEEKEND = frozenset({Weekday.SAT, Weekday.SUN})
_GROUPS: dict[str, frozenset[Weekday]] = {
    **dict.fromkeys(("daily", "everyday", "all", "any", "always"), _ALL),
    **dict.fromkeys(("weekdays", "weekday", "workdays"), _ALL - _WEEKEND),
    **dict.fromkeys(("weekends", "weekend"), _WEEKEND),
    "mwf": frozenset({Weekday.MON, Weekday.WED, Weekday.FRI}),
    "tth": frozenset({Weekday.TUE, Weekday.THU}),
}
_PHRASES = (
    (r"\b(?:every|each|all|any|7|seven) days?\b|\ball (?:the )?week\b", "daily"),
    (r"\bweek ?days?\b|\bwork ?days?\b", "weekdays"),
    (r"\bweek ?ends?\b", "weekends"),
)
_RANGE_WORDS = frozenset({"-", "to", "through", "thru", "till", "until"})
_FILLERS = frozenset({"and", "on", "every", "each", "the", "only", "also", "plus", "day", "days"})
_NONE_WORDS = frozenset({"none", "no", "never", "nothing", "nope", "0"})


def _lookup_day(token: str) -> frozenset[Weekday] | None:
    if token in _GROUPS:
        return _GROUPS[token]
    stem = token.removesuffix("s") if len(token) > 3 else token
    for candidate in (token, stem):
        hits = {day for name, day in _FULL_NAMES.items() if name.startswith(candidate)}
        if len(candidate) >= 2 and len(hits) == 1:
            return frozenset(hits)
    if len(stem) < 5:
        return None
    # Typos ("wensday", "thrusday"): accept a clear best match only.
    scores = sorted(
        ((difflib.SequenceMatcher(None, stem, name).ratio(), name) for name in _FULL_NAMES),
        reverse=True,
    )
    (best, name), (runner_up, _) = scores[0], scores[1]
    return frozenset({_FULL_NAMES[name]}) if best >= 0.8 and best - runner_up >= 0.05 else None


def _span(first: Weekday, last: Weekday) -> frozenset[Weekday]:
    """Days from first to last inclusive, wrapping past Sunday (fri-mon)."""
    length = (last - first) % 7 + 1
    return frozenset(Weekday((first + offset) % 7) for offset in range(length))


def parse_weekdays(text: str) -> frozenset[Weekday]:
    """Read a set of days such as "mon wed fri", "mon-fri", "weekends" or "every day"."""
    cleaned = normalize(text)
    for pattern, replacement in _PHRASES:
        cleaned = re.sub(pattern, replacement, cleaned)
    tokens = re.sub(r"[,/&+;.|]", " ", cleaned).replace("-", " - ").split()
    days: set[Weekday] = set()
    previous: Weekday | None = None
    range_start: Weekday | None = None
    for token in tokens:
        if token in _RANGE_WORDS:
            if previous is None:
                raise InvalidAnswer(f"I couldn't read that range. {_DAY_EXAMPLE}")
            range_start, previous = previous, None
            continue
        if token in _FILLERS:
            continue
        if token in _NONE_WORDS:
            raise InvalidAnswer(_AT_LEAST_ONE)
        found = _lookup_day(token)
        if found is None:
            raise InvalidAnswer(f"I didn't understand “{quoted(token)}”. {_DAY_EXAMPLE}")
        single = next(iter(found)) if len(found) == 1 else None
        if range_start is not None:
            if single is None:
                raise InvalidAnswer(f"I couldn't read that range. {_DAY_EXAMPLE}")
            found, range_start = _span(range_start, single), None
        days |= found
        previous = single
    if range_start is not None:
        raise InvalidAnswer(f"I couldn't read that range. {_DAY_EXAMPLE}")
    if not days:
        raise InvalidAnswer(_AT_LEAST_ONE)
    return frozenset(days)


# --- duration -----------------------------------------------------------------

_DURATION_EXAMPLE = "Send it like 3 days, 2w, 12h, 30m or 1d12h."
_MAX_DURATION = dt.timedelta(days=365)
_UNIT_SECONDS = {
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes"), 60),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), 3600),
    **dict.fromkeys(("d", "day", "days"), 86400),
    **dict.fromkeys(("w", "wk", "wks", "week", "weeks"), 7 * 86400),
    **dict.fromkeys(("mo", "mos", "month", "months"), 30 * 86400),
}
_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?|\ban?\b|\bone\b)\s*([a-z]+)")


def parse_duration(text: str) -> dt.timedelta:
    """Read a positive span of at most 365 days: "3 days", "2w", "90 min", "1d12h".

    "m" means minutes; "mo"/"month" means 30 days.
    """
    cleaned = re.sub(r",|\band\b", " ", normalize(text)).strip()
    seconds, position = 0.0, 0
    for match in _DURATION_PART.finditer(cleaned):
        unit = _UNIT_SECONDS.get(match[2])
        if cleaned[position : match.start()].strip() or unit is None:
            raise InvalidAnswer(f"I couldn't read that duration. {_DURATION_EXAMPLE}")
        amount = 1.0 if match[1] in ("a", "an", "one") else float(match[1])
        seconds += amount * unit
        position = match.end()
    if position == 0 or cleaned[position:].strip():
        raise InvalidAnswer(f"I couldn't read that duration. {_DURATION_EXAMPLE}")
    if seconds > _MAX_DURATION.total_seconds():
        raise InvalidAnswer("That's too long: the most is 365 days, e.g. 30 days or 8w.")
    result = dt.timedelta(seconds=round(seconds))
    if result <= dt.timedelta(0):
        raise InvalidAnswer(f"The duration must be longer than zero. {_DURATION_EXAMPLE}")
    return result
