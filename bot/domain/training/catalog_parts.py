"""Building blocks of the exercise catalog: lifts, impact work, doses, phases, sources."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Literal, Self

from pydantic import Field, StringConstraints, field_validator, model_validator

from bot.domain.text import normalize
from bot.domain.training.values import Reps, SetCount, StrictFrozenModel

Status = Literal["C", "S", "U"]  # confirmed / secondary source / unconfirmed or design default
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Key = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
LessonId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]*$")]
Percent = Annotated[float, Field(gt=0, le=100)]
_ALIAS = re.compile(r"[a-z0-9][a-z0-9' -]*")
# A word the log parser reads as a number, a load or sets×reps ends the exercise's name.
NUMERIC_WORD = re.compile(r"(?:@.*|at|x?\d.*)")


class Region(StrEnum):
    LOWER = "lower"
    UPPER = "upper"


class Sourced(StrictFrozenModel):
    """Every figure in the catalog says where it comes from and how sure we are."""

    source: Text
    status: Status


class Increment(Sourced):
    kg: float = Field(gt=0)
    lb: float = Field(gt=0)


class Lift(Sourced):
    key: Key
    name: Text
    short_name: Text
    aliases: list[str] = Field(min_length=1)
    region: Annotated[Region, Field(strict=False)]
    cue: Text
    increment: Increment

    @field_validator("aliases")
    @classmethod
    def _normalized_aliases(cls, aliases: list[str]) -> list[str]:
        return clean_aliases(aliases)


def loose(name: str) -> str:
    """'Farmer’s-Walk ' → 'farmers walk': how /log compares names and keys custom lifts."""
    text = normalize(name).replace("'", "").replace("-", " ")
    return " ".join(text.split())


def clean_aliases(aliases: list[str]) -> list[str]:
    """Aliases in normal form; ValueError for one the log parser could not read as a name."""
    cleaned = [normalize(alias) for alias in aliases]
    for alias in cleaned:
        if not _ALIAS.fullmatch(alias):
            raise ValueError(f"alias {alias!r} must be letters, digits, spaces, ' or - only")
        if any(NUMERIC_WORD.fullmatch(word) for word in alias.split()):
            raise ValueError(f"alias {alias!r} has a word /log would read as a number")
    return cleaned


class Aliased(Sourced):
    """An exercise /log accepts by any of its aliases (besides its name)."""

    aliases: list[str] = Field(default_factory=list)

    @field_validator("aliases")
    @classmethod
    def _normalized_aliases(cls, aliases: list[str]) -> list[str]:
        return clean_aliases(aliases)


class ImpactAlternative(Aliased):
    key: Key
    name: Text
    cue: Text


class ImpactExercise(Aliased):
    key: Key
    name: Text
    short_name: Text
    cue: Text
    alternatives: list[ImpactAlternative]


class Carry(Aliased):
    key: Key
    name: Text
    cue: Text


class OtherLift(Aliased):
    """A common lift outside the plan, so /log files it under one key whatever he calls it.

    `bodyweight`: done without a load (a typed load is extra weight on top)."""

    key: Key
    name: Text
    bodyweight: bool = False


class LoggingRules(Sourced):
    """Guided logging: where the load buttons start without a plan load, how far they jump."""

    empty_bar_kg: float = Field(gt=0)
    empty_bar_lb: float = Field(gt=0)
    big_step_plates: int = Field(ge=2, le=20)  # the bigger ± buttons move this many plate steps


class ProgressionRules(Sourced):
    deload_fraction: float = Field(gt=0, lt=1)
    misses_before_deload: int = Field(ge=1)
    rise_every_days: int = Field(ge=1, le=28)
    technique_reps: int = Field(ge=5, le=20)
    plate_kg: float = Field(gt=0)
    plate_lb: float = Field(gt=0)


class OffDayDose(Sourced):
    key: Key
    title: Text
    text: Text  # may contain {jumps}, filled from the phase

    @field_validator("text")
    @classmethod
    def _known_placeholders(cls, text: str) -> str:
        try:
            text.format(jumps=20)
        except (KeyError, IndexError, ValueError) as exc:
            raise ValueError(f"text {text!r} may only use the {{jumps}} placeholder") from exc
        return text

    def render(self, jumps: int) -> str:
        return self.text.format(jumps=jumps)


class PhaseWeeks(Sourced):
    first: int = Field(ge=1)
    last: int | None = Field(ge=1)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.last is not None and self.last < self.first:
            raise ValueError(f"weeks run backwards ({self.first} to {self.last})")
        return self


class LiftPrescription(Sourced):
    sets: SetCount
    reps_min: Reps
    reps_max: Reps
    pct_1rm_low: Percent
    pct_1rm_high: Percent

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.reps_max < self.reps_min or self.pct_1rm_high < self.pct_1rm_low:
            raise ValueError("reps and %1RM ranges must run low to high")
        return self


class ImpactPrescription(Sourced):
    sets: SetCount
    reps: Reps
    off_day_jumps: int = Field(ge=1, le=100)


class Phase(StrictFrozenModel):
    key: Key
    name: Text
    day_label: Text
    focus: Text
    weeks: PhaseWeeks
    lifts: LiftPrescription
    impact: ImpactPrescription
    technique: bool = False  # loads hold at a light technique load in this phase

    def contains(self, week_number: int) -> bool:
        """Whether 1-based `week_number` falls in this phase."""
        last = self.weeks.last
        return self.weeks.first <= week_number and (last is None or week_number <= last)


class NoteScope(StrEnum):
    LIFTS = "lifts"
    IMPACT = "impact"


class SafetyNote(Sourced):
    text: Text
    applies_to: Annotated[NoteScope, Field(strict=False)]


class FirstBites(Sourced):
    """Lesson ids a new lifter reads after his first training-day answers, in order."""

    lessons: list[LessonId] = Field(min_length=1)


class ClearanceNumbers(Sourced):
    """Who trains on the cleared path: the T-score line, and how long a red flag counts."""

    t_score_at_or_below: float = Field(ge=-6, le=0)
    red_flag_weeks: int = Field(ge=1, le=52)


class LiftAlternative(Sourced):
    """A safer lift in place of one of the main lifts, on the cleared path."""

    replaces: Key
    key: Key
    name: Text
    short_name: Text
    cue: Text


class ImpactReplacement(Sourced):
    """Low-impact work in place of the jumps and drop landings, on the cleared path."""

    key: Key
    name: Text
    short_name: Text
    sets: SetCount
    reps: Reps
    cue: Text
    others: list[Text] = Field(default_factory=list)


class ClearedPath(StrictFrozenModel):
    """The clinician-cleared path: its numbers, its note, and what it swaps in."""

    rules: ClearanceNumbers
    note: Text
    note_source: Text
    note_status: Status
    lift_alternatives: list[LiftAlternative] = Field(min_length=1)
    impact_alternative: ImpactReplacement
    off_day_dose: OffDayDose
