"""A new personal record: the set worth a 🏆 when he logs it.

A record is a heavier set than any before, or more reps at his best load. The first log of
an exercise is a start, not a record, so it is never celebrated.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.training.values import SetEntry


def _rank(entry: SetEntry) -> tuple[float, int]:
    """Heavier first, then more reps; loads compared to 0.1 g (kg ↔ lb round trips)."""
    return round(entry.load_kg, 4), entry.reps


def best_set(sets: Sequence[SetEntry]) -> SetEntry | None:
    """The heaviest set (most reps breaks a tie), or None for no sets."""
    return max(sets, key=_rank, default=None)


def new_record(before: Sequence[SetEntry], added: Sequence[SetEntry]) -> SetEntry | None:
    """The set of `added` that beats every set `before`, or None (nothing beaten, or no
    earlier sets: a first log is a start, not a record)."""
    previous, candidate = best_set(before), best_set(added)
    if previous is None or candidate is None or _rank(candidate) <= _rank(previous):
        return None
    return candidate
