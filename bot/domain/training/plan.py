"""Today's training prompt: the phase, the session on training days, a short dose otherwise.

Pure functions (dates are passed in).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from enum import StrEnum

from pydantic import Field

from bot.domain.profile import Weekday, WeightUnit
from bot.domain.training.catalog import ExerciseCatalog
from bot.domain.training.catalog_parts import Lift, NoteScope, Phase
from bot.domain.training.clearance import ClearanceReason
from bot.domain.training.load_notes import load_note, one_rm_note, start_load_text
from bot.domain.training.loads import LoadReason, NextLoad
from bot.domain.training.values import StrictFrozenModel, format_load


class ItemKind(StrEnum):
    LIFT = "lift"
    IMPACT = "impact"
    ALTERNATIVE = "alternative"  # the cleared path's safer swap (not logged as a main lift)


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
    note: str  # the exercise's one-line technique cue
    load_note: str = ""  # why this load (built from the progression numbers)
    one_rm_note: str | None = None  # the load as a % of his estimated 1RM, and the phase's aim
    short_name: str = ""  # for a cleared-path swap: its name in the session title

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
    notes: list[str] = Field(default_factory=list)  # the phase's focus first, then safety notes
    cleared_path: ClearanceReason | None = None  # why the safer swaps are in, if they are
    cleared_note: str | None = None  # supervised coaching first; talk to your clinician


def is_training_day(day: date, training_days: frozenset[Weekday] | None) -> bool:
    """Whether `day` is one of his training days (the plan then holds a session)."""
    return Weekday(day.weekday()) in (training_days or frozenset())


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
    loads: Mapping[str, NextLoad],
    unit: WeightUnit,
    cleared_path: ClearanceReason | None = None,
) -> DayPlan:
    """The plan for `day`: the phase's session on a training day, else a rotating short dose.

    Each lift carries its next load (from loads.next_load) and the sentence saying why; a
    lift without a number gets "a light load you could lift about N times".
    Off-day doses rotate by the date's ordinal, so consecutive off days always differ.
    With `cleared_path` (why he should train on it), the catalogue's safer swaps replace
    the jumps, the drop landings and the floor deadlift, and the plan carries its note.
    """
    weeks = weeks_since_start(day, program_start)
    phase = phase_for(weeks, catalog)
    path = catalog.cleared_path
    note = path.note if cleared_path is not None else None
    if not is_training_day(day, training_days):
        doses = catalog.off_day_doses
        dose = doses[day.toordinal() % len(doses)]
        jumps = "{jumps}" in dose.text
        if jumps and cleared_path is not None:
            dose, jumps = path.off_day_dose, False
        return DayPlan(
            day=day,
            week=weeks + 1,
            phase_key=phase.key,
            is_training_day=False,
            title=dose.title,
            dose=dose.render(phase.impact.off_day_jumps),
            notes=_safety_notes(catalog, lifts=False, impact=jumps),
            cleared_path=cleared_path,
            cleared_note=note if dose is path.off_day_dose else None,
        )
    items = [_lift_item(catalog, lift, phase, loads.get(lift.key), unit) for lift in catalog.lifts]
    items.append(_impact_item(catalog, phase))
    if cleared_path is not None:
        items = _cleared_items(items, catalog, phase)
    *lifts, last = [_short(catalog, item) for item in items]
    impact = cleared_path is None
    return DayPlan(
        day=day,
        week=weeks + 1,
        phase_key=phase.key,
        is_training_day=True,
        title=f"{phase.day_label}: {', '.join(lifts)} + {last}",
        items=items,
        notes=[phase.focus, *_safety_notes(catalog, lifts=True, impact=impact)],
        cleared_path=cleared_path,
        cleared_note=note,
    )


def _short(catalog: ExerciseCatalog, item: PlannedItem) -> str:
    """An item's short name in a session title ('squat', 'jumps', 'heel drops')."""
    if item.kind is ItemKind.ALTERNATIVE:
        return item.short_name or item.name.lower()
    if item.kind is ItemKind.IMPACT:
        return catalog.impact.short_name
    return catalog.lift(item.key).short_name


def _safety_notes(catalog: ExerciseCatalog, *, lifts: bool, impact: bool) -> list[str]:
    """The catalogue's safety notes for a day with loaded lifts and/or jumps."""
    wanted = {NoteScope.LIFTS} if lifts else set()
    if impact:
        wanted.add(NoteScope.IMPACT)
    return [note.text for note in catalog.safety_notes if note.applies_to in wanted]


def _cleared_items(
    items: list[PlannedItem], catalog: ExerciseCatalog, phase: Phase
) -> list[PlannedItem]:
    """The session with the cleared path's swaps: a safer lift, low-impact work for jumps."""
    path = catalog.cleared_path
    swaps = {alt.replaces: alt for alt in path.lift_alternatives}
    swapped = []
    for item in items:
        if item.key in swaps:
            alt = swaps[item.key]
            swapped.append(
                item.model_copy(
                    update={
                        "kind": ItemKind.ALTERNATIVE,
                        "key": alt.key,
                        "name": alt.name,
                        "short_name": alt.short_name,
                        "load_text": start_load_text(catalog.load_rules(item.key)),
                        "load_kg": None,
                        "note": alt.cue,
                        "load_note": "",
                        "one_rm_note": None,
                    }
                )
            )
        elif item.kind is ItemKind.IMPACT:
            low = path.impact_alternative
            others = " or ".join(other.lower() for other in low.others)
            swapped.append(
                PlannedItem(
                    kind=ItemKind.ALTERNATIVE,
                    key=low.key,
                    name=low.name,
                    short_name=low.short_name,
                    sets=low.sets,
                    reps=low.reps,
                    reps_max=low.reps,
                    load_text="bodyweight",
                    load_kg=None,
                    note=f"{low.cue} Or: {others}." if others else low.cue,
                )
            )
        else:
            swapped.append(item)
    return swapped


def _lift_item(
    catalog: ExerciseCatalog, lift: Lift, phase: Phase, load: NextLoad | None, unit: WeightUnit
) -> PlannedItem:
    plan, rules = phase.lifts, catalog.load_rules(lift.key)
    load = load or NextLoad(None, LoadReason.START, None)
    load_kg = load.load_kg
    return PlannedItem(
        kind=ItemKind.LIFT,
        key=lift.key,
        name=lift.name,
        sets=plan.sets,
        reps=plan.reps_min,
        reps_max=plan.reps_max,
        load_text=format_load(load_kg, unit) if load_kg is not None else start_load_text(rules),
        load_kg=load_kg,
        note=lift.cue,
        load_note=load_note(
            load,
            rules=rules,
            unit=unit,
            technique_weeks=catalog.technique_weeks() if phase.technique else None,
        ),
        one_rm_note=one_rm_note(load, phase=phase, unit=unit),
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
