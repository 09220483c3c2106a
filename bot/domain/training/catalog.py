"""The exercise catalog (content/exercises.yaml): the top-level model, cross-checks, loader."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Literal, Self

from pydantic import Field, model_validator

from bot.domain.text import normalize
from bot.domain.training.catalog_parts import (
    Carry,
    ClearedPath,
    FirstBites,
    ImpactExercise,
    Lift,
    LoggingRules,
    OffDayDose,
    OtherLift,
    Phase,
    ProgressionRules,
    SafetyNote,
    loose,
)
from bot.domain.training.clearance import ClearanceRules
from bot.domain.training.loads import LoadRules
from bot.domain.training.values import StrictFrozenModel


class ExerciseCatalog(StrictFrozenModel):
    version: Literal[1]
    lifts: list[Lift] = Field(min_length=1)
    impact: ImpactExercise
    carries: list[Carry]
    other_lifts: list[OtherLift] = Field(default_factory=list)  # /log only, never planned
    logging: LoggingRules
    progression: ProgressionRules
    off_day_doses: list[OffDayDose] = Field(min_length=2)
    phases: list[Phase] = Field(min_length=1)
    safety_notes: list[SafetyNote]
    first_training_bites: FirstBites
    cleared_path: ClearedPath

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        _unique("lift key", (lift.key for lift in self.lifts))
        _unique("lift alias", (alias for lift in self.lifts for alias in lift.aliases))
        _unique("impact alternative key", (alt.key for alt in self.impact.alternatives))
        _unique("carry key", (carry.key for carry in self.carries))
        _unique("exercise key", (key for key, _ in self.exercise_names()))
        _unique(
            "exercise alias",
            (loose(alias) for _, aliases in self.exercise_aliases() for alias in aliases),
        )
        _unique("off-day dose key", (dose.key for dose in self.off_day_doses))
        _unique("phase key", (phase.key for phase in self.phases))
        _check_contiguous(self.phases)
        lift_keys = {lift.key for lift in self.lifts}
        for alternative in self.cleared_path.lift_alternatives:
            if alternative.replaces not in lift_keys:
                raise ValueError(
                    f"cleared_path alternative {alternative.key!r} replaces unknown lift "
                    f"{alternative.replaces!r}"
                )
        _unique(
            "cleared_path replaced lift", (a.replaces for a in self.cleared_path.lift_alternatives)
        )
        return self

    @property
    def clearance_rules(self) -> ClearanceRules:
        """The cleared path's numbers, for clearance_needed."""
        rules = self.cleared_path.rules
        return ClearanceRules(
            t_score_at_or_below=rules.t_score_at_or_below, red_flag_weeks=rules.red_flag_weeks
        )

    def lift(self, key: str) -> Lift:
        """The lift with this key; ValueError if there is none."""
        for lift in self.lifts:
            if lift.key == key:
                return lift
        raise ValueError(f"unknown lift key {key!r}")

    def load_rules(self, key: str) -> LoadRules:
        """The progression numbers for one lift: its increment and the shared rules."""
        lift, rules = self.lift(key), self.progression
        return LoadRules(
            increment_kg=lift.increment.kg,
            increment_lb=lift.increment.lb,
            deload_fraction=rules.deload_fraction,
            misses_before_deload=rules.misses_before_deload,
            rise_every_days=rules.rise_every_days,
            technique_reps=rules.technique_reps,
        )

    def technique_weeks(self) -> int:
        """How many weeks from the start the technique phases last (0 if none)."""
        weeks = 0
        for phase in self.phases:
            if not phase.technique or phase.weeks.last is None:
                break
            weeks = phase.weeks.last
        return weeks

    def lift_for_name(self, name: str) -> Lift | None:
        """The lift a typed name refers to (any alias, case-insensitive), or None."""
        wanted = normalize(name)
        return next((lift for lift in self.lifts if wanted in lift.aliases), None)

    def exercise_names(self) -> list[tuple[str, str]]:
        """(key, name) of everything /log accepts: lifts, impact work, carries, other lifts."""
        impact = self.impact
        return [
            *((lift.key, lift.name) for lift in self.lifts),
            (impact.key, impact.name),
            *((alt.key, alt.name) for alt in impact.alternatives),
            *((carry.key, carry.name) for carry in self.carries),
            *((other.key, other.name) for other in self.other_lifts),
        ]

    def exercise_aliases(self) -> list[tuple[str, list[str]]]:
        """(key, aliases) of everything /log accepts, in catalogue order."""
        impact = self.impact
        return [
            *((lift.key, lift.aliases) for lift in self.lifts),
            (impact.key, impact.aliases),
            *((alt.key, alt.aliases) for alt in impact.alternatives),
            *((carry.key, carry.aliases) for carry in self.carries),
            *((other.key, other.aliases) for other in self.other_lifts),
        ]

    def bodyweight_keys(self) -> frozenset[str]:
        """Exercises done without a load: the jumps and the bodyweight other lifts."""
        impact = self.impact
        return frozenset(
            [impact.key, *(alt.key for alt in impact.alternatives)]
            + [other.key for other in self.other_lifts if other.bodyweight]
        )

    def known_lift_names(self) -> str:
        """'squat, deadlift, overhead press' — the first alias of each lift."""
        return ", ".join(lift.aliases[0] for lift in self.lifts)


def _unique(what: str, values: Iterable[str]) -> None:
    duplicates = sorted(value for value, count in Counter(values).items() if count > 1)
    if duplicates:
        raise ValueError(f"duplicate {what}: {', '.join(duplicates)}")


def _check_contiguous(phases: list[Phase]) -> None:
    expected_first = 1
    for index, phase in enumerate(phases):
        if phase.weeks.first != expected_first:
            raise ValueError(
                f"phase {phase.key!r} starts at week {phase.weeks.first}, "
                f"expected week {expected_first} (phases must be contiguous from week 1)"
            )
        if phase.weeks.last is None:
            if index != len(phases) - 1:
                raise ValueError(f"only the last phase may be open-ended, not {phase.key!r}")
            return
        expected_first = phase.weeks.last + 1
    raise ValueError(f"the last phase {phases[-1].key!r} must be open-ended (last: null)")
