"""Plan due deliveries from the schedule rows, then move each row to its next occurrence."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.db.delivery_queries import delivery_row, due_schedules
from bot.db.engine import SessionFactory
from bot.db.models import Delivery, User, UserStatus
from bot.db.upsert import insert_ignore
from bot.domain.prompt_timing import KindTiming, timings_for
from bot.domain.schedule_times import next_occurrence

# After a long outage, days older than this are not planned at all (they would only be skipped).
MAX_BACKFILL = timedelta(days=2)


def _timing(user: User, kind: str) -> KindTiming | None:
    if user.training_time is None or user.nutrition_time is None:
        return None
    timings = timings_for(
        training_time=user.training_time,
        nutrition_time=user.nutrition_time,
        training_days_mask=user.training_days_mask or 0,
        summary_weekday=user.summary_weekday,
    )
    return next((t for t in timings if t.kind == kind), None)


async def plan_due(sessions: SessionFactory, *, now: datetime, batch: int = 500) -> int:
    """Insert a delivery for every schedule row that has come due (once per user, kind and
    local day, whatever happens) and advance the rows; returns how many were new.

    Each batch is one multi-row insert-or-ignore plus the schedule updates in one commit.
    """
    planned = 0
    while True:
        async with sessions() as session:
            rows = await due_schedules(session, now=now, limit=batch)
            if not rows:
                return planned
            deliveries = []
            for schedule, user in rows:
                timing = _timing(user, schedule.kind)
                if timing is None or user.timezone is None:
                    await session.delete(schedule)
                    continue
                if user.status == UserStatus.ACTIVE and user.id is not None:
                    deliveries.append(
                        delivery_row(
                            user_id=user.id,
                            kind=schedule.kind,
                            local_day=schedule.local_day,
                            due_at=schedule.next_due_at,
                            now=now,
                        )
                    )
                after = max(schedule.next_due_at, now - MAX_BACKFILL)
                day, due = next_occurrence(after, timing.at, user.timezone, timing.days_mask)
                schedule.local_day, schedule.next_due_at = day, due
                session.add(schedule)
            planned += await insert_ignore(session, Delivery, deliveries)
            await session.commit()
