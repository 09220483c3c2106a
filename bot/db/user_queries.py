"""Queries on users. They read and stage changes; they never commit."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Row
from sqlalchemy import select as sa_select
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.db.models import User, UserStatus


async def get_user(session: AsyncSession, *, telegram_id: int) -> User | None:
    """The consented user with this Telegram id, if any."""
    result = await session.exec(select(User).where(User.telegram_id == telegram_id))
    return result.first()


# Every column but the bookkeeping timestamps nobody reads per update (each is a parse).
_PROFILE_COLUMNS = [
    column
    for column in User.__table__.c  # type: ignore[attr-defined]
    if column.name not in ("created_at", "updated_at")
]


async def user_row(session: AsyncSession, *, telegram_id: int) -> Row[Any] | None:
    """The user's profile columns for this Telegram id, as a plain row (no ORM object)."""
    table = User.__table__  # type: ignore[attr-defined]
    query = sa_select(*_PROFILE_COLUMNS).where(table.c.telegram_id == telegram_id)
    result = await session.exec(query)  # type: ignore[call-overload]
    row: Row[Any] | None = result.first()
    return row


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
