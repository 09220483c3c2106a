"""Streaks: planned training sessions trained (done or partly) in a row — from adherence, so a
skip always breaks the run — and evening check-ins answered in a row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.db.log_queries import nutrition_days_between
from bot.db.models import Delivery, DeliveryKind
from bot.domain.training import best_streak, current_streak
from bot.services.accounts import Account
from bot.services.adherence import adherence_between
from bot.services.deliveries import DELIVERED
from bot.services.unit_of_work import UnitOfWork

LOOKBACK = timedelta(days=120)


@dataclass(frozen=True)
class Streaks:
    """Current and best runs."""

    training: int
    training_best: int
    checkins: int
    checkins_best: int


async def _delivered_days(session: AsyncSession, user_id: int, kind: str, start: date) -> set[date]:
    """The days from `start` on when a prompt of this kind reached him."""
    query = select(col(Delivery.local_day)).where(
        Delivery.user_id == user_id,
        Delivery.kind == kind,
        col(Delivery.status).in_(DELIVERED),
        col(Delivery.local_day) >= start,
    )
    return set((await session.exec(query)).all())


async def streaks_for(uow: UnitOfWork, *, account: Account, today: date) -> Streaks:
    """His streaks as of his local `today` (a session still pending today breaks nothing)."""
    session, user_id = uow.session, account.id
    start = today - LOOKBACK
    training = await adherence_between(uow, account=account, first=start, last=today, today=today)
    logged = await nutrition_days_between(session, user_id=user_id, start=start, end=today)
    asked = await _delivered_days(session, user_id, DeliveryKind.NUTRITION, start)
    checkins = [(d, d in logged) for d in asked | logged]
    return Streaks(
        training=training.streak,
        training_best=training.best_streak,
        checkins=current_streak(checkins, today=today),
        checkins_best=best_streak(checkins),
    )
