"""Quiet hours on the user's wall clock, and whether a due prompt is sent, held or dropped."""

import re
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.domain.profile import parse_clock_time
from bot.domain.text import InvalidAnswer, normalize


def _require_aware(instant: datetime, name: str) -> None:
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime, got {instant!r}")


@dataclass(frozen=True)
class QuietHours:
    """Wall-clock window [start, end); wraps midnight when start > end; start == end is none."""

    start: time
    end: time

    def __post_init__(self) -> None:
        if self.start.tzinfo is not None or self.end.tzinfo is not None:
            raise ValueError("quiet hours are wall-clock times: pass naive times")

    def contains(self, wall: time) -> bool:
        """Whether a wall-clock time falls in the window."""
        if self.start == self.end:
            return False
        if self.start < self.end:
            return self.start <= wall < self.end
        return wall >= self.start or wall < self.end


def in_quiet_hours(instant: datetime, zone: str, quiet: QuietHours | None) -> bool:
    """Whether the wall clock in `zone` reads a quiet time at `instant`."""
    _require_aware(instant, "instant")
    if quiet is None:
        return False
    return quiet.contains(instant.astimezone(ZoneInfo(zone)).time().replace(fold=0))


def _offset_changes(tz: ZoneInfo, start: datetime, stop: datetime) -> list[datetime]:
    """UTC instants in (start, stop] where the zone's offset changes (to the second).

    Sampled every 3 hours, then bisected: real transitions are months apart.
    """
    step, found = timedelta(hours=3), []
    lo = start
    while lo < stop:
        hi = min(lo + step, stop)
        before = lo.astimezone(tz).utcoffset()
        if hi.astimezone(tz).utcoffset() != before:
            left, right = lo, hi
            while right - left > timedelta(seconds=1):
                mid = left + (right - left) / 2
                if mid.astimezone(tz).utcoffset() == before:
                    left = mid
                else:
                    right = mid
            # Transitions fall on whole seconds; the only one in (left, right] is right floored.
            found.append(right.replace(microsecond=0))
        lo = hi
    return found


def quiet_hours_end(instant: datetime, zone: str, quiet: QuietHours) -> datetime:
    """The first instant (UTC) after `instant` when the wall clock leaves quiet hours.

    Returns `instant` (in UTC) when it is not in quiet hours. The wall clock leaves the window
    either by reaching `end` (either fold, either day) or by a DST jump, so those are the only
    candidates; the earliest one that is not quiet is the end.
    """
    _require_aware(instant, "instant")
    instant = instant.astimezone(UTC)
    if not in_quiet_hours(instant, zone, quiet):
        return instant
    tz = ZoneInfo(zone)
    today = instant.astimezone(tz).date()
    candidates = [
        datetime.combine(day, quiet.end.replace(fold=fold), tzinfo=tz).astimezone(UTC)
        for day in (today + timedelta(days=days) for days in range(-1, 3))
        for fold in (0, 1)
    ]
    candidates += _offset_changes(tz, instant, instant + timedelta(hours=50))
    for candidate in sorted(c for c in candidates if c > instant):
        if not in_quiet_hours(candidate, zone, quiet):
            return candidate
    raise ValueError(f"quiet hours {quiet} in {zone} do not end after {instant}")


class SendDecision(StrEnum):
    SEND = "send"
    WAIT = "wait"
    SKIP = "skip"


def send_decision(
    *,
    due_at: datetime,
    now: datetime,
    catch_up: timedelta,
    zone: str,
    quiet: QuietHours | None,
) -> SendDecision:
    """Send a due prompt now, hold it (not due yet / quiet hours), or drop it (too late).

    A prompt scheduled inside quiet hours was chosen by the user and is sent. A prompt held by
    quiet hours that would end after the catch-up window is dropped now rather than later.
    """
    _require_aware(due_at, "due_at")
    _require_aware(now, "now")
    if catch_up < timedelta(0):
        raise ValueError(f"catch_up must not be negative, got {catch_up}")
    deadline = due_at + catch_up  # aware + timedelta: compared as instants, fine here
    if now < due_at:
        return SendDecision.WAIT
    if now > deadline:
        return SendDecision.SKIP
    if quiet is None or not in_quiet_hours(now, zone, quiet):
        return SendDecision.SEND
    if in_quiet_hours(due_at, zone, quiet):
        return SendDecision.SEND
    if quiet_hours_end(now, zone, quiet) > deadline:
        return SendDecision.SKIP
    return SendDecision.WAIT


_QUIET_MESSAGE = "Please send quiet hours like 22:00-07:00 or 10pm-7am, or off for none."
_QUIET_OFF = frozenset({"off", "none", "no", "never", "nothing", "disable", "disabled", "0"})
_QUIET_PREFIX = re.compile(r"^(?:from|between)\s+")
_QUIET_SEPARATOR = re.compile(r"\s*-\s*|\s+(?:to|till|til|until|through|thru|and)\s+")


def parse_quiet_hours(text: str) -> QuietHours | None:
    """Read quiet hours such as "22:00-07:00", "22-7", "10pm to 7am"; "off"/"none" is None."""
    cleaned = _QUIET_PREFIX.sub("", normalize(text))
    if cleaned in _QUIET_OFF or cleaned in {"no quiet hours", "turn off", "switch off"}:
        return None
    parts = _QUIET_SEPARATOR.split(cleaned)
    if len(parts) != 2 or not all(parts):
        raise InvalidAnswer(_QUIET_MESSAGE)
    try:
        start, end = parse_clock_time(parts[0]), parse_clock_time(parts[1])
    except InvalidAnswer as exc:
        raise InvalidAnswer(f"I couldn't read those times. {_QUIET_MESSAGE}") from exc
    if start == end:
        raise InvalidAnswer(f"Start and end are the same time. {_QUIET_MESSAGE}")
    return QuietHours(start, end)
