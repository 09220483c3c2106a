"""Set-based queries on the schedule table for the planner: read due rows, move, delete.

The planner touches hundreds of rows per batch, so each step is one statement, not one per
row, and rows come back as plain tuples (no ORM identity map to fill).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import cast

from sqlalchemy import bindparam, delete, select, text, update
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.db.models import Schedule, User


@dataclass(frozen=True)
class DueSchedule:
    """One due schedule row and what the planner needs of its user."""

    id: int
    user_id: int
    kind: str
    local_day: date
    next_due_at: datetime
    status: str
    timezone: str | None
    training_time: time | None
    nutrition_time: time | None
    training_days_mask: int
    summary_weekday: int


@dataclass(frozen=True)
class ScheduleMove:
    """A schedule row's next occurrence."""

    id: int
    local_day: date
    next_due_at: datetime


async def due_schedule_rows(
    session: AsyncSession, *, now: datetime, limit: int
) -> list[DueSchedule]:
    """Up to `limit` schedule rows whose time has come, oldest first, locked for this
    transaction (other dispatchers skip them); uses the index on next_due_at."""
    query = (
        select(
            col(Schedule.id),
            col(Schedule.user_id),
            col(Schedule.kind),
            col(Schedule.local_day),
            col(Schedule.next_due_at),
            col(User.status),
            col(User.timezone),
            col(User.training_time),
            col(User.nutrition_time),
            col(User.training_days_mask),
            col(User.summary_weekday),
        )
        .join(User, col(User.id) == col(Schedule.user_id))
        .where(col(Schedule.next_due_at) <= now)
        .order_by(col(Schedule.next_due_at))
        .limit(limit)
        .with_for_update(skip_locked=True, of=Schedule)
    )
    connection = await session.connection()
    rows = (await connection.execute(query)).all()
    return [
        DueSchedule(
            id=cast(int, row[0]),  # a primary key is never NULL
            user_id=row[1],
            kind=row[2],
            local_day=row[3],
            next_due_at=row[4],
            status=row[5],
            timezone=row[6],
            training_time=row[7],
            nutrition_time=row[8],
            training_days_mask=row[9] or 0,
            summary_weekday=row[10],
        )
        for row in rows
    ]


async def move_schedules(session: AsyncSession, moves: Sequence[ScheduleMove]) -> None:
    """Set each row's next occurrence: one UPDATE ... FROM unnest(...) on PostgreSQL, one
    executemany on SQLite (in-process, where that is just as cheap)."""
    if not moves:
        return
    connection = await session.connection()
    if connection.dialect.name == "postgresql":
        await connection.execute(
            text(
                "UPDATE schedule SET local_day = m.local_day, next_due_at = m.next_due_at "
                "FROM unnest(CAST(:ids AS integer[]), CAST(:days AS date[]), "
                "CAST(:dues AS timestamptz[])) AS m(id, local_day, next_due_at) "
                "WHERE schedule.id = m.id"
            ).bindparams(
                ids=[m.id for m in moves],
                days=[m.local_day for m in moves],
                dues=[m.next_due_at for m in moves],
            )
        )
        return
    statement = (
        update(Schedule)
        .where(col(Schedule.id) == bindparam("move_id"))
        .values(local_day=bindparam("move_day"), next_due_at=bindparam("move_due"))
    )
    await connection.execute(
        statement,
        [{"move_id": m.id, "move_day": m.local_day, "move_due": m.next_due_at} for m in moves],
    )


async def delete_schedules(session: AsyncSession, ids: Sequence[int]) -> None:
    """Drop schedule rows that no longer apply (the user has no times any more)."""
    if ids:
        await session.exec(delete(Schedule).where(col(Schedule.id).in_(list(ids))))
