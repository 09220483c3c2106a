"""Today's training prompt: the phase, the session on training days, a short dose otherwise.

Pure functions (dates are passed in).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from enum import StrEnum

from pydantic import Field

from bot.domain.profile import Weekday
from bot.domain.training.catalog import ExerciseCatalog
from bot.domain.training.catalog_parts import Lift, Phase
from bot.domain.training.progression import (
    starting_load_text,
)
from bot.domain.training.values import (
    LoadSuggestion,
    StrictFrozenModel,
)


class ItemKind(StrEnum):
    LIFT = "lift"
    IMPACT = "impact"


class PlannedItem(StrictFrozenModel):
    """One exercise in today's session: sets × reps (reps..reps_max) at a suggested load."""

    kind: ItemKind
    key: str
    name: str
    sets: int
    reps: int  # the target every set must reach (the low end of a range)
    reps_max: int
    load_text: str
    load_kg: float | None
    note: str

    @property
    def prescription(self) -> str:
        """'5×5' or '3×8–10'."""
        reps = f"{self.reps}" if self.reps == self.reps_max else f"{self.reps}–{self.reps_max}"
        return f"{self.sets}×{reps}"


class DayPlan(StrictFrozenModel):
    """What to do on one day: a session (items) on training days, a short dose otherwise."""

    day: date
    week: int  # 1-based program week
    phase_key: str
    is_training_day: bool
    title: str
    items: list[PlannedItem] = Field(default_factory=list)
    dose: str | None = None
    notes: list[str] = Field(default_factory=list)


def weeks_since_start(day: date, program_start: date) -> int:
    """Whole weeks from program_start to day; days before the start count as week 0."""
    return max((day - program_start).days, 0) // 7


def phase_for(weeks_since_start: int, catalog: ExerciseCatalog) -> Phase:
    """The phase for a program week (0 = the first week, i.e. week 1 of the catalog)."""
    if weeks_since_start < 0:
        raise ValueError(f"weeks_since_start must be 0 or more, got {weeks_since_start}")
    week_number = weeks_since_start + 1
    for phase in catalog.phases:
        if phase.contains(week_number):
            return phase
    raise ValueError(f"no phase covers week {week_number}")  # the loader prevents this


def session_for_day(
    day: date,
    *,
    training_days: frozenset[Weekday],
    program_start: date,
    catalog: ExerciseCatalog,
    suggestions: Mapping[str, LoadSuggestion],
) -> DayPlan:
    """The plan for `day`: the phase's session on a training day, else a rotating short dose.

    Lifts without a suggested load get "a load you can lift N times with good form".
    Off-day doses rotate by the date's ordinal, so consecutive off days always differ.
    """
    weeks = weeks_since_start(day, program_start)
    phase = phase_for(weeks, catalog)
    if Weekday(day.weekday()) not in training_days:
        doses = catalog.off_day_doses
        dose = doses[day.toordinal() % len(doses)]
        return DayPlan(
            day=day,
            week=weeks + 1,
            phase_key=phase.key,
            is_training_day=False,
            title=dose.title,
            dose=dose.render(phase.impact.off_day_jumps),
        )
    items = [_lift_item(lift, phase, suggestions.get(lift.key)) for lift in catalog.lifts]
    items.append(_impact_item(catalog, phase))
    names = ", ".join(lift.short_name for lift in catalog.lifts)
    return DayPlan(
        day=day,
        week=weeks + 1,
        phase_key=phase.key,
        is_training_day=True,
        title=f"{phase.day_label}: {names} + {catalog.impact.short_name}",
        items=items,
        notes=[phase.focus, *(note.text for note in catalog.safety_notes)],
    )


def _lift_item(lift: Lift, phase: Phase, suggestion: LoadSuggestion | None) -> PlannedItem:
    plan = phase.lifts
    load_kg = suggestion.load_kg if suggestion else None
    load_text = suggestion.text if suggestion and load_kg is not None else None
    return PlannedItem(
        kind=ItemKind.LIFT,
        key=lift.key,
        name=lift.name,
        sets=plan.sets,
        reps=plan.reps_min,
        reps_max=plan.reps_max,
        load_text=load_text or starting_load_text(plan.reps_max),
        load_kg=load_kg,
        note=lift.cue,
    )


def _impact_item(catalog: ExerciseCatalog, phase: Phase) -> PlannedItem:
    impact = catalog.impact
    options = " or ".join(alt.name.lower() for alt in impact.alternatives)
    note = f"{impact.cue} No bar? Try {options}." if options else impact.cue
    return PlannedItem(
        kind=ItemKind.IMPACT,
        key=impact.key,
        name=impact.name,
        sets=phase.impact.sets,
        reps=phase.impact.reps,
        reps_max=phase.impact.reps,
        load_text="bodyweight",
        load_kg=None,
        note=note,
    )
