"""Queries on users. They read and stage changes; they never commit."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.db.models import User, UserStatus


async def get_user(session: AsyncSession, *, telegram_id: int) -> User | None:
    """The consented user with this Telegram id, if any."""
    result = await session.exec(select(User).where(User.telegram_id == telegram_id))
    return result.first()


async def users_whose_pause_ended(
    session: AsyncSession, *, now: datetime, limit: int
) -> list[User]:
    """Paused users whose pause has run out (indexed on paused_until)."""
    query = (
        select(User)
        .where(User.status == UserStatus.PAUSED)
        .where(col(User.paused_until).is_not(None))
        .where(col(User.paused_until) <= now)
        .order_by(col(User.paused_until))
        .limit(limit)
    )
    result = await session.exec(query)
    return list(result.all())
