"""Broadcasts: drafted by an operator, confirmed or cancelled, planned as one delivery per
user, then finished when none is left open."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import func
from sqlmodel import col, select

from bot.db.models import Broadcast, Delivery, DeliveryStatus, User, UserStatus
from bot.db.upsert import insert_ignore
from bot.services.unit_of_work import UnitOfWork

KIND_PREFIX = "bc:"
OPEN = (DeliveryStatus.PENDING, DeliveryStatus.CLAIMED, DeliveryStatus.SENDING)


class BroadcastStatus(StrEnum):
    """A broadcast's life; the values are those stored in the broadcast table."""

    DRAFT = "draft"
    SENDING = "sending"
    DONE = "done"
    CANCELLED = "cancelled"


def kind_for(broadcast_id: int) -> str:
    """The delivery kind of one broadcast."""
    return f"{KIND_PREFIX}{broadcast_id}"


def broadcast_of(kind: str) -> int | None:
    """The broadcast a delivery kind belongs to, if it is a broadcast's."""
    if not kind.startswith(KIND_PREFIX):
        return None
    number = kind[len(KIND_PREFIX) :]
    return int(number) if number.isdigit() else None


@dataclass(frozen=True)
class Draft:
    """A stored draft and how many users it would reach."""

    id: int
    reach: int


@dataclass(frozen=True)
class Running:
    """A broadcast under way, and where its progress is shown."""

    id: int
    total: int
    admin_chat_id: int | None
    progress_message_id: int | None


@dataclass(frozen=True)
class Progress:
    """How far a broadcast has got."""

    total: int
    sent: int
    failed: int
    open: int


async def draft(uow: UnitOfWork, *, text: str, admin_id: int, now: datetime) -> Draft:
    """Store the text for confirmation; say how many active users it would reach."""
    row = Broadcast(text=text, created_by=admin_id, created_at=now)
    uow.session.add(row)
    await uow.commit()
    assert row.id is not None
    query = select(func.count()).select_from(User).where(User.status == UserStatus.ACTIVE)
    return Draft(id=row.id, reach=int((await uow.session.exec(query)).one()))


async def _draft_row(uow: UnitOfWork, broadcast_id: int) -> Broadcast | None:
    """The broadcast's row while it is a draft."""
    row = await uow.session.get(Broadcast, broadcast_id)
    return row if row is not None and row.status == BroadcastStatus.DRAFT else None


async def is_draft(uow: UnitOfWork, *, broadcast_id: int) -> bool:
    """The broadcast exists and still waits for confirmation."""
    return await _draft_row(uow, broadcast_id) is not None


async def cancel(uow: UnitOfWork, *, broadcast_id: int) -> bool:
    """Cancel a draft (nothing is sent); False when it is no draft (any more)."""
    row = await _draft_row(uow, broadcast_id)
    if row is None:
        return False
    row.status = BroadcastStatus.CANCELLED
    uow.session.add(row)
    await uow.commit()
    return True


async def confirm(
    uow: UnitOfWork, *, broadcast_id: int, chat_id: int, message_id: int, now: datetime
) -> int:
    """Plan one delivery per active user (once, however often confirmed); returns how many."""
    broadcast = await _draft_row(uow, broadcast_id)
    if broadcast is None:
        return 0
    session = uow.session
    users = (await session.exec(select(User.id).where(User.status == UserStatus.ACTIVE))).all()
    rows = [
        {
            "user_id": user_id,
            "kind": kind_for(broadcast_id),
            "local_day": now.date(),
            "due_at": now,
            "status": DeliveryStatus.PENDING,
            "attempts": 0,
            "progress": 0,
            "created_at": now,
        }
        for user_id in users
    ]
    for start in range(0, len(rows), 500):
        await insert_ignore(session, Delivery, rows[start : start + 500])
    broadcast.status, broadcast.total = BroadcastStatus.SENDING, len(rows)
    broadcast.admin_chat_id, broadcast.progress_message_id = chat_id, message_id
    session.add(broadcast)
    await uow.commit()
    return len(rows)


async def text_of(uow: UnitOfWork, *, broadcast_id: int) -> str | None:
    """What a broadcast says (None once it is gone)."""
    row = await uow.session.get(Broadcast, broadcast_id)
    return row.text if row is not None else None


async def sending(uow: UnitOfWork) -> list[Running]:
    """Broadcasts under way."""
    query = select(Broadcast).where(Broadcast.status == BroadcastStatus.SENDING)
    return [
        Running(
            id=row.id,
            total=row.total,
            admin_chat_id=row.admin_chat_id,
            progress_message_id=row.progress_message_id,
        )
        for row in (await uow.session.exec(query)).all()
        if row.id is not None
    ]


async def progress_of(uow: UnitOfWork, *, broadcast: Running) -> Progress:
    """Sent, failed and still open deliveries of a broadcast."""
    query = (
        select(col(Delivery.status), func.count())
        .where(Delivery.kind == kind_for(broadcast.id))
        .group_by(col(Delivery.status))
    )
    counts = {status: int(n) for status, n in (await uow.session.exec(query)).all()}
    sent = counts.get(DeliveryStatus.SENT, 0) + counts.get(DeliveryStatus.UNCONFIRMED, 0)
    open_ = sum(counts.get(s, 0) for s in OPEN)
    return Progress(
        total=broadcast.total, sent=sent, failed=sum(counts.values()) - sent - open_, open=open_
    )


async def finish(uow: UnitOfWork, *, broadcast_id: int) -> None:
    """Every delivery of the broadcast went out or failed: it is done."""
    row = await uow.session.get(Broadcast, broadcast_id)
    if row is not None and row.status == BroadcastStatus.SENDING:
        row.status = BroadcastStatus.DONE
        uow.session.add(row)
        await uow.commit()
