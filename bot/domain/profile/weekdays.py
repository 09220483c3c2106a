"""Training days stored as a 7-bit mask (bit 0 = Monday)."""

from __future__ import annotations

from collections.abc import Iterable

from bot.domain.profile.values import Weekday


def to_mask(days: Iterable[Weekday]) -> int:
    """Pack days into a mask."""
    mask = 0
    for day in days:
        mask |= 1 << int(day)
    return mask


def from_mask(mask: int) -> frozenset[Weekday]:
    """Unpack a mask into days."""
    return frozenset(day for day in Weekday if mask & (1 << int(day)))


def describe(mask: int) -> str:
    """'Mon, Wed, Fri' in week order; 'every day' for all seven."""
    days = sorted(from_mask(mask))
    if len(days) == len(Weekday):
        return "every day"
    return ", ".join(day.short for day in days) if days else "none"
