"""Pause, resume, stop and come back: who gets messages."""

from __future__ import annotations

from datetime import datetime

from bot.db.models import User, UserStatus
from bot.db.user_queries import users_whose_pause_ended
from bot.domain.schedule import QuietHours
from bot.services.accounts import Account, AccountStatus, account_of, row_of
from bot.services.profile import first_unanswered
from bot.services.schedules import refresh_schedule
from bot.services.unit_of_work import UnitOfWork


async def _set(uow: UnitOfWork, user: User, status: str, now: datetime) -> Account:
    user.status = status
    user.updated_at = now
    uow.session.add(user)
    await uow.commit()
    return account_of(user)


async def pause(
    uow: UnitOfWork, *, account: Account, until: datetime | None, now: datetime
) -> Account:
    """Stop prompts until `until` (None: until he resumes)."""
    user = await row_of(uow, account)
    user.paused_until = until
    return await _set(uow, user, UserStatus.PAUSED, now)


async def resume(uow: UnitOfWork, *, account: Account, now: datetime) -> Account:
    """Prompts start again."""
    user = await row_of(uow, account)
    user.paused_until = None
    return await _set(uow, user, UserStatus.ACTIVE, now)


async def stop(uow: UnitOfWork, *, account: Account, now: datetime) -> Account:
    """No more messages at all until he sends /start; his data stays."""
    user = await row_of(uow, account)
    user.paused_until = None
    user.pending_question = None
    return await _set(uow, user, UserStatus.STOPPED, now)


async def mark_blocked(uow: UnitOfWork, *, account_id: int, now: datetime) -> None:
    """Telegram says he blocked the bot: send nothing until he writes again."""
    user = await uow.session.get(User, account_id)
    if user is not None:
        await _set(uow, user, UserStatus.BLOCKED, now)


async def come_back(uow: UnitOfWork, *, account: Account, now: datetime) -> Account:
    """He sent /start after /stop or a block: active again, or back to where onboarding was."""
    user = await row_of(uow, account)
    missing = first_unanswered(user)
    user.pending_question = missing
    return await _set(
        uow, user, UserStatus.ACTIVE if missing is None else UserStatus.ONBOARDING, now
    )


async def end_expired_pauses(uow: UnitOfWork, *, now: datetime, limit: int = 200) -> list[Account]:
    """Resume everyone whose timed pause has run out; returns them so they can be told."""
    users = await users_whose_pause_ended(uow.session, now=now, limit=limit)
    for user in users:
        user.status = UserStatus.ACTIVE
        user.paused_until = None
        user.updated_at = now
        uow.session.add(user)
    if users:
        await uow.commit()
    return [account_of(user) for user in users]


async def set_quiet_hours(
    uow: UnitOfWork, *, account: Account, quiet: QuietHours | None, now: datetime
) -> Account:
    """Set or clear his quiet hours."""
    user = await row_of(uow, account)
    user.quiet_start = quiet.start if quiet else None
    user.quiet_end = quiet.end if quiet else None
    user.updated_at = now
    uow.session.add(user)
    await uow.commit()
    return account_of(user)


async def set_summary_day(
    uow: UnitOfWork, *, account: Account, weekday: int, now: datetime
) -> Account:
    """Move his weekly summary to another weekday (0 = Monday) and reschedule it."""
    user = await row_of(uow, account)
    user.summary_weekday = weekday
    user.updated_at = now
    uow.session.add(user)
    await refresh_schedule(uow.session, user=user, now=now)
    await uow.commit()
    return account_of(user)


async def hold_for_today(
    uow: UnitOfWork, *, account: Account, until: datetime, now: datetime
) -> Account:
    """After a red flag: no coaching prompts for the rest of his day (an active user only)."""
    if account.status is not AccountStatus.ACTIVE:
        return account
    user = await row_of(uow, account)
    user.paused_until = until
    return await _set(uow, user, UserStatus.PAUSED, now)
