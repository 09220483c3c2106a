"""Pause, resume, stop and come back: who gets messages."""

from __future__ import annotations

from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.db.models import User, UserStatus
from bot.db.user_queries import users_whose_pause_ended
from bot.domain.schedule import QuietHours
from bot.services.profile import first_unanswered
from bot.services.schedules import refresh_schedule


async def _set(session: AsyncSession, user: User, status: str, now: datetime) -> None:
    user.status = status
    user.updated_at = now
    session.add(user)
    await session.commit()


async def pause(
    session: AsyncSession, *, user: User, until: datetime | None, now: datetime
) -> None:
    """Stop prompts until `until` (None: until he resumes)."""
    user.paused_until = until
    await _set(session, user, UserStatus.PAUSED, now)


async def resume(session: AsyncSession, *, user: User, now: datetime) -> None:
    """Prompts start again."""
    user.paused_until = None
    await _set(session, user, UserStatus.ACTIVE, now)


async def stop(session: AsyncSession, *, user: User, now: datetime) -> None:
    """No more messages at all until he sends /start; his data stays."""
    user.paused_until = None
    user.pending_question = None
    await _set(session, user, UserStatus.STOPPED, now)


async def mark_blocked(session: AsyncSession, *, user: User, now: datetime) -> None:
    """Telegram says he blocked the bot: send nothing until he writes again."""
    await _set(session, user, UserStatus.BLOCKED, now)


async def come_back(session: AsyncSession, *, user: User, now: datetime) -> None:
    """He sent /start after /stop or a block: active again, or back to where onboarding was."""
    missing = first_unanswered(user)
    user.pending_question = missing
    await _set(session, user, UserStatus.ACTIVE if missing is None else UserStatus.ONBOARDING, now)


async def end_expired_pauses(
    session: AsyncSession, *, now: datetime, limit: int = 200
) -> list[User]:
    """Resume everyone whose timed pause has run out; returns them so they can be told."""
    users = await users_whose_pause_ended(session, now=now, limit=limit)
    for user in users:
        user.status = UserStatus.ACTIVE
        user.paused_until = None
        user.updated_at = now
        session.add(user)
    if users:
        await session.commit()
    return users


async def set_quiet_hours(
    session: AsyncSession, *, user: User, quiet: QuietHours | None, now: datetime
) -> None:
    """Set or clear his quiet hours."""
    user.quiet_start = quiet.start if quiet else None
    user.quiet_end = quiet.end if quiet else None
    user.updated_at = now
    session.add(user)
    await session.commit()


async def set_summary_day(
    session: AsyncSession, *, user: User, weekday: int, now: datetime
) -> None:
    """Move his weekly summary to another weekday (0 = Monday) and reschedule it."""
    user.summary_weekday = weekday
    user.updated_at = now
    session.add(user)
    await refresh_schedule(session, user=user, now=now)
    await session.commit()


async def hold_for_today(
    session: AsyncSession, *, user: User, until: datetime, now: datetime
) -> None:
    """After a red flag: no coaching prompts for the rest of his day (an active user only)."""
    if user.status != UserStatus.ACTIVE:
        return
    user.paused_until = until
    await _set(session, user, UserStatus.PAUSED, now)
