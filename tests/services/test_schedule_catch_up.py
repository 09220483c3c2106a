"""After a zone or time change, a prompt still due today is due now; never twice a day."""

from __future__ import annotations

from datetime import UTC, datetime, time

from daily import stored_account, stored_delivery

from bot.db.engine import SessionFactory
from bot.db.models import DeliveryKind, User
from bot.services.schedules import refresh_schedule

EVENING = datetime(2026, 3, 2, 20, 30, tzinfo=UTC)  # 20:30 UTC, his zone is UTC


async def _refresh(
    sessions: SessionFactory, user_id: int, **changes: object
) -> dict[str, datetime]:
    async with sessions() as session:
        user = await session.get(User, user_id)
        assert user is not None
        for name, value in changes.items():
            setattr(user, name, value)
        due = await refresh_schedule(session, user=user, now=EVENING, catch_up_today=True)
        await session.commit()
        return due


async def test_a_passed_check_in_not_had_today_is_due_now(sessions: SessionFactory) -> None:
    """Check-in moved to 20:00 at 20:30 with none sent today: due now; training waits."""
    me = await stored_account(sessions, quiet_start=time(23, 0), quiet_end=time(7, 0))
    due = await _refresh(sessions, me.id, nutrition_time=time(20, 0))
    assert due["nutrition"] == EVENING
    assert due["training"] > EVENING  # the evening has come: tomorrow's training prompt


async def test_a_check_in_had_today_is_not_sent_again(sessions: SessionFactory) -> None:
    """With today's check-in already delivered, the next one is tomorrow."""
    me = await stored_account(sessions, quiet_start=time(23, 0), quiet_end=time(7, 0))
    await stored_delivery(sessions, me, DeliveryKind.NUTRITION, day=EVENING.date())
    due = await _refresh(sessions, me.id, nutrition_time=time(20, 0))
    assert due["nutrition"].date() > EVENING.date()


async def test_no_catch_up_in_quiet_hours(sessions: SessionFactory) -> None:
    """In his quiet hours nothing is sent now: the next check-in is tomorrow's."""
    me = await stored_account(sessions, quiet_start=time(20, 15), quiet_end=time(7, 0))
    due = await _refresh(sessions, me.id, nutrition_time=time(20, 0))
    assert due["nutrition"].date() > EVENING.date()
