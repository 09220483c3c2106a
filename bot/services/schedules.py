"""Keep a user's schedule rows in step with his profile."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.db.delivery_queries import delivery_for, schedules_of
from bot.db.models import Schedule, User
from bot.domain.schedule import (
    QuietHours,
    in_quiet_hours,
    local_day_of,
    next_occurrence,
    occurrence,
    timings_for,
)
from bot.domain.schedule.prompt_timing import NUTRITION, TRAINING


def quiet_hours_of_user(user: User) -> QuietHours | None:
    """His quiet hours, or None when he has none."""
    if user.quiet_start is None or user.quiet_end is None or user.quiet_start == user.quiet_end:
        return None
    return QuietHours(start=user.quiet_start, end=user.quiet_end)


async def refresh_schedule(
    session: AsyncSession, *, user: User, now: datetime, catch_up_today: bool = False
) -> dict[str, datetime]:
    """Point each kind's next occurrence at the first one after `now` (staged, not committed);
    returns kind → when it is next due.

    A day already planned is not planned twice: deliveries are unique per (user, kind, day).
    With catch_up_today (he changed his zone or a time), today's check-in or training prompt
    whose time has just passed in the new setting, and that he has not had today, is due now.
    """
    if (
        user.id is None
        or user.timezone is None
        or user.training_time is None
        or user.nutrition_time is None
        or user.training_days_mask is None
    ):
        return {}
    timings = timings_for(
        training_time=user.training_time,
        nutrition_time=user.nutrition_time,
        training_days_mask=user.training_days_mask,
        summary_weekday=user.summary_weekday,
    )
    existing = await schedules_of(session, user_id=user.id)
    next_due = {}
    for timing in timings:
        day, due = next_occurrence(now, timing.at, user.timezone, timing.days_mask)
        if catch_up_today and timing.kind in CATCH_UP_KINDS:
            day, due = await _still_due_today(session, user, timing.kind, now) or (day, due)
        next_due[timing.kind] = due
        row = existing.pop(timing.kind, None) or Schedule(
            user_id=user.id, kind=timing.kind, local_day=day, next_due_at=due
        )
        row.local_day, row.next_due_at = day, due
        session.add(row)
    for stale in existing.values():
        await session.delete(stale)
    return next_due


CATCH_UP_KINDS = frozenset({NUTRITION, TRAINING})


async def _still_due_today(
    session: AsyncSession, user: User, kind: str, now: datetime
) -> tuple[date, datetime] | None:
    """(today, now) when today's prompt of this kind is past its time in his (new) zone, he
    has not had it today, it is not his quiet time, and (training) the evening has not come."""
    assert user.id is not None and user.timezone is not None and user.nutrition_time is not None
    zone = user.timezone
    at = user.nutrition_time if kind == NUTRITION else user.training_time
    assert at is not None
    today = local_day_of(now, zone)
    if occurrence(today, at, zone) > now or in_quiet_hours(now, zone, quiet_hours_of_user(user)):
        return None
    if kind == TRAINING and occurrence(today, user.nutrition_time, zone) <= now:
        return None
    if await delivery_for(session, user_id=user.id, kind=kind, local_day=today) is not None:
        return None
    return today, now
