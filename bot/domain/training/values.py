"""Value types shared by the training modules: sets, logs, session results, load suggestions."""

from __future__ import annotations

import math
from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from bot.domain.profile import KG_PER_LB, WeightUnit

# Plausibility limits for a logged set (validation heuristics, not physiology).
MIN_SETS, MAX_SETS = 1, 10
MIN_REPS, MAX_REPS = 1, 30
MAX_LOAD_KG = 500.0


class StrictFrozenModel(BaseModel):
    """Base for training models: immutable, strict types, unknown fields rejected."""

    model_config = ConfigDict(frozen=True, strict=True, extra="forbid")


Reps = Annotated[int, Field(ge=MIN_REPS, le=MAX_REPS)]
SetCount = Annotated[int, Field(ge=MIN_SETS, le=MAX_SETS)]
LoadKg = Annotated[float, Field(ge=0, le=MAX_LOAD_KG)]  # 0: bodyweight, no load


class SetEntry(StrictFrozenModel):
    """One performed set: reps at a load (always stored in kg; 0 for bodyweight work)."""

    reps: Reps
    load_kg: LoadKg


class LiftLog(StrictFrozenModel):
    """A parsed `/log` line: the lift, its sets, and the unit the user typed."""

    lift_key: str
    sets: list[SetEntry] = Field(min_length=1)
    entered_unit: WeightUnit

    @property
    def total_reps(self) -> int:
        return sum(entry.reps for entry in self.sets)


class SessionResult(StrictFrozenModel):
    """What was planned and done for one lift on one day; no sets means skipped."""

    day: date
    lift_key: str
    planned_sets: SetCount
    planned_reps: Reps
    sets: list[SetEntry] = Field(default_factory=list)


def to_unit(kg: float, unit: WeightUnit) -> float:
    """A kg amount expressed in `unit`."""
    return kg if unit is WeightUnit.KG else kg / KG_PER_LB


def from_unit(amount: float, unit: WeightUnit) -> float:
    """An amount in `unit` expressed in kg."""
    return amount if unit is WeightUnit.KG else amount * KG_PER_LB


def round_to_step(amount: float, step: float) -> float:
    """Nearest multiple of step (halves round up), never below one step."""
    steps = math.floor(amount / step + 0.5 + 1e-9)
    return round(max(steps, 1) * step, 6)


def format_amount(amount: float) -> str:
    """'100', '102.5', '41.25' (a fractional-plate step), else one decimal at most."""
    quarters = amount * 4
    if abs(quarters - round(quarters)) < 1e-6:
        return f"{round(amount, 2):.2f}".rstrip("0").rstrip(".")
    return f"{round(amount, 1):.1f}".removesuffix(".0")


def format_load(kg: float, unit: WeightUnit) -> str:
    """A kg load shown in the user's unit, e.g. '100 kg' or '225 lb'."""
    return f"{format_amount(to_unit(kg, unit))} {unit.value}"
