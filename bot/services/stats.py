"""Operator numbers for /stats: aggregates only, never anyone's content."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.db.models import Delivery, LabPlan, NutritionEntry, TrainingSession, User
from bot.services.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class Stats:
    """What an operator sees."""

    users_by_status: dict[str, int]
    deliveries_7d: dict[str, int]
    sessions_done_7d: int
    training_prompts_7d: int
    checkin_days_7d: int
    nutrition_prompts_7d: int
    labs_booked: int
    lab_nudges_7d: int


async def _count_by(session: AsyncSession, column: object, *where: object) -> dict[str, int]:
    """Rows per value of `column` (matching `where`)."""
    query = select(column, func.count()).group_by(column)  # type: ignore[call-overload]
    for condition in where:
        query = query.where(condition)
    return {str(key): int(count) for key, count in (await session.exec(query)).all()}


async def collect_stats(uow: UnitOfWork, *, now: datetime) -> Stats:
    """Counts over all users, the last seven days of deliveries and answers."""
    session = uow.session
    since = now - timedelta(days=7)
    since_day: date = since.date()
    deliveries = await _count_by(session, col(Delivery.status), col(Delivery.created_at) >= since)
    kinds = await _count_by(
        session,
        col(Delivery.kind),
        col(Delivery.created_at) >= since,
        col(Delivery.status).in_(("sent", "unconfirmed")),
    )
    done = await session.exec(
        select(func.count())
        .select_from(TrainingSession)
        .where(col(TrainingSession.local_day) >= since_day)
        .where(col(TrainingSession.outcome).in_(("done", "partly")))
    )
    user_days = (
        select(col(NutritionEntry.user_id), col(NutritionEntry.local_day))
        .where(col(NutritionEntry.local_day) >= since_day)
        .distinct()
        .subquery()
    )
    checkins = await session.exec(select(func.count()).select_from(user_days))
    booked = await session.exec(
        select(func.count()).select_from(LabPlan).where(col(LabPlan.booked_on).is_not(None))
    )
    return Stats(
        users_by_status=await _count_by(session, col(User.status)),
        deliveries_7d=deliveries,
        sessions_done_7d=int(done.one()),
        training_prompts_7d=kinds.get("training", 0),
        checkin_days_7d=int(checkins.one()),
        nutrition_prompts_7d=kinds.get("nutrition", 0),
        labs_booked=int(booked.one()),
        lab_nudges_7d=kinds.get("labs", 0),
    )
