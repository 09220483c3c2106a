"""Reads of what he logged: sessions, sets and nutrient entries. They never commit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

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


async def sets_with_source(
    session: AsyncSession, *, user_id: int, source_key: str
) -> Sequence[TrainingSet]:
    """The sets of one log line."""
    query = select(TrainingSet).where(
        TrainingSet.user_id == user_id, TrainingSet.source_key == source_key
    )
    return (await session.exec(query)).all()
