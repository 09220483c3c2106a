"""Training: today's plan with suggested loads, answers to the prompt, logged lifts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.db.log_queries import session_on, sets_of
from bot.db.models import Delivery, TrainingSession, TrainingSet, User
from bot.db.upsert import insert_ignore
from bot.domain.profile import WeightUnit, from_mask
from bot.domain.training import (
    DayPlan,
    ExerciseCatalog,
    LiftLog,
    LoadSuggestion,
    PlannedItem,
    SessionResult,
    SetEntry,
    next_suggestion,
    session_for_day,
)

OUTCOMES = ("done", "partly", "skipped")
HISTORY_FOR_LOADS = timedelta(days=180)  # loads follow recent sessions; older ones don't matter


@dataclass(frozen=True)
class OutcomeSaved:
    """What an answer to the training prompt changed."""

    outcome: str
    previous: str | None

    @property
    def changed(self) -> bool:
        """False for a repeated tap of the same answer."""
        return self.previous != self.outcome


def weight_unit(user: User) -> WeightUnit:
    """The unit he uses for loads."""
    return WeightUnit(user.weight_unit) if user.weight_unit else WeightUnit.KG


def history_from(sets: Sequence[TrainingSet]) -> list[SessionResult]:
    """Logged sets grouped into one result per day and lift, oldest first."""
    grouped: dict[tuple[date, str], list[TrainingSet]] = defaultdict(list)
    for row in sets:
        grouped[(row.local_day, row.lift_key)].append(row)
    results = []
    for (day, lift_key), rows in sorted(grouped.items()):
        planned_sets = max((r.planned_sets or 0) for r in rows) or len(rows)
        planned_reps = max((r.planned_reps or 0) for r in rows) or min(r.reps for r in rows)
        results.append(
            SessionResult(
                day=day,
                lift_key=lift_key,
                planned_sets=min(planned_sets, 10),
                planned_reps=min(planned_reps, 30),
                sets=[SetEntry(reps=r.reps, load_kg=r.load_kg) for r in rows],
            )
        )
    return results


async def plan_for_day(
    session: AsyncSession, *, user: User, day: date, catalog: ExerciseCatalog
) -> DayPlan:
    """The day's session (with loads from his history) or the off-day dose."""
    assert user.id is not None
    recent = await sets_of(session, user_id=user.id, since=day - HISTORY_FOR_LOADS)
    return plan_from_sets(user=user, day=day, catalog=catalog, recent=recent)


def plan_from_sets(
    *, user: User, day: date, catalog: ExerciseCatalog, recent: Sequence[TrainingSet]
) -> DayPlan:
    """plan_for_day from sets already loaded (his last HISTORY_FOR_LOADS, oldest first)."""
    history = history_from(recent)
    unit = weight_unit(user)
    suggestions: dict[str, LoadSuggestion] = {
        lift.key: next_suggestion(lift.key, [h for h in history if h.day < day], catalog, unit=unit)
        for lift in catalog.lifts
    }
    return session_for_day(
        day,
        training_days=from_mask(user.training_days_mask or 0),
        program_start=user.program_start or day,
        catalog=catalog,
        suggestions=suggestions,
    )


async def save_outcome(
    session: AsyncSession,
    *,
    user: User,
    day: date,
    outcome: str,
    planned: bool,
    delivery: Delivery | None,
    now: datetime,
) -> OutcomeSaved:
    """Store Done / Partly / Skipped for the day; the same tap twice changes nothing."""
    if outcome not in OUTCOMES:
        raise ValueError(f"unknown outcome {outcome!r}")
    assert user.id is not None
    row = await session_on(session, user_id=user.id, day=day)
    previous = row.outcome if row else None
    if row is None:
        row = TrainingSession(
            user_id=user.id,
            local_day=day,
            planned=planned,
            outcome=outcome,
            delivery_id=delivery.id if delivery else None,
            created_at=now,
            updated_at=now,
        )
    elif previous != outcome:
        row.outcome, row.updated_at = outcome, now
    session.add(row)
    if delivery is not None and delivery.answered_at is None:
        delivery.answered_at = now
        session.add(delivery)
    await session.commit()
    return OutcomeSaved(outcome=outcome, previous=previous)


async def log_lift(
    session: AsyncSession,
    *,
    user: User,
    day: date,
    log: LiftLog,
    planned: PlannedItem | None,
    source_key: str,
    now: datetime,
) -> bool:
    """Store a lift's sets once per source (a message or a tap); False if already stored."""
    assert user.id is not None
    rows = [
        {
            "user_id": user.id,
            "local_day": day,
            "lift_key": log.lift_key,
            "set_index": index,
            "reps": entry.reps,
            "planned_reps": planned.reps if planned else None,
            "planned_sets": planned.sets if planned else None,
            "load_kg": entry.load_kg,
            "entered_unit": log.entered_unit.value,
            "source_key": source_key,
            "created_at": now,
        }
        for index, entry in enumerate(log.sets)
    ]
    inserted = await insert_ignore(session, TrainingSet, rows)
    await session.commit()
    return inserted > 0


async def lifts_logged_on(session: AsyncSession, *, user: User, day: date) -> set[str]:
    """The lifts with at least one set logged on a day."""
    assert user.id is not None
    return {
        s.lift_key for s in await sets_of(session, user_id=user.id, since=day) if s.local_day == day
    }
