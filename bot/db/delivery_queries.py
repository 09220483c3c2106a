"""Queries behind the tick: planned deliveries and claims. They never commit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import bindparam, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.db.models import Delivery, DeliveryStatus, Schedule, User
from bot.db.upsert import insert_ignore


async def plan_delivery(
    session: AsyncSession,
    *,
    user_id: int,
    kind: str,
    local_day: date,
    due_at: datetime,
    now: datetime,
    status: str = DeliveryStatus.PENDING,
) -> bool:
    """Plan one delivery; False if that (user, kind, day) was already planned."""
    row = delivery_row(user_id=user_id, kind=kind, local_day=local_day, due_at=due_at, now=now)
    row["status"] = status
    return await insert_ignore(session, Delivery, [row]) == 1


def delivery_row(
    *, user_id: int, kind: str, local_day: date, due_at: datetime, now: datetime
) -> dict[str, Any]:
    """The column values of a newly planned delivery."""
    return {
        "user_id": user_id,
        "kind": kind,
        "local_day": local_day,
        "due_at": due_at,
        "status": DeliveryStatus.PENDING,
        "attempts": 0,
        "progress": 0,
        "created_at": now,
    }


async def recover_interrupted(session: AsyncSession) -> tuple[int, int]:
    """After a crash: claimed-but-unsent goes back to pending; on-the-wire becomes unconfirmed."""
    requeued = await session.exec(
        update(Delivery)
        .where(col(Delivery.status) == DeliveryStatus.CLAIMED)
        .values(status=DeliveryStatus.PENDING, claimed_at=None, claim_token=None)
    )
    unconfirmed = await session.exec(
        update(Delivery)
        .where(col(Delivery.status) == DeliveryStatus.SENDING)
        .values(status=DeliveryStatus.UNCONFIRMED)
    )
    return int(requeued.rowcount or 0), int(unconfirmed.rowcount or 0)


async def release_claims(session: AsyncSession, *, token: str) -> None:
    """A run's claims it did not send (quiet hours, rate limit, a stop): back to pending."""
    await session.exec(
        update(Delivery)
        .where(col(Delivery.status) == DeliveryStatus.CLAIMED)
        .where(col(Delivery.claim_token) == token)
        .values(status=DeliveryStatus.PENDING, claimed_at=None, claim_token=None)
    )


async def claim_due(session: AsyncSession, *, now: datetime, limit: int, token: str) -> list[int]:
    """Claim up to `limit` pending deliveries that are due, oldest first, for the run
    `token`; returns their ids."""
    candidates = (
        select(Delivery.id)
        .where(col(Delivery.status) == DeliveryStatus.PENDING)
        .where(col(Delivery.due_at) <= now)
        .order_by(col(Delivery.due_at), col(Delivery.id))
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    ids = [i for i in (await session.exec(candidates)).all() if i is not None]
    if not ids:
        return []
    result = await session.exec(
        update(Delivery)
        .where(col(Delivery.id).in_(ids))
        .where(col(Delivery.status) == DeliveryStatus.PENDING)
        .values(status=DeliveryStatus.CLAIMED, claimed_at=now, claim_token=token)
        .returning(col(Delivery.id))
    )
    return sorted(int(row[0]) for row in result.all())


async def delivery_for(
    session: AsyncSession, *, user_id: int, kind: str, local_day: date
) -> Delivery | None:
    """The delivery of one kind for one user on one local day."""
    query = select(Delivery).where(
        Delivery.user_id == user_id, Delivery.kind == kind, Delivery.local_day == local_day
    )
    return (await session.exec(query)).first()


async def schedules_of(session: AsyncSession, *, user_id: int) -> dict[str, Schedule]:
    """A user's schedule rows by kind."""
    rows = (await session.exec(select(Schedule).where(Schedule.user_id == user_id))).all()
    return {row.kind: row for row in rows}


async def load_claimed(session: AsyncSession, ids: list[int]) -> list[tuple[Delivery, User]]:
    """The claimed deliveries with their users, in id order: one query for a whole batch."""
    if not ids:
        return []
    query = (
        select(Delivery, User)
        .join(User, col(User.id) == col(Delivery.user_id))
        .where(col(Delivery.id).in_(ids))
        .order_by(col(Delivery.id))
    )
    return [(delivery, user) for delivery, user in (await session.exec(query)).all()]


async def mark_sending(session: AsyncSession, delivery_id: int, *, token: str) -> bool:
    """This delivery goes on the wire now (a crash from here on: never resent). False when
    the claim is no longer this run's (another dispatcher took over): do not send."""
    statement = (
        update(Delivery)
        .where(col(Delivery.id) == delivery_id)
        .where(col(Delivery.status) == DeliveryStatus.CLAIMED)
        .where(col(Delivery.claim_token) == token)
        .values(status=DeliveryStatus.SENDING, attempts=col(Delivery.attempts) + 1)
    )
    connection = await session.connection()
    result = await connection.execute(statement)
    return result.rowcount == 1


@dataclass(frozen=True)
class SentRecord:
    """Telegram accepted a delivery: its message id and when."""

    delivery_id: int
    message_id: int
    sent_at: datetime


async def mark_sent(session: AsyncSession, records: list[SentRecord]) -> None:
    """Record accepted deliveries with one executemany."""
    statement = (
        update(Delivery)
        .where(col(Delivery.id) == bindparam("sent_id"))
        .values(
            status=DeliveryStatus.SENT,
            message_id=bindparam("sent_message_id"),
            sent_at=bindparam("sent_sent_at"),
        )
    )
    connection = await session.connection()
    await connection.execute(
        statement,
        [
            {"sent_id": r.delivery_id, "sent_message_id": r.message_id, "sent_sent_at": r.sent_at}
            for r in records
        ],
    )


async def mark_sessions_planned(session: AsyncSession, delivery_ids: list[int]) -> None:
    """Remember that these training prompts carry a training-day session."""
    await session.exec(
        update(Delivery).where(col(Delivery.id).in_(delivery_ids)).values(session_planned=True)
    )
