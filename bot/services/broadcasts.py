"""Broadcasts: drafted by an operator, confirmed, then planned as one delivery per user."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.db.models import Broadcast, Delivery, DeliveryStatus, User, UserStatus
from bot.db.upsert import insert_ignore

KIND_PREFIX = "bc:"
OPEN = (DeliveryStatus.PENDING, DeliveryStatus.CLAIMED, DeliveryStatus.SENDING)


def kind_for(broadcast_id: int) -> str:
    """The delivery kind of one broadcast."""
    return f"{KIND_PREFIX}{broadcast_id}"


@dataclass(frozen=True)
class Progress:
    """How far a broadcast has got."""

    total: int
    sent: int
    failed: int
    open: int


async def draft(session: AsyncSession, *, text: str, admin_id: int, now: datetime) -> Broadcast:
    """Store the text for confirmation."""
    row = Broadcast(text=text, created_by=admin_id, created_at=now)
    session.add(row)
    await session.commit()
    return row


async def active_user_count(session: AsyncSession) -> int:
    """How many users a broadcast would reach."""
    query = select(func.count()).select_from(User).where(User.status == UserStatus.ACTIVE)
    return int((await session.exec(query)).one())


async def confirm(
    session: AsyncSession, *, broadcast: Broadcast, chat_id: int, message_id: int, now: datetime
) -> int:
    """Plan one delivery per active user (once, however often confirmed); returns how many."""
    if broadcast.status != "draft" or broadcast.id is None:
        return 0
    users = (await session.exec(select(User).where(User.status == UserStatus.ACTIVE))).all()
    rows = [
        {
            "user_id": user.id,
            "kind": kind_for(broadcast.id),
            "local_day": now.date(),
            "due_at": now,
            "status": DeliveryStatus.PENDING,
            "attempts": 0,
            "progress": 0,
            "created_at": now,
        }
        for user in users
    ]
    for start in range(0, len(rows), 500):
        await insert_ignore(session, Delivery, rows[start : start + 500])
    broadcast.status, broadcast.total = "sending", len(rows)
    broadcast.admin_chat_id, broadcast.progress_message_id = chat_id, message_id
    session.add(broadcast)
    await session.commit()
    return len(rows)


async def progress_of(session: AsyncSession, *, broadcast: Broadcast) -> Progress:
    """Sent, failed and still open deliveries of a broadcast."""
    assert broadcast.id is not None
    query = (
        select(col(Delivery.status), func.count())
        .where(Delivery.kind == kind_for(broadcast.id))
        .group_by(col(Delivery.status))
    )
    counts = {status: int(n) for status, n in (await session.exec(query)).all()}
    sent = counts.get(DeliveryStatus.SENT, 0) + counts.get(DeliveryStatus.UNCONFIRMED, 0)
    open_ = sum(counts.get(s, 0) for s in OPEN)
    return Progress(
        total=broadcast.total, sent=sent, failed=sum(counts.values()) - sent - open_, open=open_
    )


async def sending(session: AsyncSession) -> list[Broadcast]:
    """Broadcasts under way."""
    return list((await session.exec(select(Broadcast).where(Broadcast.status == "sending"))).all())
