"""What nutrition check-ins produce: amounts, one-tap options, daily targets and verdicts."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True)
class NutrientAmount:
    """An intake in the nutrient's canonical unit, plus what the user typed or tapped."""

    nutrient_key: str
    amount: float
    unit: str
    entered_value: float
    entered_unit: str
    range_key: str | None = None  # set when the amount is a one-tap estimate
    weekly: bool = False  # typed per week ("d3 50000 IU weekly"): amount is the daily average


@dataclass(frozen=True)
class RangeOption:
    """One check-in button; unit is "g/kg" for protein when the weight is unknown."""

    key: str
    label: str
    amount: float
    low: float
    high: float
    unit: str


@dataclass(frozen=True)
class Target:
    """A day's reference figure in the stored unit (g/kg for protein without a weight)."""

    nutrient_key: str
    low: float
    high: float | None
    unit: str
    kind: str  # "goal" (judged met/below) or "reference" (information only)
    label: str
    source: str
    status: str
    basis: str = ""  # e.g. "1.0–1.2 g/kg" when converted with the user's weight

    @property
    def text(self) -> str:
        fmt = "{:.1f}".format if self.unit.endswith("/kg") else format_amount
        span = fmt(self.low) if self.high is None else f"{fmt(self.low)}–{fmt(self.high)}"
        return f"{span} {self.unit} a day" + (f" ({self.basis})" if self.basis else "")


class DayStatus(StrEnum):
    """Per-nutrient verdict; LOGGED means recorded without a judgement."""

    MET = "met"
    BELOW = "below"
    ABOVE_TARGET = "above_target"  # above the target, within any upper limit on the total
    ABOVE_LIMIT = "above_limit"
    NOT_LOGGED = "not_logged"
    LOGGED = "logged"  # no judgement: a reference-only figure, or protein without a weight


REACHED_TARGET = frozenset({DayStatus.MET, DayStatus.ABOVE_TARGET})


@dataclass(frozen=True)
class NutrientStatus:
    """How one nutrient stands for the day, with a plain-English note for the summary."""

    nutrient_key: str
    status: DayStatus
    amount: float | None
    unit: str
    note: str  # "Calcium 1200 mg — above the target of 1000 mg a day, within the …"
    verdict: str = ""  # the note without the amount: "above the target of 1000 mg a day, …"


def format_amount(value: float) -> str:
    """An amount to one decimal place, without a trailing ".0" ("1200", "2.5")."""
    return f"{round(value, 1):.1f}".removesuffix(".0")
