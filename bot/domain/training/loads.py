"""The next load for a lift, as a careful coach would set it for an older lifter on his own.

From his logged sessions of one lift (oldest first) and the catalogue's rules:
- technique phase (weeks 1-4): hold a light load he could lift about `technique_reps` times;
- a lift rises by its increment only after a session with every prescribed set and rep done
  and an effort that was not "hard", and at most once in `rise_every_days`;
- a hard or incomplete session holds the load; `misses_before_deload` of them in a row step
  back by `deload_fraction`;
- a suggestion is never more than one increment above the heaviest load he completed for
  all prescribed reps.
Every number comes from content/exercises.yaml through LoadRules; every text that states a
rule is built from the same numbers (handlers' views), so the two cannot disagree.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from bot.domain.profile import WeightUnit
from bot.domain.training.values import SessionResult, SetEntry, from_unit, round_to_step, to_unit

EPLEY_MAX_REPS = 10  # estimates from longer sets are too unreliable to show


class Effort(StrEnum):
    """His optional one-tap rating of a session."""

    EASY = "easy"
    ABOUT_RIGHT = "right"
    HARD = "hard"

    @property
    def words(self) -> str:
        """'easy', 'about right', 'hard': how the bot says it back to him."""
        return "about right" if self is Effort.ABOUT_RIGHT else self.value


class LoadReason(StrEnum):
    """Why the next load is what it is."""

    START = "start"  # no history: a light load, described, not a number
    TECHNIQUE = "technique"  # technique weeks: the same light load
    RISE = "rise"  # every set done, effort fine, no rise this week
    HOLD_WEEKLY = "hold-weekly"  # it already rose within rise_every_days
    HOLD_HARD = "hold-hard"  # last session felt hard
    HOLD_INCOMPLETE = "hold-incomplete"  # last session missed reps or sets
    STEP_BACK = "step-back"  # misses_before_deload hard or incomplete sessions in a row


@dataclass(frozen=True)
class LiftSession:
    """What he did of one lift on one day, against what was prescribed."""

    day: date
    planned_sets: int
    planned_reps: int
    sets: tuple[SetEntry, ...]
    effort: Effort | None = None

    @property
    def completed_load_kg(self) -> float | None:
        """The load at which every prescribed set reached the prescribed reps, or None."""
        done = sorted((s.load_kg for s in self.sets if s.reps >= self.planned_reps), reverse=True)
        return done[self.planned_sets - 1] if len(done) >= self.planned_sets else None

    @property
    def working_load_kg(self) -> float:
        """The load this session was about: the completed load, else the heaviest set."""
        completed = self.completed_load_kg
        return completed if completed is not None else max(s.load_kg for s in self.sets)

    @property
    def tough(self) -> bool:
        """Incomplete, or rated hard: a session that does not earn a rise."""
        return self.completed_load_kg is None or self.effort is Effort.HARD


def lift_sessions(
    history: Sequence[SessionResult], efforts: Mapping[date, Effort]
) -> dict[str, list[LiftSession]]:
    """His logged sessions per lift, oldest first, each with that day's effort rating."""
    sessions: dict[str, list[LiftSession]] = {}
    for result in sorted(history, key=lambda r: r.day):
        if not result.sets:
            continue
        sessions.setdefault(result.lift_key, []).append(
            LiftSession(
                day=result.day,
                planned_sets=result.planned_sets,
                planned_reps=result.planned_reps,
                sets=tuple(result.sets),
                effort=efforts.get(result.day),
            )
        )
    return sessions


@dataclass(frozen=True)
class LoadRules:
    """The catalogue's numbers for one lift (see content/exercises.yaml, `progression`)."""

    increment_kg: float
    increment_lb: float
    deload_fraction: float
    misses_before_deload: int
    rise_every_days: int
    technique_reps: int

    def step(self, unit: WeightUnit) -> float:
        """The increment in his unit (also the rounding step of his loads)."""
        return self.increment_kg if unit is WeightUnit.KG else self.increment_lb


@dataclass(frozen=True)
class NextLoad:
    """The suggested load (None at the start: he picks a light one) and why."""

    load_kg: float | None
    reason: LoadReason
    estimated_1rm_kg: float | None

    @property
    def percent_of_1rm(self) -> int | None:
        """The load as a whole percentage of his estimated 1RM, when both are known."""
        if self.load_kg is None or not self.estimated_1rm_kg:
            return None
        return round(100 * self.load_kg / self.estimated_1rm_kg)


def epley_1rm(load_kg: float, reps: int) -> float | None:
    """Epley's estimate load × (1 + reps/30); a single is its own 1RM; None above 10 reps.

    Sets not taken to failure make this an underestimate: show it as an estimate only.
    """
    if reps > EPLEY_MAX_REPS:
        return None
    return load_kg if reps == 1 else load_kg * (1 + reps / 30)


def estimated_1rm(sessions: Sequence[LiftSession]) -> float | None:
    """The best Epley estimate over these sessions' sets (None without a usable set)."""
    estimates = [
        e for s in sessions for entry in s.sets if (e := epley_1rm(entry.load_kg, entry.reps))
    ]
    return max(estimates) if estimates else None


def round_down(amount: float, step: float) -> float:
    """The multiple of step at or below amount (a little float noise forgiven)."""
    return round(math.floor(amount / step + 1e-9) * step, 6)


def _last_rise(sessions: Sequence[LiftSession]) -> date | None:
    """The day the working load last went up from the session before."""
    last = None
    for before, after in itertools.pairwise(sessions):
        if after.working_load_kg > before.working_load_kg + 1e-6:
            last = after.day
    return last


def next_load(
    history: Sequence[LiftSession],
    *,
    day: date,
    rules: LoadRules,
    unit: WeightUnit,
    technique: bool,
) -> NextLoad:
    """The load for this lift's session on `day`, from his sessions before it."""
    sessions = sorted((s for s in history if s.sets and s.day < day), key=lambda s: s.day)
    estimate = estimated_1rm(sessions)
    if not sessions:
        return NextLoad(None, LoadReason.START, estimate)
    step = rules.step(unit)
    last = sessions[-1]
    working = round_to_step(to_unit(last.working_load_kg, unit), step)
    misses = 0
    for session in reversed(sessions):
        if not session.tough:
            break
        misses += 1
    if misses >= rules.misses_before_deload:
        lighter = round_down(working * (1 - rules.deload_fraction), step)
        amount, reason = max(min(lighter, working - step), step), LoadReason.STEP_BACK
    elif technique:
        amount, reason = working, LoadReason.TECHNIQUE
    elif last.effort is Effort.HARD:
        amount, reason = working, LoadReason.HOLD_HARD
    elif last.completed_load_kg is None:
        amount, reason = working, LoadReason.HOLD_INCOMPLETE
    elif (risen := _last_rise(sessions)) is not None and (day - risen).days < rules.rise_every_days:
        amount, reason = working, LoadReason.HOLD_WEEKLY
    else:
        amount, reason = working + step, LoadReason.RISE
    completed = [c for s in sessions if (c := s.completed_load_kg) is not None]
    ceiling = round_down(to_unit(max(completed), unit), step) + step if completed else working
    amount = min(amount, max(ceiling, step))
    return NextLoad(from_unit(round(amount, 6), unit), reason, estimate)
