"""Logged lifts: storing a log line or a tap once, the last load, and his records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bot.db.log_queries import sets_of, sets_of_lift
from bot.db.models import TrainingSet
from bot.db.upsert import insert_ignore
from bot.domain.training import (
    DayPlan,
    ExerciseCatalog,
    ItemKind,
    LiftLog,
    PersonalRecord,
    PlannedItem,
    SetEntry,
    TopSet,
    exercise_for_key,
    new_record,
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
    record: SetEntry | None = None  # a new personal record among these sets (new logs only)


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
) -> tuple[bool, SetEntry | None]:
    """Insert the sets once per source (a message or a tap) and commit: whether they were
    new, and the set that is a new personal record (never for a repeat or a first log)."""
    earlier = await sets_of_lift(uow.session, user_id=account.id, lift_key=log.lift_key)
    before = [SetEntry(reps=row.reps, load_kg=row.load_kg) for row in earlier]
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
    if inserted == 0:
        return False, None
    return True, new_record(before, log.sets)


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
    new, record = await _store(uow, account, day, log, planned, source_key, now)
    return LiftLogged(plan, exercise_for_key(catalog, log.lift_key).name, new, record)


async def log_as_prescribed(
    uow: UnitOfWork,
    *,
    account: Account,
    delivery: DeliveryView,
    lift_key: str,
    catalog: ExerciseCatalog,
    now: datetime,
) -> LiftLogged | None:
    """Log an exercise of the prompt's plan exactly as prescribed, once per prompt: a lift at
    its suggested load, the jumps by reps; None when the plan suggests no load for a lift."""
    plan = await plan_for_day(uow, account=account, day=delivery.local_day, catalog=catalog)
    item = next((i for i in plan.items if i.key == lift_key), None)
    if item is None:
        return None
    if item.kind == ItemKind.IMPACT:
        load_kg = 0.0  # bodyweight: reps only
    elif item.load_kg is None:
        return None
    else:
        load_kg = item.load_kg
    log = LiftLog(
        lift_key=item.key,
        sets=[SetEntry(reps=item.reps, load_kg=load_kg) for _ in range(item.sets)],
        entered_unit=account.weight_unit,
    )
    source = f"b:{delivery.id}:{item.key}"
    new, record = await _store(uow, account, delivery.local_day, log, item, source, now)
    return LiftLogged(plan, item.name, new, record)


async def lifts_logged_on(uow: UnitOfWork, *, account: Account, day: date) -> frozenset[str]:
    """The lifts with at least one set logged on a day."""
    sets = await sets_of(uow.session, user_id=account.id, since=day)
    return frozenset(s.lift_key for s in sets if s.local_day == day)


def planned_item(plan: DayPlan, lift_key: str) -> PlannedItem | None:
    """The plan's item for an exercise, if the day has one."""
    return next((item for item in plan.items if item.key == lift_key), None)


async def planned_load_kg(
    uow: UnitOfWork,
    *,
    account: Account,
    delivery: DeliveryView,
    lift_key: str,
    catalog: ExerciseCatalog,
) -> tuple[PlannedItem | None, float | None]:
    """The prompt's plan item for an exercise and its suggested load (None without one)."""
    plan = await plan_for_day(uow, account=account, day=delivery.local_day, catalog=catalog)
    item = planned_item(plan, lift_key)
    return item, item.load_kg if item else None


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
