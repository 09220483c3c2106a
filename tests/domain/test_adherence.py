"""Adherence counts only planned sessions, keeps Done and Partly apart, and streaks honest."""

from __future__ import annotations

from datetime import date, timedelta

from bot.domain.training.adherence import Outcome, PlannedSession, adherence

MON = date(2026, 12, 7)


def _week(*outcomes: Outcome | None) -> list[PlannedSession]:
    """Planned sessions on Mon, Wed, Fri, … of the week of MON, in order."""
    return [PlannedSession(MON + timedelta(days=2 * i), o) for i, o in enumerate(outcomes)]


def test_counts_are_over_planned_sessions_only() -> None:
    """2 done, 2 partly, 1 skipped of 5 planned reads exactly that, with 40 % done."""
    sessions = _week(Outcome.DONE, Outcome.PARTLY, Outcome.SKIPPED, Outcome.DONE, Outcome.PARTLY)
    result = adherence(sessions, first=MON, last=MON + timedelta(days=9), today=MON + timedelta(10))
    assert (result.planned, result.done, result.partly, result.skipped) == (5, 2, 2, 1)
    assert result.trained == 4
    assert result.percent_done == 40
    assert result.unanswered == 0


def test_the_span_limits_what_is_counted() -> None:
    """Sessions outside first..last are not counted, and a day listed twice counts once."""
    sessions = [*_week(Outcome.DONE, Outcome.DONE), PlannedSession(MON, Outcome.DONE)]
    result = adherence(
        sessions,
        first=MON + timedelta(days=1),
        last=MON + timedelta(days=6),
        today=MON + timedelta(days=6),
    )
    assert (result.planned, result.done) == (1, 1)


def test_a_skip_breaks_the_streak_and_never_grows_it() -> None:
    """Done, Done, Skipped: the streak is 0 right after the skip; the best run was 2."""
    sessions = _week(Outcome.DONE, Outcome.DONE, Outcome.SKIPPED)
    result = adherence(sessions, first=MON, last=MON + timedelta(days=4), today=MON + timedelta(4))
    assert result.streak == 0
    assert result.best_streak == 2


def test_today_pending_neither_counts_nor_breaks() -> None:
    """Today's unanswered session is pending; yesterday's unanswered one breaks the run."""
    today = MON + timedelta(days=4)
    pending = adherence(
        _week(Outcome.DONE, Outcome.PARTLY, None), first=MON, last=today, today=today
    )
    assert (pending.planned, pending.unanswered, pending.streak) == (3, 0, 2)
    missed = adherence(_week(Outcome.DONE, None, Outcome.DONE), first=MON, last=today, today=today)
    assert (missed.unanswered, missed.streak) == (1, 1)


def test_nothing_planned_has_no_percentage() -> None:
    """An empty span reports zeros and no percentage rather than dividing by zero."""
    result = adherence([], first=MON, last=MON, today=MON)
    assert (result.planned, result.percent_done, result.streak) == (0, None, 0)
