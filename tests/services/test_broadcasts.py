"""A broadcast's life in the service: draft, then cancelled, or confirmed, sent and done."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import select

from bot.db.engine import SessionFactory
from bot.db.models import Broadcast, Delivery, DeliveryStatus, User, UserStatus
from bot.services import broadcasts
from bot.services.broadcasts import BroadcastStatus
from bot.services.unit_of_work import UnitOfWork

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


async def _users(sessions: SessionFactory, *statuses: str) -> None:
    async with sessions() as session:
        for number, status in enumerate(statuses, start=1):
            session.add(
                User(
                    telegram_id=number,
                    chat_id=number,
                    status=status,
                    consented_at=NOW,
                    created_at=NOW,
                    updated_at=NOW,
                )
            )
        await session.commit()


async def _status(sessions: SessionFactory, broadcast_id: int) -> str:
    async with sessions() as session:
        row = await session.get(Broadcast, broadcast_id)
        assert row is not None
        return row.status


async def test_a_cancelled_draft_is_no_draft_and_plans_nothing(sessions: SessionFactory) -> None:
    """Cancelling stores the named status; confirming it afterwards plans no delivery."""
    await _users(sessions, UserStatus.ACTIVE, UserStatus.PAUSED)
    async with UnitOfWork(sessions) as uow:
        draft = await broadcasts.draft(uow, text="hello", admin_id=99, now=NOW)
        assert draft.reach == 1
        assert await broadcasts.cancel(uow, broadcast_id=draft.id)
        assert not await broadcasts.is_draft(uow, broadcast_id=draft.id)
        assert not await broadcasts.cancel(uow, broadcast_id=draft.id)
        planned = await broadcasts.confirm(
            uow, broadcast_id=draft.id, chat_id=99, message_id=1, now=NOW
        )
    assert planned == 0
    assert await _status(sessions, draft.id) == BroadcastStatus.CANCELLED


async def test_a_confirmed_broadcast_is_done_once_nothing_is_open(
    sessions: SessionFactory,
) -> None:
    """Confirming plans one delivery per active user; finish marks it done."""
    await _users(sessions, UserStatus.ACTIVE, UserStatus.ACTIVE, UserStatus.STOPPED)
    async with UnitOfWork(sessions) as uow:
        draft = await broadcasts.draft(uow, text="hello", admin_id=99, now=NOW)
        assert (
            await broadcasts.confirm(uow, broadcast_id=draft.id, chat_id=99, message_id=7, now=NOW)
            == 2
        )
        (running,) = await broadcasts.sending(uow)
        assert (running.id, running.total, running.progress_message_id) == (draft.id, 2, 7)
        assert (await broadcasts.progress_of(uow, broadcast=running)).open == 2
        assert await broadcasts.text_of(uow, broadcast_id=draft.id) == "hello"
    async with sessions() as session:
        for delivery in (await session.exec(select(Delivery))).all():
            delivery.status = DeliveryStatus.SENT
            session.add(delivery)
        await session.commit()
    async with UnitOfWork(sessions) as uow:
        progress = await broadcasts.progress_of(uow, broadcast=running)
        assert (progress.sent, progress.open) == (2, 0)
        await broadcasts.finish(uow, broadcast_id=draft.id)
        assert await broadcasts.sending(uow) == []
    assert await _status(sessions, draft.id) == BroadcastStatus.DONE
