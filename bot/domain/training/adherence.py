"""Adherence: what he did of the sessions that were planned, counted one way everywhere.

A planned session is a training-day training prompt that went out. Rest-day doses, days
before he started and answers to nothing planned are not sessions. Done and Partly are
counted apart; a skip or an unanswered past session breaks the streak, today's pending one
neither counts nor breaks it. `/today`, the weekly summary and its chart, `/progress` and
the clinician report all take their numbers from `adherence()`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from bot.domain.training.streaks import best_streak


class Outcome(StrEnum):
    """His answer to a training prompt."""

    DONE = "done"
    PARTLY = "partly"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class PlannedSession:
    """A training-day prompt that went out on `day`, and his answer to it (if any)."""

    day: date
    outcome: Outcome | None


@dataclass(frozen=True)
class Adherence:
    """Counts over planned sessions in a span of days."""

    planned: int
    done: int
    partly: int
    skipped: int
    unanswered: int
    streak: int  # trained (done or partly) planned sessions in a row, to the span's end
    best_streak: int

    @property
    def trained(self) -> int:
        """Sessions done or partly done."""
        return self.done + self.partly

    @property
    def text(self) -> str:
        """'2 done, 1 partly of 3 planned'."""
        return sessions_text(
            done=self.done, partly=self.partly, skipped=self.skipped, planned=self.planned
        )

    @property
    def percent_done(self) -> int | None:
        """Done of planned, as a whole percentage (None when nothing was planned)."""
        return round(100 * self.done / self.planned) if self.planned else None


def sessions_text(*, done: int, partly: int, skipped: int, planned: int) -> str:
    """'2 done, 1 partly, 1 skipped of 4 planned' — one wording wherever counts are shown."""
    text = f"{done} done"
    if partly:
        text += f", {partly} partly"
    if skipped:
        text += f", {skipped} skipped"
    return f"{text} of {planned} planned"


def _current_streak(sessions: list[PlannedSession], *, today: date) -> int:
    """Trained sessions in a row up to today; only an unanswered session of today is skipped
    over (pending) — a session answered "skipped" breaks the run even on its own day."""
    streak = 0
    for session in reversed([s for s in sessions if s.day <= today]):
        if session.outcome in (Outcome.DONE, Outcome.PARTLY):
            streak += 1
        elif session.outcome is None and session.day == today:
            continue
        else:
            break
    return streak


def adherence(
    sessions: Iterable[PlannedSession], *, first: date, last: date, today: date
) -> Adherence:
    """Adherence over planned sessions from `first` to `last` (inclusive), seen on `today`.

    A session of today still unanswered is pending: not unanswered, not a streak break.
    """
    inside = sorted(
        (s for s in {s.day: s for s in sessions}.values() if first <= s.day <= last),
        key=lambda s: s.day,
    )
    count = {outcome: sum(1 for s in inside if s.outcome is outcome) for outcome in Outcome}
    pending = sum(1 for s in inside if s.outcome is None and s.day >= today)
    runs = [(s.day, s.outcome in (Outcome.DONE, Outcome.PARTLY)) for s in inside]
    return Adherence(
        planned=len(inside),
        done=count[Outcome.DONE],
        partly=count[Outcome.PARTLY],
        skipped=count[Outcome.SKIPPED],
        unanswered=sum(1 for s in inside if s.outcome is None) - pending,
        streak=_current_streak(inside, today=min(today, last)),
        best_streak=best_streak(runs),
    )
