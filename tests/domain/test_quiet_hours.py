"""Tests for quiet hours, their end across DST, the send decision and the quiet-hours parser."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.schedule import (
    QuietHours,
    SendDecision,
    in_quiet_hours,
    parse_quiet_hours,
    quiet_hours_end,
    send_decision,
)
from bot.domain.text import InvalidAnswer

NIGHT = QuietHours(time(22), time(7))  # wraps midnight
AFTERNOON = QuietHours(time(13), time(15))
BERLIN = "Europe/Berlin"


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def local(zone: str, year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    """A wall time in zone (first occurrence when ambiguous) as an aware UTC instant."""
    return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(zone)).astimezone(UTC)


# --- in_quiet_hours ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("quiet", "hour", "minute", "expected"),
    [
        (NIGHT, 21, 59, False),
        (NIGHT, 22, 0, True),
        (NIGHT, 23, 59, True),
        (NIGHT, 0, 0, True),
        (NIGHT, 6, 59, True),
        (NIGHT, 7, 0, False),
        (NIGHT, 12, 0, False),
        (AFTERNOON, 12, 59, False),
        (AFTERNOON, 13, 0, True),
        (AFTERNOON, 14, 30, True),
        (AFTERNOON, 15, 0, False),
        (QuietHours(time(7), time(7)), 7, 0, False),
        (None, 3, 0, False),
    ],
)
def test_in_quiet_hours_window(
    quiet: QuietHours | None, hour: int, minute: int, expected: bool
) -> None:
    """Quiet hours are [start, end) on the wall clock, wrapping midnight; start == end is none."""
    instant = local(BERLIN, 2026, 6, 1, hour, minute)
    assert in_quiet_hours(instant, BERLIN, quiet) is expected


def test_in_quiet_hours_uses_local_wall_clock() -> None:
    """The same instant is quiet in Berlin (23:00) but not in New York (17:00)."""
    instant = utc(2026, 6, 1, 21)
    assert in_quiet_hours(instant, BERLIN, NIGHT)
    assert not in_quiet_hours(instant, "America/New_York", NIGHT)


def test_in_quiet_hours_rejects_naive() -> None:
    """A naive instant is refused."""
    with pytest.raises(ValueError, match="aware"):
        in_quiet_hours(datetime(2026, 6, 1, 23), BERLIN, NIGHT)


def test_quiet_hours_refuse_aware_times() -> None:
    """Quiet hours are wall-clock times, so aware times are refused."""
    with pytest.raises(ValueError, match="naive"):
        QuietHours(time(22, tzinfo=UTC), time(7))


# --- quiet_hours_end --------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "quiet", "instant", "expected"),
    [
        # Ordinary night in summer: 23:00 CEST → 07:00 CEST.
        (BERLIN, NIGHT, utc(2026, 6, 1, 21), utc(2026, 6, 2, 5)),
        # After midnight, the same night's end.
        (BERLIN, NIGHT, utc(2026, 6, 2, 1), utc(2026, 6, 2, 5)),
        # Non-wrapping window.
        (BERLIN, AFTERNOON, local(BERLIN, 2026, 6, 1, 14), local(BERLIN, 2026, 6, 1, 15)),
        # Spring-forward night: 23:00 CET → 07:00 CEST (a 7-hour night).
        (BERLIN, NIGHT, utc(2026, 3, 28, 22), utc(2026, 3, 29, 5)),
        # Fall-back night: 23:00 CEST → 07:00 CET (a 9-hour night).
        (BERLIN, NIGHT, utc(2026, 10, 24, 21), utc(2026, 10, 25, 6)),
        # End inside the gap: the clock jumps from 02:00 CET past 02:30 straight to 03:00 CEST.
        (BERLIN, QuietHours(time(22), time(2, 30)), utc(2026, 3, 28, 22), utc(2026, 3, 29, 1)),
        # Fall back out of the window: at 02:00 EDT (06:00 UTC) the clock reads 01:00 EST,
        # before the 01:30 start, so quiet hours end there and not at 03:00.
        (
            "America/New_York",
            QuietHours(time(1, 30), time(3)),
            local("America/New_York", 2026, 11, 1, 1, 45),
            utc(2026, 11, 1, 6),
        ),
        # Second pass of an ambiguous end: 01:15 EST (06:15 UTC) ends at 01:30 EST.
        (
            "America/New_York",
            QuietHours(time(22), time(1, 30)),
            utc(2026, 11, 1, 6, 15),
            utc(2026, 11, 1, 6, 30),
        ),
        # Lord Howe fall back by 30 minutes: 02:00 +11 → 01:30 +10:30; quiet until 07:00.
        (
            "Australia/Lord_Howe",
            NIGHT,
            local("Australia/Lord_Howe", 2026, 4, 4, 23),
            local("Australia/Lord_Howe", 2026, 4, 5, 7),
        ),
    ],
)
def test_quiet_hours_end(
    zone: str, quiet: QuietHours, instant: datetime, expected: datetime
) -> None:
    """The quiet period ends when the wall clock first leaves the window, across DST."""
    assert in_quiet_hours(instant, zone, quiet)
    assert quiet_hours_end(instant, zone, quiet) == expected


def test_quiet_hours_end_outside_quiet_is_the_instant() -> None:
    """Outside quiet hours there is nothing to wait for: the instant itself comes back."""
    instant = utc(2026, 6, 1, 10)
    assert quiet_hours_end(instant, BERLIN, NIGHT) == instant


ZONES = [
    "UTC",
    "Europe/Berlin",
    "America/New_York",
    "America/Santiago",
    "America/Havana",
    "Australia/Lord_Howe",
    "Asia/Kolkata",
    "Pacific/Chatham",
    "Africa/Casablanca",
]
WALL_TIMES = [time(0), time(1, 30), time(2), time(2, 30), time(3), time(7), time(22), time(23, 59)]


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


@st.composite
def zone_and_instant(draw: st.DrawFn) -> tuple[str, datetime]:
    """A zone and an instant in 2025–2027; half the time within 2 days of its DST change."""
    zone = draw(st.sampled_from(ZONES))
    if draw(st.booleans()) and CHANGE_DAYS[zone]:
        shift = draw(st.timedeltas(min_value=timedelta(days=-2), max_value=timedelta(days=2)))
        return zone, draw(st.sampled_from(CHANGE_DAYS[zone])) + shift
    instant = draw(
        st.datetimes(
            min_value=datetime(2025, 1, 1),
            max_value=datetime(2027, 12, 31),
            timezones=st.just(UTC),
        )
    )
    return zone, instant


@settings(max_examples=300, deadline=None)
@given(
    zone_instant=zone_and_instant(),
    start=st.sampled_from(WALL_TIMES),
    end=st.sampled_from(WALL_TIMES),
)
def test_quiet_hours_end_is_first_non_quiet_instant(
    zone_instant: tuple[str, datetime], start: time, end: time
) -> None:
    """quiet_hours_end is not quiet, and every 10 minutes from the instant up to it is quiet."""
    zone, instant = zone_instant
    quiet = QuietHours(start, end)
    ends = quiet_hours_end(instant, zone, quiet)
    assert not in_quiet_hours(ends, zone, quiet)
    if not in_quiet_hours(instant, zone, quiet):
        assert ends == instant
        return
    # Normally within a day; when a DST jump swallows the whole awake window (a 23.5-hour
    # quiet period on Lord Howe's 30-minute spring-forward day), it runs into the next day.
    assert instant < ends < instant + timedelta(hours=50)
    assert in_quiet_hours(ends - timedelta(seconds=1), zone, quiet)
    probe = instant
    while probe < ends:
        assert in_quiet_hours(probe, zone, quiet)
        probe += timedelta(minutes=10)


# --- send_decision ----------------------------------------------------------------

DUE = local(BERLIN, 2026, 6, 1, 21, 50)  # 21:50 CEST, ten minutes before quiet hours


@pytest.mark.parametrize(
    ("due_at", "now", "catch_up", "quiet", "expected"),
    [
        # Not yet due.
        (DUE, DUE - timedelta(seconds=1), timedelta(hours=2), NIGHT, SendDecision.WAIT),
        # Due now, or a little late within catch-up, outside quiet hours.
        (DUE, DUE, timedelta(hours=2), NIGHT, SendDecision.SEND),
        (DUE, DUE + timedelta(minutes=9), timedelta(hours=2), NIGHT, SendDecision.SEND),
        # No quiet hours: late within catch-up sends, past it skips.
        (DUE, DUE + timedelta(hours=2), timedelta(hours=2), None, SendDecision.SEND),
        (DUE, DUE + timedelta(hours=2, seconds=1), timedelta(hours=2), None, SendDecision.SKIP),
        # Now in quiet hours and quiet ends (07:00) within catch-up: wait for it.
        (DUE, DUE + timedelta(minutes=20), timedelta(hours=12), NIGHT, SendDecision.WAIT),
        # ...then, at 07:00 the next morning, it is caught up.
        (DUE, local(BERLIN, 2026, 6, 2, 7), timedelta(hours=12), NIGHT, SendDecision.SEND),
        # Quiet hours end after catch-up runs out: dropped right away, not held all night.
        (DUE, DUE + timedelta(minutes=20), timedelta(hours=2), NIGHT, SendDecision.SKIP),
        # ...and still skipped at 07:00.
        (DUE, local(BERLIN, 2026, 6, 2, 7), timedelta(hours=2), NIGHT, SendDecision.SKIP),
        # He chose 06:30 inside quiet hours: it is sent.
        (
            local(BERLIN, 2026, 6, 2, 6, 30),
            local(BERLIN, 2026, 6, 2, 6, 40),
            timedelta(hours=2),
            NIGHT,
            SendDecision.SEND,
        ),
        # Too late even for a chosen quiet time.
        (
            local(BERLIN, 2026, 6, 2, 6, 30),
            local(BERLIN, 2026, 6, 2, 9),
            timedelta(hours=2),
            NIGHT,
            SendDecision.SKIP,
        ),
        # Quiet hours of zero length are none.
        (
            DUE,
            DUE + timedelta(minutes=20),
            timedelta(hours=2),
            QuietHours(time(22), time(22)),
            SendDecision.SEND,
        ),
    ],
)
def test_send_decision_table(
    due_at: datetime,
    now: datetime,
    catch_up: timedelta,
    quiet: QuietHours | None,
    expected: SendDecision,
) -> None:
    """Wait before due and through quiet hours, send when allowed, skip past catch-up."""
    decision = send_decision(due_at=due_at, now=now, catch_up=catch_up, zone=BERLIN, quiet=quiet)
    assert decision is expected


def test_send_decision_waits_through_quiet_hours_on_spring_forward_night() -> None:
    """From 21:50 CET to 07:00 CEST is 8 h 10 min, not 9 h 10 min: catch-up is measured in UTC."""
    due = local(BERLIN, 2026, 3, 28, 21, 50)
    now = local(BERLIN, 2026, 3, 28, 23)
    decide = {
        minutes: send_decision(
            due_at=due, now=now, catch_up=timedelta(minutes=minutes), zone=BERLIN, quiet=NIGHT
        )
        for minutes in (489, 490)
    }
    assert decide == {489: SendDecision.SKIP, 490: SendDecision.WAIT}


def test_send_decision_refuses_negative_catch_up() -> None:
    """A negative catch-up window is a configuration bug."""
    with pytest.raises(ValueError, match="catch_up"):
        send_decision(due_at=DUE, now=DUE, catch_up=timedelta(-1), zone=BERLIN, quiet=None)


# --- parse_quiet_hours ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("22:00-07:00", NIGHT),
        ("22:00 – 07:00", NIGHT),
        ("22-7", NIGHT),
        ("10pm-7am", NIGHT),
        ("10 PM to 7 AM", NIGHT),
        ("from 22:00 until 07:00", NIGHT),
        ("between 10pm and 7am", NIGHT),
        ("13:00-15:00", AFTERNOON),
        ("23:30-6:45", QuietHours(time(23, 30), time(6, 45))),
        ("midnight-6", QuietHours(time(0), time(6))),
        ("off", None),
        ("None", None),
        ("no", None),
        (" OFF. ", None),
    ],
)
def test_parse_quiet_hours_accepts(text: str, expected: QuietHours | None) -> None:
    """Common ways to write a quiet window (or none) are read."""
    assert parse_quiet_hours(text) == expected


@pytest.mark.parametrize("text", ["", "tonight", "22:00", "22-7-9", "25:00-07:00", "7-7", "10pm-"])
def test_parse_quiet_hours_rejects_with_example(text: str) -> None:
    """Anything else is refused with an example of what works."""
    with pytest.raises(InvalidAnswer, match="22:00-07:00"):
        parse_quiet_hours(text)
