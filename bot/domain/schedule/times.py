"""Local prompt times to UTC instants, across DST, for one IANA zone.

Every instant in and out is an aware UTC datetime; a prompt is a wall time on a local day.
A wall time that does not exist (spring-forward gap) moves forward by the gap; an ambiguous
one (fall back) fires once, at its first occurrence. A local day that does not exist at all
(Pacific/Apia skipped 2011-12-30) has no occurrence. Nothing here reads the clock.
"""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.domain.profile import Weekday

ALL_DAYS_MASK = 0b111_1111
# From the day before `after`'s local day: a week for the mask, plus room for a skipped day.
_SEARCH_DAYS = 16


def _require_aware(instant: datetime, name: str = "instant") -> None:
    """Refuse naive datetimes: a naive instant is a bug, not a local time to guess."""
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime, got {instant!r}")


def _require_wall_time(at: time) -> None:
    if at.tzinfo is not None:
        raise ValueError(f"the local time must be naive (a wall time), got {at!r}")


def _require_mask(days_mask: int | None) -> int:
    if days_mask is None:
        return ALL_DAYS_MASK
    if not 0 < days_mask <= ALL_DAYS_MASK:
        raise ValueError(f"days_mask must pick at least one of 7 days, got {days_mask}")
    return days_mask


def occurrence(local_day: date, at: time, zone: str) -> datetime:
    """The UTC instant of wall time `at` on `local_day` in `zone` (gap → later, ambiguous → first).

    fold=0 does both: PEP 495 reads an ambiguous time as its first occurrence, and a time in a
    gap with the offset from before the transition, which lands after the gap by its length.
    """
    _require_wall_time(at)
    wall = datetime.combine(local_day, at.replace(fold=0), tzinfo=ZoneInfo(zone))
    return wall.astimezone(UTC)


def local_day_of(instant: datetime, zone: str) -> date:
    """The calendar date on the wall clock in `zone` at `instant`."""
    _require_aware(instant)
    return instant.astimezone(ZoneInfo(zone)).date()


def _day_occurrence(local_day: date, at: time, zone: str) -> datetime | None:
    """occurrence(), or None when the local day itself does not exist in the zone."""
    instant = occurrence(local_day, at, zone)
    return instant if local_day_of(instant, zone) == local_day else None


def next_occurrence(
    after: datetime, at: time, zone: str, days_mask: int | None = None
) -> tuple[date, datetime]:
    """The earliest local day (in `days_mask`; None = every day) whose occurrence is > `after`.

    Occurrences grow with the local day (a DST shift is far under 24 h), so the first day that
    qualifies is also the earliest instant; feeding the result back in yields the next day.
    """
    _require_aware(after, "after")
    mask = _require_mask(days_mask)
    # A fall back across midnight can put `after` on the day after a later instant's day.
    first = local_day_of(after, zone) - timedelta(days=1)
    for offset in range(_SEARCH_DAYS):
        day = first + timedelta(days=offset)
        if not mask & (1 << day.weekday()):
            continue
        instant = _day_occurrence(day, at, zone)
        if instant is not None and instant > after:
            return day, instant
    raise ValueError(f"no occurrence of {at} in {zone} within {_SEARCH_DAYS} days of {after}")


def occurrences_between(
    start: datetime, end: datetime, at: time, zone: str, days_mask: int | None = None
) -> list[tuple[date, datetime]]:
    """Every (local day, instant) with start < instant <= end, in order."""
    _require_aware(end, "end")
    found: list[tuple[date, datetime]] = []
    cursor = start
    while True:
        day, instant = next_occurrence(cursor, at, zone, days_mask)
        if instant > end:
            return found
        found.append((day, instant))
        cursor = instant


def week_bounds(local_day: date, week_start: Weekday = Weekday.MON) -> tuple[date, date]:
    """First and last day (both inclusive) of the week holding `local_day`."""
    first = local_day - timedelta(days=(local_day.weekday() - week_start) % 7)
    return first, first + timedelta(days=6)
