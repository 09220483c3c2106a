"""The one place that reads the wall clock; everything else is handed `now`."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """Something that tells the current instant in UTC."""

    def now(self) -> datetime:
        """The current instant, timezone-aware UTC."""
        ...


class SystemClock:
    """The real clock."""

    def now(self) -> datetime:
        """The current instant, timezone-aware UTC."""
        return datetime.now(UTC)


class ShiftedClock:
    """The real clock moved forward by a settable offset: the sandbox's `:wait`, and tests."""

    def __init__(self, offset: timedelta = timedelta(0)) -> None:
        self.offset = offset

    def now(self) -> datetime:
        """Real time plus the offset."""
        return datetime.now(UTC) + self.offset

    def advance(self, delta: timedelta) -> None:
        """Jump forward (never backward: time in the bot only moves on)."""
        if delta < timedelta(0):
            raise ValueError("the clock only moves forward")
        self.offset += delta


class FixedClock:
    """A clock that stands still until told to move: for deterministic tests."""

    def __init__(self, at: datetime) -> None:
        if at.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self._at = at.astimezone(UTC)

    def now(self) -> datetime:
        """The set instant."""
        return self._at

    def advance(self, delta: timedelta) -> None:
        """Move the set instant forward."""
        if delta < timedelta(0):
            raise ValueError("the clock only moves forward")
        self._at += delta

    def set(self, at: datetime) -> None:
        """Jump to an instant (tests only; may go backward between independent scenarios)."""
        if at.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self._at = at.astimezone(UTC)
