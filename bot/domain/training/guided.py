"""Guided logging with buttons, set by set: where the load starts, how it steps, and the
half-entered sets as a short text a button can carry (nothing is stored until Save).

Loads move in plate steps of his unit (content: progression.plate_kg / plate_lb, 2.5 kg or
5 lb), so round numbers such as 100 kg or 135 lb are always reachable. The start is the
day's prescribed load rounded to that step, or the empty bar (content: logging) in his unit.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, replace

from bot.domain.profile import WeightUnit
from bot.domain.training.catalog import ExerciseCatalog
from bot.domain.training.values import (
    MAX_REPS,
    MAX_SETS,
    MIN_REPS,
    SetEntry,
    from_unit,
    round_to_step,
    to_unit,
)

_DIGITS = string.digits + string.ascii_lowercase  # base 36
_UNIT_CODES = {WeightUnit.KG: "k", WeightUnit.LB: "l"}
_MAX_LOAD = {WeightUnit.KG: 500.0, WeightUnit.LB: 1100.0}


def plate_step(catalog: ExerciseCatalog, unit: WeightUnit) -> float:
    """The smallest plate pair in his unit: 2.5 kg or 5 lb (content)."""
    rules = catalog.progression
    return rules.plate_kg if unit is WeightUnit.KG else rules.plate_lb


def big_step(catalog: ExerciseCatalog, unit: WeightUnit) -> float:
    """The bigger ± buttons: several plate steps (10 kg / 20 lb by default)."""
    return plate_step(catalog, unit) * catalog.logging.big_step_plates


def start_load(catalog: ExerciseCatalog, unit: WeightUnit, planned_kg: float | None) -> float:
    """Where the load buttons start, in his unit: the prescribed load rounded to a plate
    step, or without one the empty bar (20 kg / 45 lb)."""
    if planned_kg:
        return round_to_step(to_unit(planned_kg, unit), plate_step(catalog, unit))
    rules = catalog.logging
    return rules.empty_bar_kg if unit is WeightUnit.KG else rules.empty_bar_lb


@dataclass(frozen=True)
class SetStepper:
    """Sets entered so far and the one being adjusted; loads in plate steps of `unit`
    (0 steps: bodyweight)."""

    unit: WeightUnit
    step: float  # one plate step in `unit`
    done: tuple[tuple[int, int], ...]  # (load steps, reps) per finished set
    load_steps: int
    reps: int

    @classmethod
    def start(
        cls, catalog: ExerciseCatalog, unit: WeightUnit, *, load: float | None, reps: int
    ) -> SetStepper:
        """A first set at `load` (in `unit`, None for bodyweight) × reps."""
        step = plate_step(catalog, unit)
        steps = 0 if load is None else max(round(load / step), 1)
        return cls(unit, step, (), steps, min(max(reps, MIN_REPS), MAX_REPS))

    @property
    def bodyweight(self) -> bool:
        return self.load_steps == 0

    @property
    def load(self) -> float:
        """The current set's load in `unit`."""
        return self.load_steps * self.step

    def set_count(self) -> int:
        """Sets that Save would store (the finished ones and the current one)."""
        return len(self.done) + 1

    def with_load(self, delta: float) -> SetStepper:
        """The current load moved by delta (in `unit`), kept within one step and the limit."""
        if self.bodyweight:
            return self
        top = int(_MAX_LOAD[self.unit] // self.step)
        steps = min(max(self.load_steps + round(delta / self.step), 1), top)
        return replace(self, load_steps=steps)

    def with_reps(self, delta: int) -> SetStepper:
        """The current set's reps moved by delta, within the plausible range."""
        return replace(self, reps=min(max(self.reps + delta, MIN_REPS), MAX_REPS))

    def next_set(self) -> SetStepper:
        """Finish this set; the next starts at the same load and reps (at most 10 sets)."""
        if self.set_count() >= MAX_SETS:
            return self
        return replace(self, done=(*self.done, (self.load_steps, self.reps)))

    def back(self) -> SetStepper:
        """Reopen the last finished set (drops the current one)."""
        if not self.done:
            return self
        steps, reps = self.done[-1]
        return replace(self, done=self.done[:-1], load_steps=steps, reps=reps)

    def sets(self) -> list[SetEntry]:
        """Every set, finished and current, in kg."""
        pairs = [*self.done, (self.load_steps, self.reps)]
        return [SetEntry(reps=r, load_kg=from_unit(s * self.step, self.unit)) for s, r in pairs]

    def encode(self) -> str:
        """'k' + 3 base-36 characters per set (2 for load steps, 1 for reps), current last."""
        pairs = [*self.done, (self.load_steps, self.reps)]
        return _UNIT_CODES[self.unit] + "".join(_code(s, 2) + _code(r, 1) for s, r in pairs)

    @classmethod
    def decode(cls, text: str, catalog: ExerciseCatalog) -> SetStepper | None:
        """The stepper a button carried; None for anything malformed."""
        unit = next((u for u, c in _UNIT_CODES.items() if text[:1] == c), None)
        body = text[1:]
        if unit is None or not body or len(body) % 3 or len(body) // 3 > MAX_SETS:
            return None
        pairs = []
        for i in range(0, len(body), 3):
            steps, reps = _number(body[i : i + 2]), _number(body[i + 2])
            if steps is None or reps is None or not MIN_REPS <= reps <= MAX_REPS:
                return None
            pairs.append((steps, reps))
        step = plate_step(catalog, unit)
        top = int(_MAX_LOAD[unit] // step)
        if any(steps > top for steps, _ in pairs):
            return None
        (*done, (load_steps, reps)) = pairs
        return cls(unit, step, tuple(done), load_steps, reps)


def _code(number: int, width: int) -> str:
    digits = ""
    for _ in range(width):
        number, digit = divmod(number, 36)
        digits = _DIGITS[digit] + digits
    return digits


def _number(text: str) -> int | None:
    if not all(ch in _DIGITS for ch in text):
        return None
    return int(text, 36)
