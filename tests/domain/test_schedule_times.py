"""Tests for local prompt times → UTC instants across DST, weekday masks and week bounds."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.profile import Weekday, from_mask, to_mask
from bot.domain.schedule import (
    local_day_of,
    next_occurrence,
    occurrence,
    occurrences_between,
    week_bounds,
)

MWF = to_mask([Weekday.MON, Weekday.WED, Weekday.FRI])


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


@pytest.mark.parametrize(
    ("zone", "day", "at", "expected"),
    [
        # Europe/Berlin spring forward 2026-03-29 02:00 CET → 03:00 CEST.
        ("Europe/Berlin", date(2026, 3, 29), time(2, 30), utc(2026, 3, 29, 1, 30)),
        ("Europe/Berlin", date(2026, 3, 29), time(2, 0), utc(2026, 3, 29, 1, 0)),
        ("Europe/Berlin", date(2026, 3, 29), time(1, 59), utc(2026, 3, 29, 0, 59)),
        ("Europe/Berlin", date(2026, 3, 29), time(3, 0), utc(2026, 3, 29, 1, 0)),
        # Europe/Berlin fall back 2026-10-25 03:00 CEST → 02:00 CET: first occurrence.
        ("Europe/Berlin", date(2026, 10, 25), time(2, 30), utc(2026, 10, 25, 0, 30)),
        ("Europe/Berlin", date(2026, 10, 25), time(3, 0), utc(2026, 10, 25, 2, 0)),
        # America/New_York 2026-03-08 02:00 EST → 03:00 EDT; 2026-11-01 02:00 EDT → 01:00 EST.
        ("America/New_York", date(2026, 3, 8), time(2, 30), utc(2026, 3, 8, 7, 30)),
        ("America/New_York", date(2026, 3, 8), time(7, 0), utc(2026, 3, 8, 11, 0)),
        ("America/New_York", date(2026, 11, 1), time(1, 30), utc(2026, 11, 1, 5, 30)),
        ("America/New_York", date(2026, 11, 1), time(7, 0), utc(2026, 11, 1, 12, 0)),
        # Australia/Lord_Howe shifts by 30 minutes: +10:30 ↔ +11:00 at 02:00.
        ("Australia/Lord_Howe", date(2026, 10, 4), time(2, 15), utc(2026, 10, 3, 15, 45)),
        ("Australia/Lord_Howe", date(2026, 4, 5), time(1, 45), utc(2026, 4, 4, 14, 45)),
        ("Australia/Lord_Howe", date(2026, 4, 5), time(2, 0), utc(2026, 4, 4, 15, 30)),
        # Asia/Kolkata: +05:30, no DST.
        ("Asia/Kolkata", date(2026, 3, 29), time(7, 0), utc(2026, 3, 29, 1, 30)),
        ("Asia/Kolkata", date(2026, 1, 1), time(0, 0), utc(2025, 12, 31, 18, 30)),
        # America/Havana springs forward at midnight: 00:30 becomes 01:30.
        ("America/Havana", date(2026, 3, 8), time(0, 30), utc(2026, 3, 8, 5, 30)),
    ],
)
def test_occurrence_handles_dst(zone: str, day: date, at: time, expected: datetime) -> None:
    """A wall time maps to UTC; a gap time moves forward, an ambiguous one is the first."""
    assert occurrence(day, at, zone) == expected


def test_spring_forward_gap_moves_forward_by_gap() -> None:
    """02:30 on the Berlin spring-forward day reads 03:30 CEST on the wall."""
    instant = occurrence(date(2026, 3, 29), time(2, 30), "Europe/Berlin")
    wall = instant.astimezone(ZoneInfo("Europe/Berlin"))
    assert (wall.date(), wall.time(), wall.utcoffset()) == (
        date(2026, 3, 29),
        time(3, 30),
        timedelta(hours=2),
    )


def test_occurrence_ignores_fold_of_at() -> None:
    """A time passed with fold=1 still fires at the first occurrence."""
    first = occurrence(date(2026, 10, 25), time(2, 30, fold=1), "Europe/Berlin")
    assert first == utc(2026, 10, 25, 0, 30)


def test_occurrence_rejects_aware_time() -> None:
    """A local prompt time must be a naive wall time."""
    with pytest.raises(ValueError, match="naive"):
        occurrence(date(2026, 1, 1), time(7, tzinfo=UTC), "Europe/Berlin")


def test_local_day_of_uses_the_zone() -> None:
    """The local date follows the zone's wall clock, not UTC."""
    instant = utc(2026, 3, 28, 23, 30)
    assert local_day_of(instant, "Europe/Berlin") == date(2026, 3, 29)
    assert local_day_of(instant, "America/New_York") == date(2026, 3, 28)
    assert local_day_of(utc(2026, 1, 1, 18, 29), "Asia/Kolkata") == date(2026, 1, 1)
    assert local_day_of(utc(2026, 1, 1, 18, 30), "Asia/Kolkata") == date(2026, 1, 2)


def test_local_day_of_rejects_naive() -> None:
    """A naive datetime is refused instead of guessed."""
    with pytest.raises(ValueError, match="aware"):
        local_day_of(datetime(2026, 1, 1, 12), "UTC")


def test_fall_back_fires_once_in_berlin() -> None:
    """Across the 2026-10-25 fall back, 02:30 fires once a day: at 00:30 UTC that day."""
    got = occurrences_between(utc(2026, 10, 23), utc(2026, 10, 27), time(2, 30), "Europe/Berlin")
    assert got == [
        (date(2026, 10, 23), utc(2026, 10, 23, 0, 30)),
        (date(2026, 10, 24), utc(2026, 10, 24, 0, 30)),
        (date(2026, 10, 25), utc(2026, 10, 25, 0, 30)),
        (date(2026, 10, 26), utc(2026, 10, 26, 1, 30)),
    ]


def test_fall_back_second_pass_does_not_repeat() -> None:
    """After the first 02:30, the second 02:30 (01:30 UTC) is not another occurrence."""
    day, instant = next_occurrence(utc(2026, 10, 25, 0, 30), time(2, 30), "Europe/Berlin")
    assert (day, instant) == (date(2026, 10, 26), utc(2026, 10, 26, 1, 30))


def test_spring_forward_day_is_not_skipped() -> None:
    """Across the 2026-03-08 New York spring forward, 02:30 still fires every day."""
    got = occurrences_between(utc(2026, 3, 7), utc(2026, 3, 10), time(2, 30), "America/New_York")
    assert got == [
        (date(2026, 3, 7), utc(2026, 3, 7, 7, 30)),
        (date(2026, 3, 8), utc(2026, 3, 8, 7, 30)),
        (date(2026, 3, 9), utc(2026, 3, 9, 6, 30)),
    ]


def test_new_york_fall_back_fires_once() -> None:
    """On 2026-11-01, 01:30 fires once at 05:30 UTC (EDT), not again at 06:30 UTC."""
    got = occurrences_between(
        utc(2026, 11, 1, 0), utc(2026, 11, 2, 0), time(1, 30), "America/New_York"
    )
    assert got == [(date(2026, 11, 1), utc(2026, 11, 1, 5, 30))]


def test_next_occurrence_is_strictly_after() -> None:
    """An occurrence exactly at `after` is not returned; the next day's is."""
    after = utc(2026, 6, 1, 5, 0)  # 07:00 in Berlin (CEST)
    assert next_occurrence(after, time(7), "Europe/Berlin") == (
        date(2026, 6, 2),
        utc(2026, 6, 2, 5, 0),
    )
    just_before = after - timedelta(microseconds=1)
    assert next_occurrence(just_before, time(7), "Europe/Berlin") == (date(2026, 6, 1), after)


def test_next_occurrence_in_half_hour_zone() -> None:
    """Asia/Kolkata (+05:30) returns the local day even when the UTC date differs."""
    assert next_occurrence(utc(2026, 5, 10, 12), time(1, 0), "Asia/Kolkata") == (
        date(2026, 5, 11),
        utc(2026, 5, 10, 19, 30),
    )


def test_days_mask_picks_mon_wed_fri() -> None:
    """With a Mon/Wed/Fri mask only those days are returned, in order."""
    # 2026-06-01 is a Monday.
    got = occurrences_between(utc(2026, 6, 1), utc(2026, 6, 15), time(18), "Europe/Berlin", MWF)
    assert [day for day, _ in got] == [
        date(2026, 6, 1),
        date(2026, 6, 3),
        date(2026, 6, 5),
        date(2026, 6, 8),
        date(2026, 6, 10),
        date(2026, 6, 12),
    ]
    assert all(instant.hour == 16 for _, instant in got)


def test_days_mask_skips_to_next_week() -> None:
    """After Friday's prompt the next masked day is Monday."""
    assert next_occurrence(utc(2026, 6, 5, 16), time(18), "Europe/Berlin", MWF) == (
        date(2026, 6, 8),
        utc(2026, 6, 8, 16),
    )


@pytest.mark.parametrize("mask", [0, 128, -1])
def test_bad_mask_is_refused(mask: int) -> None:
    """A mask with no day (or out of range) is a bug, not an endless search."""
    with pytest.raises(ValueError, match="days_mask"):
        next_occurrence(utc(2026, 1, 1), time(7), "UTC", mask)


def test_apia_skipped_day_has_no_occurrence() -> None:
    """Samoa skipped 2011-12-30: the day after 29 December's prompt is 31 December."""
    first = next_occurrence(utc(2011, 12, 29, 0), time(9), "Pacific/Apia")
    assert first == (date(2011, 12, 29), utc(2011, 12, 29, 19))
    assert next_occurrence(first[1], time(9), "Pacific/Apia") == (
        date(2011, 12, 31),
        utc(2011, 12, 30, 19),
    )


def test_occurrences_between_excludes_start_includes_end() -> None:
    """The window is half-open: start < instant <= end."""
    start, end = utc(2026, 1, 1, 7), utc(2026, 1, 3, 7)
    assert occurrences_between(start, end, time(7), "UTC") == [
        (date(2026, 1, 2), utc(2026, 1, 2, 7)),
        (date(2026, 1, 3), utc(2026, 1, 3, 7)),
    ]
    assert occurrences_between(end, start, time(7), "UTC") == []


@pytest.mark.parametrize(
    ("day", "week_start", "expected"),
    [
        (date(2026, 6, 3), Weekday.MON, (date(2026, 6, 1), date(2026, 6, 7))),
        (date(2026, 6, 1), Weekday.MON, (date(2026, 6, 1), date(2026, 6, 7))),
        (date(2026, 6, 7), Weekday.MON, (date(2026, 6, 1), date(2026, 6, 7))),
        (date(2026, 6, 3), Weekday.SUN, (date(2026, 5, 31), date(2026, 6, 6))),
        (date(2026, 6, 6), Weekday.SAT, (date(2026, 6, 6), date(2026, 6, 12))),
        (date(2026, 1, 1), Weekday.MON, (date(2025, 12, 29), date(2026, 1, 4))),
    ],
)
def test_week_bounds(day: date, week_start: Weekday, expected: tuple[date, date]) -> None:
    """The week holding a day runs from its week_start to six days later, inclusive."""
    assert week_bounds(day, week_start) == expected


# --- properties -------------------------------------------------------------------

ZONES = [
    "UTC",
    "Europe/Berlin",
    "Europe/London",
    "Europe/Dublin",
    "America/New_York",
    "America/Los_Angeles",
    "America/St_Johns",
    "America/Santiago",
    "America/Havana",
    "Australia/Lord_Howe",
    "Australia/Sydney",
    "Pacific/Auckland",
    "Pacific/Chatham",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Africa/Casablanca",
]
SPECIAL_TIMES = [time(0), time(0, 30), time(1, 30), time(2), time(2, 30), time(3), time(23, 59)]


def _offset_change_days(zone: str) -> list[datetime]:
    """Midnight UTC starting each UTC day in 2025–2027 during which the zone's offset changes."""
    tz, found = ZoneInfo(zone), []
    day = datetime(2025, 1, 1, tzinfo=UTC)
    while day.year < 2028:
        later = day + timedelta(days=1)
        if day.astimezone(tz).utcoffset() != later.astimezone(tz).utcoffset():
            found.append(day)
        day = later
    return found


CHANGE_DAYS = {zone: _offset_change_days(zone) for zone in ZONES}
wall_times = st.one_of(st.sampled_from(SPECIAL_TIMES), st.times())
uniform_instants = st.datetimes(
    min_value=datetime(2025, 1, 1), max_value=datetime(2027, 12, 31), timezones=st.just(UTC)
)
near = st.timedeltas(min_value=timedelta(days=-2), max_value=timedelta(days=2))


@st.composite
def zone_and_instant(draw: st.DrawFn) -> tuple[str, datetime]:
    """A zone and an instant in 2025–2027; half the time within 2 days of its DST change."""
    zone = draw(st.sampled_from(ZONES))
    if draw(st.booleans()) and CHANGE_DAYS[zone]:
        return zone, draw(st.sampled_from(CHANGE_DAYS[zone])) + draw(near)
    return zone, draw(uniform_instants)


masks = st.one_of(st.none(), st.integers(min_value=1, max_value=127))


def _days_in(mask: int | None, first: date, last: date) -> list[date]:
    """Days in (first, last) whose weekday is in mask."""
    picked = set(Weekday) if mask is None else from_mask(mask)
    count = (last - first).days
    days = (first + timedelta(days=n) for n in range(1, count))
    return [day for day in days if Weekday(day.weekday()) in picked]


def _check_wall_time(day: date, instant: datetime, at: time, zone: str) -> None:
    tz = ZoneInfo(zone)
    wall = instant.astimezone(tz)
    assert wall.date() == day
    if wall.time() == at:
        return
    # Only a wall time in a spring-forward gap may move, and only forward by the gap.
    naive = datetime.combine(day, at)
    before, after = tz.utcoffset(naive.replace(fold=0)), tz.utcoffset(naive.replace(fold=1))
    assert before is not None
    assert after is not None
    gap = after - before
    assert timedelta(0) < gap < timedelta(hours=2)
    assert wall.replace(tzinfo=None) - naive == gap


@settings(max_examples=300, deadline=None)
@given(zone_after=zone_and_instant(), at=wall_times, mask=masks)
def test_next_occurrence_iterates_every_day_once(
    zone_after: tuple[str, datetime], at: time, mask: int | None
) -> None:
    """Iterating next_occurrence gives increasing instants, one per (masked) local day."""
    zone, after = zone_after
    picked = set(Weekday) if mask is None else from_mask(mask)
    cursor, previous_day = after, None
    for _ in range(60):
        day, instant = next_occurrence(cursor, at, zone, mask)
        assert instant > cursor
        assert instant.tzinfo is UTC
        assert Weekday(day.weekday()) in picked
        _check_wall_time(day, instant, at, zone)
        if previous_day is None:
            # Earliest: the masked day before it had its occurrence at or before `after`.
            earlier = day - timedelta(days=1)
            while Weekday(earlier.weekday()) not in picked:
                earlier -= timedelta(days=1)
            assert occurrence(earlier, at, zone) <= after
        else:
            assert day > previous_day
            assert _days_in(mask, previous_day, day) == []
        cursor, previous_day = instant, day


@settings(max_examples=200, deadline=None)
@given(
    zone_start=zone_and_instant(),
    at=wall_times,
    span=st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=25)),
    mask=masks,
)
def test_occurrences_between_agrees_with_next_occurrence(
    zone_start: tuple[str, datetime], at: time, span: timedelta, mask: int | None
) -> None:
    """occurrences_between lists exactly what iterating next_occurrence yields up to end."""
    zone, start = zone_start
    end = start + span
    expected = []
    cursor = start
    while True:
        day, instant = next_occurrence(cursor, at, zone, mask)
        if instant > end:
            break
        expected.append((day, instant))
        cursor = instant
    got = occurrences_between(start, end, at, zone, mask)
    assert got == expected
    assert all(start < instant <= end for _, instant in got)
