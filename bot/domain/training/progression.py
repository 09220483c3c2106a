"""Personal records and recent top sets, from a lift's session history (loads: loads.py)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from bot.domain.training.loads import epley_1rm
from bot.domain.training.values import SessionResult, StrictFrozenModel


class TopSet(StrictFrozenModel):
    """The heaviest set of one session (most reps breaks a tie)."""

    day: date
    lift_key: str
    load_kg: float
    reps: int


class PersonalRecord(TopSet):
    """The heaviest set ever, plus the best Epley estimate from sets of at most 10 reps."""

    estimated_1rm_kg: float | None


def _sessions_of(history: Sequence[SessionResult], lift_key: str) -> list[SessionResult]:
    """Logged (non-skipped) sessions of one lift, oldest first."""
    return sorted((s for s in history if s.lift_key == lift_key and s.sets), key=lambda s: s.day)


def _top_set(session: SessionResult) -> TopSet:
    best = max(session.sets, key=lambda entry: (entry.load_kg, entry.reps))
    return TopSet(day=session.day, lift_key=session.lift_key, load_kg=best.load_kg, reps=best.reps)


def personal_records(history: Sequence[SessionResult]) -> dict[str, PersonalRecord]:
    """Per lift: the heaviest set (most reps, then earliest day, breaks ties) and best e1RM."""
    records: dict[str, PersonalRecord] = {}
    for session in sorted(history, key=lambda s: s.day):
        for entry in session.sets:
            estimate = epley_1rm(entry.load_kg, entry.reps)
            current = records.get(session.lift_key)
            best_estimate = _max_optional(current.estimated_1rm_kg if current else None, estimate)
            if current is None or (entry.load_kg, entry.reps) > (current.load_kg, current.reps):
                current = PersonalRecord(
                    day=session.day,
                    lift_key=session.lift_key,
                    load_kg=entry.load_kg,
                    reps=entry.reps,
                    estimated_1rm_kg=best_estimate,
                )
            else:
                current = current.model_copy(update={"estimated_1rm_kg": best_estimate})
            records[session.lift_key] = current
    return records


def _max_optional(first: float | None, second: float | None) -> float | None:
    values = [value for value in (first, second) if value is not None]
    return max(values) if values else None


def top_sets(history: Sequence[SessionResult], lift_key: str, limit: int) -> list[TopSet]:
    """The top set of each of the latest `limit` sessions of lift_key, newest first."""
    if limit < 0:
        raise ValueError(f"limit must be 0 or more, got {limit}")
    newest_first = _sessions_of(history, lift_key)[::-1]
    return [_top_set(session) for session in newest_first[:limit]]
