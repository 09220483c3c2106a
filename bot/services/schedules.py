"""Keep a user's schedule rows in step with his profile."""

from __future__ import annotations

from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.db.delivery_queries import schedules_of
from bot.db.models import Schedule, User
from bot.domain.schedule import next_occurrence, timings_for


async def refresh_schedule(session: AsyncSession, *, user: User, now: datetime) -> None:
    """Point each kind's next occurrence at the first one after `now` (staged, not committed).

    A day already planned is not planned twice: deliveries are unique per (user, kind, day).
    """
    if (
        user.id is None
        or user.timezone is None
        or user.training_time is None
        or user.nutrition_time is None
        or user.training_days_mask is None
    ):
        return
    timings = timings_for(
        training_time=user.training_time,
        nutrition_time=user.nutrition_time,
        training_days_mask=user.training_days_mask,
        summary_weekday=user.summary_weekday,
    )
    existing = await schedules_of(session, user_id=user.id)
    for timing in timings:
        day, due = next_occurrence(now, timing.at, user.timezone, timing.days_mask)
        row = existing.pop(timing.kind, None) or Schedule(
            user_id=user.id, kind=timing.kind, local_day=day, next_due_at=due
        )
        row.local_day, row.next_due_at = day, due
        session.add(row)
    for stale in existing.values():
        await session.delete(stale)
