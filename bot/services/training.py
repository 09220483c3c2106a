"""Training: the day's plan with suggested loads, and his answer to the training prompt."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from bot.db.log_queries import efforts_of_users, session_on, sets_of_users
from bot.db.models import Delivery, TrainingSession, TrainingSet
from bot.domain.training import (
    ClearanceReason,
    DayPlan,
    Effort,
    ExerciseCatalog,
    NextLoad,
    SessionResult,
    SetEntry,
    lift_sessions,
    next_load,
    phase_for,
    session_for_day,
    weeks_since_start,
)
from bot.services.accounts import Account
from bot.services.deliveries import DeliveryView, answerable_delivery
from bot.services.safety import clearance
from bot.services.streaks import streaks_for
from bot.services.unit_of_work import UnitOfWork

OUTCOMES = ("done", "partly", "skipped")
TRAINED = ("done", "partly")  # answers after which he may rate the effort
HISTORY_FOR_LOADS = timedelta(days=180)  # loads follow recent sessions; older ones don't matter


@dataclass(frozen=True)
class PromptAnswered:
    """What his tap on a training prompt changed, and what to show under it."""

    delivery: DeliveryView
    plan: DayPlan
    outcome: str
    previous: str | None  # his earlier answer for the day, if any
    streak: int  # planned sessions done in a row (counted only when something changed)

    @property
    def changed(self) -> bool:
        """False for a repeated tap of the same answer."""
        return self.previous != self.outcome


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


@dataclass(frozen=True)
class TrainingHistory:
    """His logged sessions (one result per day and lift) and the days' effort ratings."""

    results: tuple[SessionResult, ...] = ()
    efforts: Mapping[date, Effort] = field(default_factory=dict)

    def before(self, day: date) -> TrainingHistory:
        """Only what happened before `day` (the plan of a day never sees that day's logs)."""
        return TrainingHistory(
            tuple(r for r in self.results if r.day < day),
            {d: e for d, e in self.efforts.items() if d < day},
        )


async def histories_of(
    uow: UnitOfWork, *, user_ids: Sequence[int], since: date
) -> dict[int, TrainingHistory]:
    """The training history of many users from a day on: two queries in all."""
    sets = await sets_of_users(uow.session, user_ids=user_ids, since=since)
    efforts = await efforts_of_users(uow.session, user_ids=user_ids, since=since)
    return {
        user_id: TrainingHistory(
            tuple(history_from(sets[user_id])),
            {day: Effort(value) for day, value in efforts[user_id].items()},
        )
        for user_id in user_ids
    }


async def plan_for_day(
    uow: UnitOfWork, *, account: Account, day: date, catalog: ExerciseCatalog
) -> DayPlan:
    """The day's session (with loads from his history) or the off-day dose; on the
    clinician-cleared path when he should be on it."""
    since = day - HISTORY_FOR_LOADS
    history = (await histories_of(uow, user_ids=[account.id], since=since))[account.id]
    cleared = await clearance(uow, account=account, today=day, rules=catalog.clearance_rules)
    return plan_from_history(
        account=account, day=day, catalog=catalog, history=history, cleared_path=cleared
    )


def plan_from_history(
    *,
    account: Account,
    day: date,
    catalog: ExerciseCatalog,
    history: TrainingHistory,
    cleared_path: ClearanceReason | None = None,
) -> DayPlan:
    """plan_for_day from his history already loaded (his last HISTORY_FOR_LOADS, or more)
    and why he is on the cleared path, if he is."""
    unit = account.weight_unit
    start = account.program_start or day
    phase = phase_for(weeks_since_start(day, start), catalog)
    earlier = history.before(day)
    sessions = lift_sessions(earlier.results, earlier.efforts)
    loads: dict[str, NextLoad] = {
        lift.key: next_load(
            sessions.get(lift.key, []),
            day=day,
            rules=catalog.load_rules(lift.key),
            unit=unit,
            technique=phase.technique,
        )
        for lift in catalog.lifts
    }
    return session_for_day(
        day,
        training_days=account.training_days or frozenset(),
        program_start=start,
        catalog=catalog,
        loads=loads,
        unit=unit,
        cleared_path=cleared_path,
    )


async def answer_prompt(
    uow: UnitOfWork,
    *,
    account: Account,
    delivery_id: int,
    outcome: str,
    catalog: ExerciseCatalog,
    now: datetime,
) -> PromptAnswered | None:
    """Store Done / Partly / Skipped for the prompt's day (the same tap twice changes
    nothing); None when the button is not on his prompt or the prompt is too old."""
    if outcome not in OUTCOMES:
        return None
    today = account.today(now)
    delivery = await answerable_delivery(uow, account=account, delivery_id=delivery_id, today=today)
    if delivery is None:
        return None
    plan = await plan_for_day(uow, account=account, day=delivery.local_day, catalog=catalog)
    previous = await _save_outcome(uow, account, delivery, outcome, plan.is_training_day, now)
    streak = 0
    if previous != outcome:
        streak = (await streaks_for(uow, account=account, today=today)).training
    return PromptAnswered(delivery, plan, outcome, previous, streak)


async def _save_outcome(
    uow: UnitOfWork,
    account: Account,
    delivery: DeliveryView,
    outcome: str,
    planned: bool,
    now: datetime,
) -> str | None:
    """Store the day's answer and mark the prompt answered; the earlier answer, if any."""
    session, day = uow.session, delivery.local_day
    row = await session_on(session, user_id=account.id, day=day)
    previous = row.outcome if row else None
    if row is None:
        row = TrainingSession(
            user_id=account.id,
            local_day=day,
            planned=planned,
            outcome=outcome,
            delivery_id=delivery.id,
            created_at=now,
            updated_at=now,
        )
    elif previous != outcome:
        row.outcome, row.updated_at = outcome, now
        if outcome not in TRAINED:
            row.effort = None  # a skipped session has no effort to rate
    session.add(row)
    stored = await session.get(Delivery, delivery.id)  # loaded by the ownership check
    if stored is not None and stored.answered_at is None:
        stored.answered_at = now
        session.add(stored)
    await uow.commit()
    return previous


@dataclass(frozen=True)
class EffortRated:
    """His effort rating stored for the prompt's day, and what the prompt shows under it."""

    day: date
    effort: Effort
    changed: bool  # False for the same rating tapped again
    plan: DayPlan


async def rate_effort(
    uow: UnitOfWork,
    *,
    account: Account,
    delivery_id: int,
    effort: Effort,
    catalog: ExerciseCatalog,
    now: datetime,
) -> EffortRated | None:
    """Store how the session felt on the day he answered Done or Partly; None when the button
    is not on his prompt, the prompt is too old, or the day has no trained answer."""
    delivery = await answerable_delivery(
        uow, account=account, delivery_id=delivery_id, today=account.today(now)
    )
    if delivery is None:
        return None
    row = await session_on(uow.session, user_id=account.id, day=delivery.local_day)
    if row is None or row.outcome not in TRAINED:
        return None
    changed = row.effort != effort.value
    if changed:
        row.effort, row.updated_at = effort.value, now
        uow.session.add(row)
        await uow.commit()
    plan = await plan_for_day(uow, account=account, day=delivery.local_day, catalog=catalog)
    return EffortRated(delivery.local_day, effort, changed, plan)


async def effort_wanted(uow: UnitOfWork, *, account: Account, day: date) -> bool:
    """Whether the day's answer is Done or Partly and its effort not rated yet (the prompt
    then still shows Easy / About right / Hard)."""
    row = await session_on(uow.session, user_id=account.id, day=day)
    return row is not None and row.outcome in TRAINED and row.effort is None
