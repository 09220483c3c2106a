"""Plan due deliveries from the schedule rows, then move each row to its next occurrence."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Any

from bot.db.delivery_queries import delivery_row
from bot.db.engine import SessionFactory
from bot.db.models import Delivery, UserStatus
from bot.db.schedule_queries import (
    DueSchedule,
    ScheduleMove,
    delete_schedules,
    due_schedule_rows,
    move_schedules,
)
from bot.db.upsert import insert_ignore
from bot.domain.schedule import KindTiming, next_occurrence, timings_for

# After a long outage, days older than this are not planned at all (they would only be skipped).
MAX_BACKFILL = timedelta(days=2)


@lru_cache(maxsize=4096)
def _timing(
    kind: str, training: time, nutrition: time, days_mask: int, summary_weekday: int
) -> KindTiming | None:
    timings = timings_for(
        training_time=training,
        nutrition_time=nutrition,
        training_days_mask=days_mask,
        summary_weekday=summary_weekday,
    )
    return next((t for t in timings if t.kind == kind), None)


@lru_cache(maxsize=16_384)
def _next(after: datetime, at: time, zone: str, days_mask: int | None) -> tuple[date, datetime]:
    # Users due together mostly share a zone and a time: the same question, asked again.
    return next_occurrence(after, at, zone, days_mask)


@dataclass
class BatchPlan:
    """What to write for one batch of due schedule rows."""

    deliveries: list[dict[str, Any]] = field(default_factory=list)
    moves: list[ScheduleMove] = field(default_factory=list)
    gone: list[int] = field(default_factory=list)


def plan_batch(rows: list[DueSchedule], now: datetime) -> BatchPlan:
    """A delivery for each active user's due row, and each row's next occurrence."""
    plan = BatchPlan()
    for row in rows:
        timing = None
        if row.training_time is not None and row.nutrition_time is not None:
            timing = _timing(
                row.kind,
                row.training_time,
                row.nutrition_time,
                row.training_days_mask,
                row.summary_weekday,
            )
        if timing is None or row.timezone is None:
            plan.gone.append(row.id)
            continue
        if row.status == UserStatus.ACTIVE:
            plan.deliveries.append(
                delivery_row(
                    user_id=row.user_id,
                    kind=row.kind,
                    local_day=row.local_day,
                    due_at=row.next_due_at,
                    now=now,
                )
            )
        after = max(row.next_due_at, now - MAX_BACKFILL)
        day, due = _next(after, timing.at, row.timezone, timing.days_mask)
        plan.moves.append(ScheduleMove(row.id, day, due))
    return plan


async def plan_due(
    sessions: SessionFactory, *, now: datetime, batch: int = 500, limit: int | None = None
) -> int:
    """Insert a delivery for every schedule row that has come due (once per user, kind and
    local day, whatever happens) and advance the rows; returns how many were new.

    Each batch is one read, one multi-row insert-or-ignore, one update and one commit.
    `limit` bounds the rows looked at in this call (a tick plans what it can send).
    """
    planned = seen = 0
    while limit is None or seen < limit:
        size = batch if limit is None else min(batch, limit - seen)
        async with sessions() as session:
            rows = await due_schedule_rows(session, now=now, limit=size)
            if not rows:
                break
            plan = plan_batch(rows, now)
            await delete_schedules(session, plan.gone)
            await move_schedules(session, plan.moves)
            planned += await insert_ignore(session, Delivery, plan.deliveries)
            await session.commit()
        seen += len(rows)
    return planned
