"""Tests for streaks over planned days."""

import random
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.training import best_streak, current_streak

TODAY = date(2026, 6, 10)


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def test_empty_history_has_no_streak() -> None:
    """No planned days means no streak."""
    assert current_streak([], today=TODAY) == 0
    assert best_streak([]) == 0


def test_consecutive_completed_days_count() -> None:
    """Completed planned days up to today count, in any input order."""
    outcomes = [(days_ago(1), True), (TODAY, True), (days_ago(2), True), (days_ago(3), False)]
    assert current_streak(outcomes, today=TODAY) == 3


def test_unplanned_days_do_not_break_the_streak() -> None:
    """Only planned days are listed, so gaps between them (rest days) do not matter."""
    outcomes = [(days_ago(0), True), (days_ago(2), True), (days_ago(5), True)]
    assert current_streak(outcomes, today=TODAY) == 3


def test_pending_today_does_not_break_the_streak() -> None:
    """Today's planned day, not yet done, is pending: the streak before it stands."""
    outcomes = [(TODAY, False), (days_ago(1), True), (days_ago(2), True)]
    assert current_streak(outcomes, today=TODAY) == 2


def test_pending_today_counts_as_missed_when_not_included() -> None:
    """With include_today_if_pending=False an undone today ends the streak."""
    outcomes = [(TODAY, False), (days_ago(1), True), (days_ago(2), True)]
    assert current_streak(outcomes, today=TODAY, include_today_if_pending=False) == 0


def test_missed_past_day_breaks_the_streak() -> None:
    """A missed planned day before today resets the streak."""
    outcomes = [(days_ago(1), False), (days_ago(2), True), (days_ago(3), True)]
    assert current_streak(outcomes, today=TODAY) == 0
    assert current_streak([(TODAY, True), *outcomes], today=TODAY) == 1


def test_streak_ends_at_latest_planned_day_before_today() -> None:
    """With no plan today, the streak runs up to the latest past planned day."""
    outcomes = [(days_ago(3), True), (days_ago(6), True), (days_ago(9), False)]
    assert current_streak(outcomes, today=TODAY) == 2


def test_future_planned_days_are_ignored() -> None:
    """Planned days after today are not yet part of any streak."""
    outcomes = [(TODAY + timedelta(days=1), False), (TODAY, True)]
    assert current_streak(outcomes, today=TODAY) == 1


def test_duplicate_day_counts_done_if_any_done() -> None:
    """A day listed twice counts as completed if either entry says so."""
    outcomes = [(TODAY, False), (TODAY, True), (days_ago(1), True)]
    assert current_streak(outcomes, today=TODAY, include_today_if_pending=False) == 2


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("", 0),
        ("x", 0),
        ("o", 1),
        ("ooxooox", 3),
        ("oooxo", 3),
        ("xoooo", 4),
    ],
)
def test_best_streak(pattern: str, expected: int) -> None:
    """best_streak is the longest run of completed planned days (o done, x missed)."""
    outcomes = [(days_ago(len(pattern) - i), mark == "o") for i, mark in enumerate(pattern)]
    assert best_streak(outcomes) == expected


@settings(max_examples=100)
@given(st.lists(st.booleans(), max_size=30), st.randoms(use_true_random=False))
def test_streaks_are_bounded_and_order_free(done: list[bool], rng: random.Random) -> None:
    """Streaks never exceed the planned days, current <= best, and input order does not matter."""
    outcomes = [(days_ago(len(done) - 1 - i), flag) for i, flag in enumerate(done)]
    shuffled = list(outcomes)
    rng.shuffle(shuffled)
    best = best_streak(outcomes)
    current = current_streak(outcomes, today=TODAY)
    assert 0 <= current <= best <= len(done)
    assert best_streak(shuffled) == best
    assert current_streak(shuffled, today=TODAY) == current
