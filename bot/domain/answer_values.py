"""The typed value each profile question produces."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from bot.domain.profile_values import AgeBand, AnastrozoleUse, LabUnits, Weekday, Weight


@dataclass(frozen=True)
class ZoneName:
    """A valid IANA time zone name."""

    name: str


@dataclass(frozen=True)
class StartDate:
    """When he started anastrozole; `approximate` when he picked a range, not a date."""

    day: date
    approximate: bool


AnswerValue = (
    ZoneName | time | frozenset[Weekday] | Weight | AgeBand | AnastrozoleUse | StartDate | LabUnits
)
