"""Progressive overload, personal records and recent top sets, from a lift's session history."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from bot.domain.profile import WeightUnit
from bot.domain.training.catalog import ExerciseCatalog
from bot.domain.training.values import (
    LoadSuggestion,
    SessionResult,
    SetEntry,
    StrictFrozenModel,
    SuggestionReason,
    format_amount,
    format_load,
    from_unit,
    round_to_step,
    to_unit,
)

EPLEY_MAX_REPS = 10  # estimates from longer sets are too unreliable to show


class TopSet(StrictFrozenModel):
    """The heaviest set of one session (most reps breaks a tie)."""

    day: date
    lift_key: str
    load_kg: float
    reps: int


class PersonalRecord(TopSet):
    """The heaviest set ever, plus the best Epley estimate from sets of at most 10 reps."""

    estimated_1rm_kg: float | None


def starting_load_text(reps: int) -> str:
    """The advice shown when a lift has no history yet."""
    return f"a load you can lift {reps} times with good form"


def epley_1rm(load_kg: float, reps: int) -> float | None:
    """Epley estimate load × (1 + reps/30); a single is its own 1RM; None above 10 reps."""
    if reps > EPLEY_MAX_REPS:
        return None
    return load_kg if reps == 1 else load_kg * (1 + reps / 30)


def completed_load(session: SessionResult) -> float | None:
    """The load at which every planned set reached the planned reps, or None (a miss)."""
    done = sorted((s.load_kg for s in session.sets if s.reps >= session.planned_reps), reverse=True)
    return done[session.planned_sets - 1] if len(done) >= session.planned_sets else None


def next_suggestion(
    lift_key: str,
    history: Sequence[SessionResult],
    catalog: ExerciseCatalog,
    *,
    unit: WeightUnit,
    target_reps: int | None = None,
) -> LoadSuggestion:
    """The load for the next session of lift_key, rounded to 2.5 kg or 5 lb plates.

    Completed last time → add the lift's increment; missed the last `misses_before_deload`
    sessions → step back 10 %; otherwise hold. Skipped sessions (no sets) are ignored.
    With no history the load is None and the text says how to pick one (`target_reps`
    defaults to the first phase's reps).
    """
    lift = catalog.lift(lift_key)
    rules = catalog.progression
    sessions = [
        s for s in sorted(history, key=lambda s: s.day) if s.lift_key == lift_key and s.sets
    ]
    if not sessions:
        reps = target_reps or catalog.phases[0].lifts.reps_max
        return LoadSuggestion(
            lift_key=lift_key,
            load_kg=None,
            unit=unit,
            reason=SuggestionReason.START,
            text=starting_load_text(reps),
            note="Start light; we add weight once every set looks the same.",
        )
    plate = rules.plate_kg if unit is WeightUnit.KG else rules.plate_lb
    last = sessions[-1]
    done = completed_load(last)
    if done is not None:
        step = lift.increment.kg if unit is WeightUnit.KG else lift.increment.lb
        amount = round_to_step(to_unit(done, unit) + step, plate)
        reason = SuggestionReason.INCREASE
        note = f"+{format_amount(step)} {unit.value}: you completed every set last time."
    else:
        worked = round_to_step(to_unit(_top_load(last.sets), unit), plate)
        recent = sessions[-rules.misses_before_deload :]
        if len(recent) == rules.misses_before_deload and all(
            completed_load(s) is None for s in recent
        ):
            lighter = round_to_step(worked * (1 - rules.deload_fraction), plate)
            amount = max(min(lighter, worked - plate), plate)
            reason = SuggestionReason.STEP_BACK
            note = "A bit lighter after two tough sessions; build back up with clean reps."
        else:
            amount = worked
            reason = SuggestionReason.HOLD
            note = "Same load again: finish every set before we add weight."
    load_kg = from_unit(amount, unit)
    return LoadSuggestion(
        lift_key=lift_key,
        load_kg=load_kg,
        unit=unit,
        reason=reason,
        text=format_load(load_kg, unit),
        note=note,
    )


def _sessions_of(history: Sequence[SessionResult], lift_key: str) -> list[SessionResult]:
    """Logged (non-skipped) sessions of one lift, oldest first."""
    return sorted((s for s in history if s.lift_key == lift_key and s.sets), key=lambda s: s.day)


def _top_load(sets: Sequence[SetEntry]) -> float:
    return max(entry.load_kg for entry in sets)


def _top_set(session: SessionResult) -> TopSet:
    best = max(session.sets, key=lambda entry: (entry.load_kg, entry.reps))
    return TopSet(day=session.day, lift_key=session.lift_key, load_kg=best.load_kg, reps=best.reps)


def personal_records(history: Sequence[SessionResult]) -> dict[str, PersonalRecord]:
    """Per lift: the heaviest set (most reps, then earliest day, breaks ties) and best e1RM."""
    records: dict[str, PersonalRecord] = {}
    for session in sorted(history, key=lambda s: s.day):
        for entry in session.sets:
            estimate = epley_1rm(entry.load_kg, entry.reps)
            current = records.get(session.lift_key)
            best_estimate = _max_optional(current.estimated_1rm_kg if current else None, estimate)
            if current is None or (entry.load_kg, entry.reps) > (current.load_kg, current.reps):
                current = PersonalRecord(
                    day=session.day,
                    lift_key=session.lift_key,
                    load_kg=entry.load_kg,
                    reps=entry.reps,
                    estimated_1rm_kg=best_estimate,
                )
            else:
                current = current.model_copy(update={"estimated_1rm_kg": best_estimate})
            records[session.lift_key] = current
    return records


def _max_optional(first: float | None, second: float | None) -> float | None:
    values = [value for value in (first, second) if value is not None]
    return max(values) if values else None


def top_sets(history: Sequence[SessionResult], lift_key: str, limit: int) -> list[TopSet]:
    """The top set of each of the latest `limit` sessions of lift_key, newest first."""
    if limit < 0:
        raise ValueError(f"limit must be 0 or more, got {limit}")
    newest_first = _sessions_of(history, lift_key)[::-1]
    return [_top_set(session) for session in newest_first[:limit]]
