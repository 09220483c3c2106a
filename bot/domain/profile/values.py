"""The profile's value types, and AnswerValue: the typed value each profile question produces."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from enum import IntEnum, StrEnum

KG_PER_LB = 0.45359237


class WeightUnit(StrEnum):
    KG = "kg"
    LB = "lb"


class LabUnits(StrEnum):
    """Conventional = ng/mL, pg/mL (US style); SI = nmol/L, pmol/L."""

    CONVENTIONAL = "conventional"
    SI = "si"


class AgeBand(StrEnum):
    UNDER_30 = "under-30"
    B30_39 = "30-39"
    B40_49 = "40-49"
    B50_59 = "50-59"
    B60_69 = "60-69"
    B70_PLUS = "70+"

    @property
    def label(self) -> str:
        return _AGE_LABELS[self]

    @classmethod
    def for_age(cls, years: int) -> AgeBand:
        """Band for an age in whole years (callers check the 18+ rule)."""
        if years < 30:
            return cls.UNDER_30
        if years >= 70:
            return cls.B70_PLUS
        return cls(f"{years // 10 * 10}-{years // 10 * 10 + 9}")


_AGE_LABELS: dict[AgeBand, str] = {
    AgeBand.UNDER_30: "Under 30",
    AgeBand.B30_39: "30–39",
    AgeBand.B40_49: "40–49",
    AgeBand.B50_59: "50–59",
    AgeBand.B60_69: "60–69",
    AgeBand.B70_PLUS: "70 or older",
}


class Weekday(IntEnum):
    MON = 0
    TUE = 1
    WED = 2
    THU = 3
    FRI = 4
    SAT = 5
    SUN = 6

    @property
    def short(self) -> str:
        return self.name.capitalize()


class AnastrozoleUse(StrEnum):
    YES = "yes"
    PLANNED = "planned"
    NO = "no"


def _fmt_number(value: float) -> str:
    """One decimal place at most, without a trailing '.0'."""
    return f"{round(value, 1):.1f}".removesuffix(".0")


@dataclass(frozen=True)
class Weight:
    """A body weight stored in kg, remembered with the unit the user prefers."""

    kg: float
    unit: WeightUnit

    @property
    def lb(self) -> float:
        return self.kg / KG_PER_LB

    @property
    def display(self) -> str:
        if self.unit is WeightUnit.LB:
            return f"{_fmt_number(self.lb)} lb"
        return f"{_fmt_number(self.kg)} kg"


@dataclass(frozen=True)
class ZoneName:
    """A valid IANA time zone name."""

    name: str


@dataclass(frozen=True)
class StartDate:
    """When he started anastrozole; `approximate` when he picked a range, not a date."""

    day: date
    approximate: bool


class ScreenFinding(StrEnum):
    """A yes to one of the safety screen's questions."""

    OSTEOPOROSIS = "osteoporosis"
    SPINE_FRACTURE = "spine_fracture"
    FALL_FRACTURE = "fall_fracture"
    CANNOT_LIFT = "cannot_lift"


@dataclass(frozen=True)
class ScreenAnswer:
    """His answer to the safety screen: what he said yes to (empty: none of these)."""

    findings: frozenset[ScreenFinding]


AnswerValue = (
    ZoneName
    | time
    | frozenset[Weekday]
    | Weight
    | AgeBand
    | AnastrozoleUse
    | StartDate
    | LabUnits
    | ScreenAnswer
)
