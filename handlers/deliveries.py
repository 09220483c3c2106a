"""Finding the delivery a button refers to, and refusing foreign or stale ones."""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.db.models import Delivery, User

ANSWERABLE_FOR = timedelta(days=1)  # today's prompt, or yesterday's answered after midnight


def parse_ids(data: str, parts: int) -> list[str] | None:
    """Split 'tr|12|done' into its fields; None when it has the wrong shape."""
    fields = data.split("|")
    if len(fields) != parts or not fields[1].isdigit():
        return None
    return fields


async def own_delivery(
    session: AsyncSession, *, user: User | None, delivery_id: int, today: date
) -> Delivery | None:
    """The delivery if it is his and still answerable; None for a foreign or stale button."""
    if user is None:
        return None
    delivery = await session.get(Delivery, delivery_id)
    if delivery is None or delivery.user_id != user.id:
        return None
    if not today - ANSWERABLE_FOR <= delivery.local_day <= today:
        return None
    return delivery
