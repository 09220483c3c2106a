"""Acting on a message once, however often Telegram delivers it."""

from __future__ import annotations

from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.db.models import HandledMessage
from bot.db.upsert import insert_ignore


async def first_time(
    session: AsyncSession, *, user_id: int, message_id: int, now: datetime
) -> bool:
    """Record that a message was acted on; False if it was already (a repeated update)."""
    row = {"user_id": user_id, "message_id": message_id, "created_at": now}
    return await insert_ignore(session, HandledMessage, [row]) == 1
