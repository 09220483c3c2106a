"""What he logged: reads of sessions, sets and nutrient entries, and the one-statement
nutrient insert. They never commit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import Insert, bindparam
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.db.models import NutritionEntry, TrainingSession, TrainingSet


async def session_on(session: AsyncSession, *, user_id: int, day: date) -> TrainingSession | None:
    """His answer to the training prompt of one local day."""
    query = select(TrainingSession).where(
        TrainingSession.user_id == user_id, TrainingSession.local_day == day
    )
    return (await session.exec(query)).first()


async def sessions_between(
    session: AsyncSession, *, user_id: int, start: date, end: date
) -> Sequence[TrainingSession]:
    """Training answers from start to end (inclusive), oldest first."""
    query = (
        select(TrainingSession)
        .where(TrainingSession.user_id == user_id)
        .where(col(TrainingSession.local_day) >= start, col(TrainingSession.local_day) <= end)
        .order_by(col(TrainingSession.local_day))
    )
    return (await session.exec(query)).all()


async def sets_of(
    session: AsyncSession, *, user_id: int, since: date | None = None
) -> Sequence[TrainingSet]:
    """Logged sets, oldest first (optionally from a day on)."""
    return (await sets_of_users(session, user_ids=[user_id], since=since))[user_id]


async def sets_of_users(
    session: AsyncSession, *, user_ids: Sequence[int], since: date | None
) -> dict[int, list[TrainingSet]]:
    """Logged sets of many users (from a day on), oldest first, by user: one query."""
    query = select(TrainingSet).where(col(TrainingSet.user_id).in_(list(user_ids)))
    if since is not None:
        query = query.where(col(TrainingSet.local_day) >= since)
    query = query.order_by(
        col(TrainingSet.local_day), col(TrainingSet.created_at), col(TrainingSet.set_index)
    )
    found: dict[int, list[TrainingSet]] = {user_id: [] for user_id in user_ids}
    for row in (await session.exec(query)).all():
        found[row.user_id].append(row)
    return found


async def nutrition_on(
    session: AsyncSession, *, user_id: int, day: date
) -> Sequence[NutritionEntry]:
    """Nutrient entries of one local day, oldest first."""
    query = (
        select(NutritionEntry)
        .where(NutritionEntry.user_id == user_id, NutritionEntry.local_day == day)
        .order_by(col(NutritionEntry.created_at))
    )
    return (await session.exec(query)).all()


_ENTRY_COLUMNS = (
    "user_id",
    "local_day",
    "nutrient",
    "amount",
    "unit",
    "entered_value",
    "entered_unit",
    "range_key",
    "delivery_id",
    "source_key",
    "created_at",
)


@cache
def _add_entry_statement(dialect_name: str) -> Insert:
    """INSERT … ON CONFLICT DO NOTHING RETURNING the day's total, built once per dialect (so
    SQLAlchemy compiles it once: its parameters are bound at execution)."""
    table = NutritionEntry.__table__  # type: ignore[attr-defined]
    others = table.alias("others")
    day_total = (
        select(func.coalesce(func.sum(others.c.amount), 0.0))
        .where(
            others.c.user_id == bindparam("user_id"),
            others.c.local_day == bindparam("local_day"),
            others.c.nutrient == bindparam("nutrient"),
            others.c.source_key != bindparam("source_key"),  # the day's other entries
        )
        .scalar_subquery()
    )
    dialect = postgresql if dialect_name == "postgresql" else sqlite
    values = {name: bindparam(name, type_=table.c[name].type) for name in _ENTRY_COLUMNS}
    statement: Insert = (
        dialect.insert(table)
        .values(values)
        .on_conflict_do_nothing()
        .returning(day_total + table.c.amount)
    )
    return statement


async def add_nutrient_entry(session: AsyncSession, *, row: dict[str, Any]) -> float | None:
    """Insert one nutrient entry unless its source already stored one, and return the day's
    total of that nutrient including it; None when it was already stored.

    One statement, INSERT … ON CONFLICT DO NOTHING RETURNING the day's other entries plus
    this one: a separate SELECT would cost a second round trip on every /log.
    """
    connection = await session.connection()
    statement = _add_entry_statement(connection.dialect.name)
    total = (await connection.execute(statement, row)).scalar_one_or_none()
    return None if total is None else float(total)


async def nutrient_total(session: AsyncSession, *, user_id: int, day: date, nutrient: str) -> float:
    """One nutrient's total for one local day (0 when nothing is logged)."""
    query = select(func.coalesce(func.sum(NutritionEntry.amount), 0.0)).where(
        NutritionEntry.user_id == user_id,
        NutritionEntry.local_day == day,
        NutritionEntry.nutrient == nutrient,
    )
    return float((await session.exec(query)).one())


async def nutrition_days_between(
    session: AsyncSession, *, user_id: int, start: date, end: date
) -> set[date]:
    """Local days with at least one nutrient entry."""
    query = (
        select(col(NutritionEntry.local_day))
        .where(NutritionEntry.user_id == user_id)
        .where(col(NutritionEntry.local_day) >= start, col(NutritionEntry.local_day) <= end)
        .distinct()
    )
    return set((await session.exec(query)).all())


async def latest_set(session: AsyncSession, *, user_id: int) -> TrainingSet | None:
    """His most recently logged set (its source_key names the whole log line)."""
    query = (
        select(TrainingSet)
        .where(TrainingSet.user_id == user_id)
        .order_by(col(TrainingSet.created_at).desc(), col(TrainingSet.id).desc())
        .limit(1)
    )
    return (await session.exec(query)).first()


async def latest_nutrition(session: AsyncSession, *, user_id: int) -> NutritionEntry | None:
    """His most recent nutrient entry."""
    query = (
        select(NutritionEntry)
        .where(NutritionEntry.user_id == user_id)
        .order_by(col(NutritionEntry.created_at).desc(), col(NutritionEntry.id).desc())
        .limit(1)
    )
    return (await session.exec(query)).first()


async def sets_of_lift(
    session: AsyncSession, *, user_id: int, lift_key: str
) -> Sequence[TrainingSet]:
    """Every logged set of one lift (his history for records), oldest first."""
    query = (
        select(TrainingSet)
        .where(TrainingSet.user_id == user_id, TrainingSet.lift_key == lift_key)
        .order_by(col(TrainingSet.local_day), col(TrainingSet.created_at))
    )
    return (await session.exec(query)).all()


async def sets_with_source(
    session: AsyncSession, *, user_id: int, source_key: str
) -> Sequence[TrainingSet]:
    """The sets of one log line."""
    query = select(TrainingSet).where(
        TrainingSet.user_id == user_id, TrainingSet.source_key == source_key
    )
    return (await session.exec(query)).all()


async def efforts_of_users(
    session: AsyncSession, *, user_ids: Sequence[int], since: date
) -> dict[int, dict[date, str]]:
    """His effort ratings per day (days he rated only), by user: one query."""
    query = select(
        col(TrainingSession.user_id), col(TrainingSession.local_day), col(TrainingSession.effort)
    ).where(
        col(TrainingSession.user_id).in_(list(user_ids)),
        col(TrainingSession.local_day) >= since,
        col(TrainingSession.effort).is_not(None),
    )
    found: dict[int, dict[date, str]] = {user_id: {} for user_id in user_ids}
    for user_id, day, effort in (await session.exec(query)).all():
        if effort is not None:
            found[user_id][day] = effort
    return found
