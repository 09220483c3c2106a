"""Tests for the schedule parsers: clock time, weekdays and durations."""

from datetime import time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.profile import (
    Weekday,
    parse_clock_time,
    parse_duration,
    parse_evening_time,
    parse_weekdays,
)
from bot.domain.text import InvalidAnswer

MON, TUE, WED, THU, FRI, SAT, SUN = Weekday
WORKWEEK = frozenset({MON, TUE, WED, THU, FRI})
ALL_DAYS = frozenset(Weekday)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7:30", time(7, 30)),
        ("07:30", time(7, 30)),
        ("7.30", time(7, 30)),
        ("7h30", time(7, 30)),
        ("0730", time(7, 30)),
        ("730", time(7, 30)),
        ("7", time(7)),
        ("7am", time(7)),
        ("7 AM", time(7)),
        ("7:30 pm", time(19, 30)),
        ("7.30PM", time(19, 30)),
        ("7:30 p.m.", time(19, 30)),
        ("7p", time(19)),
        ("19:45", time(19, 45)),
        ("19h", time(19)),
        ("  19 : 45  ", time(19, 45)),
        ("7 o'clock", time(7)),
        ("at 6:15", time(6, 15)),
        ("noon", time(12)),
        ("Midday", time(12)),
        ("midnight", time(0)),
        ("12am", time(0)),
        ("12:30 am", time(0, 30)),
        ("12pm", time(12)),
        ("0:00", time(0)),
        ("23:59", time(23, 59)),
        ("1230", time(12, 30)),
    ],
)
def test_clock_time_accepts_common_forms(text: str, expected: time) -> None:
    """Typical ways of typing a time of day are all understood."""
    assert parse_clock_time(text) == expected


@pytest.mark.parametrize(
    "text",
    ["25:00", "24:00", "7:61", "13pm", "0am", "", "   ", "tomorrow", "7:5", "12345", "7::30"],
)
def test_clock_time_rejects_invalid_forms(text: str) -> None:
    """Impossible or unreadable times are refused with an example of the expected form."""
    with pytest.raises(InvalidAnswer) as excinfo:
        parse_clock_time(text)
    assert "e.g." in str(excinfo.value) or "like 07:30" in str(excinfo.value)


def test_clock_time_messages_are_specific() -> None:
    """Out-of-range hours, minutes and am/pm hours each get their own explanation."""
    for text, fragment in [("25:00", "0 to 23"), ("7:61", "00 to 59"), ("13pm", "1 to 12")]:
        with pytest.raises(InvalidAnswer, match=fragment):
            parse_clock_time(text)


@given(st.times().map(lambda t: t.replace(second=0, microsecond=0)))
def test_clock_time_round_trips_hh_mm(value: time) -> None:
    """Every valid HH:MM (and H:MM) string parses back to the same time."""
    assert parse_clock_time(value.strftime("%H:%M")) == value
    assert parse_clock_time(f"{value.hour}:{value.minute:02d}") == value


@given(st.times().map(lambda t: t.replace(second=0, microsecond=0)))
def test_clock_time_round_trips_twelve_hour_clock(value: time) -> None:
    """Every time written on the 12-hour clock with am/pm parses back to the same time."""
    hour12 = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    assert parse_clock_time(f"{hour12}:{value.minute:02d} {suffix}") == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mon wed fri", {MON, WED, FRI}),
        ("Mon, Wed, Fri", {MON, WED, FRI}),
        ("monday/thursday", {MON, THU}),
        ("tue & thu", {TUE, THU}),
        ("Tuesdays and Thursdays", {TUE, THU}),
        ("mon-fri", WORKWEEK),
        ("Mon – Fri", WORKWEEK),
        ("monday to friday", WORKWEEK),
        ("mon through fri", WORKWEEK),
        ("fri-mon", {FRI, SAT, SUN, MON}),
        ("weekdays", WORKWEEK),
        ("week days", WORKWEEK),
        ("weekends", {SAT, SUN}),
        ("weekend", {SAT, SUN}),
        ("every day", ALL_DAYS),
        ("Daily", ALL_DAYS),
        ("all", ALL_DAYS),
        ("everyday", ALL_DAYS),
        ("sa su", {SAT, SUN}),
        ("mo tu we th fr", WORKWEEK),
        ("tues thurs", {TUE, THU}),
        ("weds", {WED}),
        ("wensday", {WED}),
        ("thrusday", {THU}),
        ("MWF", {MON, WED, FRI}),
        ("weekends and wed", {SAT, SUN, WED}),
        ("every monday", {MON}),
        ("sun.", {SUN}),
    ],
)
def test_weekdays_accepts_common_forms(text: str, expected: set[Weekday]) -> None:
    """Day lists, ranges, groups and abbreviations are understood."""
    assert parse_weekdays(text) == frozenset(expected)


@pytest.mark.parametrize("text", ["", "  ", "none", "no", "never"])
def test_weekdays_requires_at_least_one_day(text: str) -> None:
    """An empty or 'none' answer asks for at least one day, with an example."""
    with pytest.raises(InvalidAnswer, match=r"at least one day, e\.g\. mon wed fri"):
        parse_weekdays(text)


@pytest.mark.parametrize(
    ("text", "word"),
    [("mon banana fri", "banana"), ("tomorrow", "tomorrow"), ("montag", "montag"), ("t th", "t")],
)
def test_weekdays_names_the_word_it_did_not_understand(text: str, word: str) -> None:
    """An unknown word is quoted back with an example of what works."""
    with pytest.raises(InvalidAnswer) as excinfo:
        parse_weekdays(text)
    assert f"“{word}”" in str(excinfo.value)
    assert "mon wed fri" in str(excinfo.value)


@pytest.mark.parametrize("text", ["mon-", "- fri", "mon - weekends", "to fri"])
def test_weekdays_rejects_broken_ranges(text: str) -> None:
    """Ranges with a missing or non-day end are refused with an example."""
    with pytest.raises(InvalidAnswer, match="mon-fri"):
        parse_weekdays(text)


@given(st.sets(st.sampled_from(list(Weekday)), min_size=1))
def test_weekdays_round_trip_short_names(days: set[Weekday]) -> None:
    """Any set of days written with their short names parses back to the same set."""
    text = ", ".join(day.short for day in sorted(days))
    assert parse_weekdays(text) == frozenset(days)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1d", timedelta(days=1)),
        ("3 days", timedelta(days=3)),
        ("2w", timedelta(weeks=2)),
        ("1 week", timedelta(weeks=1)),
        ("12h", timedelta(hours=12)),
        ("30m", timedelta(minutes=30)),
        ("90 min", timedelta(minutes=90)),
        ("1d12h", timedelta(days=1, hours=12)),
        ("1d 12h", timedelta(days=1, hours=12)),
        ("1 day and 12 hours", timedelta(days=1, hours=12)),
        ("2 Hours, 30 Minutes", timedelta(hours=2, minutes=30)),
        ("an hour", timedelta(hours=1)),
        ("a week", timedelta(weeks=1)),
        ("1.5 days", timedelta(days=1, hours=12)),
        ("1 month", timedelta(days=30)),
        ("365 days", timedelta(days=365)),
    ],
)
def test_duration_accepts_common_forms(text: str, expected: timedelta) -> None:
    """Compact and spelled-out durations are understood."""
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["", "3", "abc", "3 fortnights", "d3", "1d x", "-1d", "1d12"])
def test_duration_rejects_unreadable_forms(text: str) -> None:
    """Unreadable durations are refused with examples of accepted forms."""
    with pytest.raises(InvalidAnswer, match=r"like 3 days, 2w|e\.g\."):
        parse_duration(text)


@pytest.mark.parametrize(("text", "fragment"), [("0d", "longer than zero"), ("366 days", "365")])
def test_duration_enforces_bounds(text: str, fragment: str) -> None:
    """Zero and more-than-a-year durations are refused with the limit spelled out."""
    with pytest.raises(InvalidAnswer, match=fragment):
        parse_duration(text)


@given(
    st.tuples(
        st.integers(0, 364), st.integers(0, 23), st.integers(0, 59), st.sampled_from(["", " "])
    ).filter(lambda parts: any(parts[:3]))
)
def test_duration_round_trips_components(parts: tuple[int, int, int, str]) -> None:
    """A duration written as XdYhZm parses back to the same timedelta."""
    days, hours, minutes, gap = parts
    text = gap.join(f"{n}{unit}" for n, unit in zip(parts[:3], "dhm", strict=False) if n)
    assert parse_duration(text) == timedelta(days=days, hours=hours, minutes=minutes)


@pytest.mark.parametrize("text", ["15:00", "20:00", "8 pm", "23:59", "11:30 pm"])
def test_evening_check_in_times_in_the_window(text: str) -> None:
    """15:00 to 23:59 is an evening check-in time."""
    assert parse_evening_time(text) >= time(15, 0)


@pytest.mark.parametrize("text", ["06:00", "6 am", "14:59", "midnight", "noon"])
def test_evening_check_in_times_outside_the_window_say_why(text: str) -> None:
    """A morning or midday check-in time is refused with the window and the reason."""
    with pytest.raises(InvalidAnswer, match="between 15:00 and 23:59 your time") as caught:
        parse_evening_time(text)
    assert "whole day's food and supplements" in str(caught.value)
