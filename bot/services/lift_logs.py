"""Logged lifts: storing a log line or a tap once, the last load, and his records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bot.db.log_queries import sets_of
from bot.db.models import TrainingSet
from bot.db.upsert import insert_ignore
from bot.domain.training import (
    DayPlan,
    ExerciseCatalog,
    LiftLog,
    PersonalRecord,
    PlannedItem,
    SetEntry,
    TopSet,
    personal_records,
    top_sets,
)
from bot.services.accounts import Account
from bot.services.deliveries import DeliveryView
from bot.services.training import history_from, plan_for_day
from bot.services.unit_of_work import UnitOfWork

RECENT_TOP_SETS = 3  # /records shows this many latest sessions per lift


@dataclass(frozen=True)
class LiftLogged:
    """A lift log stored (or found stored before), with the day's plan it belongs to."""

    plan: DayPlan
    lift_name: str
    new: bool  # False: this message or tap was stored already


@dataclass(frozen=True)
class LiftRecords:
    """One lift's best set ever and the top sets of its latest sessions, newest first."""

    lift_key: str
    best: PersonalRecord
    recent: tuple[TopSet, ...]


async def _store(
    uow: UnitOfWork,
    account: Account,
    day: date,
    log: LiftLog,
    planned: PlannedItem | None,
    source_key: str,
    now: datetime,
) -> bool:
    """Insert the sets once per source (a message or a tap) and commit; False if stored."""
    rows = [
        {
            "user_id": account.id,
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
    inserted = await insert_ignore(uow.session, TrainingSet, rows)
    await uow.commit()
    return inserted > 0


async def log_lift(
    uow: UnitOfWork,
    *,
    account: Account,
    day: date,
    log: LiftLog,
    source_key: str,
    catalog: ExerciseCatalog,
    now: datetime,
) -> LiftLogged:
    """Store a lift's sets for a day once per source, against what the day's plan says."""
    plan = await plan_for_day(uow, account=account, day=day, catalog=catalog)
    planned = next((i for i in plan.items if i.key == log.lift_key), None)
    new = await _store(uow, account, day, log, planned, source_key, now)
    return LiftLogged(plan, catalog.lift(log.lift_key).name, new)


async def log_as_prescribed(
    uow: UnitOfWork,
    *,
    account: Account,
    delivery: DeliveryView,
    lift_key: str,
    catalog: ExerciseCatalog,
    now: datetime,
) -> LiftLogged | None:
    """Log a lift of the prompt's plan exactly as prescribed, once per prompt; None when the
    plan suggests no load for it."""
    plan = await plan_for_day(uow, account=account, day=delivery.local_day, catalog=catalog)
    item = next((i for i in plan.items if i.key == lift_key and i.load_kg is not None), None)
    if item is None or item.load_kg is None:
        return None
    log = LiftLog(
        lift_key=item.key,
        sets=[SetEntry(reps=item.reps, load_kg=item.load_kg) for _ in range(item.sets)],
        entered_unit=account.weight_unit,
    )
    source = f"b:{delivery.id}:{item.key}"
    new = await _store(uow, account, delivery.local_day, log, item, source, now)
    return LiftLogged(plan, item.name, new)


async def lifts_logged_on(uow: UnitOfWork, *, account: Account, day: date) -> frozenset[str]:
    """The lifts with at least one set logged on a day."""
    sets = await sets_of(uow.session, user_id=account.id, since=day)
    return frozenset(s.lift_key for s in sets if s.local_day == day)


async def last_load_kg(uow: UnitOfWork, *, account: Account, lift_key: str) -> float | None:
    """The load of his latest logged set of a lift (None before the first)."""
    sets = [s for s in await sets_of(uow.session, user_id=account.id) if s.lift_key == lift_key]
    return sets[-1].load_kg if sets else None


async def records(uow: UnitOfWork, *, account: Account) -> list[LiftRecords]:
    """Per lift he has logged: his personal record and his latest top sets."""
    history = history_from(await sets_of(uow.session, user_id=account.id))
    return [
        LiftRecords(lift_key, best, tuple(top_sets(history, lift_key, RECENT_TOP_SETS)))
        for lift_key, best in personal_records(history).items()
    ]
