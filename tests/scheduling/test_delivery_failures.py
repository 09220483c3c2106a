"""Crashes at each step, 429 storms, blocked users and unknown chats: nothing lost or doubled."""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import Any

import pytest
from seed import add_user
from sqlmodel import select
from telegram import Bot

from bot.content import load_content
from bot.db.engine import SessionFactory
from bot.db.models import Delivery, DeliveryStatus, User, UserStatus
from bot.sandbox.emulator import BotApiEmulator
from bot.scheduling import dispatcher as dispatcher_module
from bot.scheduling.clock import FixedClock
from bot.scheduling.dispatcher import Dispatcher
from bot.scheduling.rendering import PromptRenderer
from bot.scheduling.wire_ledger import WireLedger
from handlers.views.prompts import format_prompt

DUE = datetime(2026, 3, 2, 7, 35, tzinfo=UTC)  # five minutes after a 07:30 UTC prompt


class Crash(BaseException):
    """Stands for the process dying: nothing in the app catches a BaseException."""


def training_messages(emulator: BotApiEmulator, chat_id: int) -> int:
    """How many training prompts reached the chat."""
    return sum("Week 1" in (m.plain_text or "") for m in emulator.bot_messages(chat_id))


async def statuses(sessions: SessionFactory, kind: str = "training") -> list[str]:
    """Statuses of the deliveries of one kind."""
    async with sessions() as session:
        rows = (await session.exec(select(Delivery).where(Delivery.kind == kind))).all()
        return [row.status for row in rows]


def fresh(bot: Bot, sessions: SessionFactory) -> Dispatcher:
    """A new dispatcher, as after a restart."""
    return Dispatcher(bot, sessions, PromptRenderer(load_content(), format_prompt))


@pytest.fixture
async def user(sessions: SessionFactory, emulator: BotApiEmulator, start: datetime) -> User:
    """One user with a 07:30 UTC training prompt."""
    return await add_user(
        sessions, emulator, telegram_id=11, zone="UTC", training=time(7, 30), now=start
    )


async def test_crash_after_planning_before_claiming(
    bot: Bot,
    sessions: SessionFactory,
    emulator: BotApiEmulator,
    user: User,
    monkeypatch: pytest.MonkeyPatch,
    fixed_clock: FixedClock,
) -> None:
    """Planned but never claimed: the next run sends it, once."""
    fixed_clock.set(DUE)

    async def crash(*args: Any, **kwargs: Any) -> list[int]:
        raise Crash

    monkeypatch.setattr(dispatcher_module, "claim_due", crash)
    with pytest.raises(Crash):
        await fresh(bot, sessions).run(DUE)
    monkeypatch.undo()
    await fresh(bot, sessions).run(DUE)
    await fresh(bot, sessions).run(DUE)
    assert training_messages(emulator, 11) == 1
    assert await statuses(sessions) == [DeliveryStatus.SENT]


async def test_crash_after_claiming_before_sending(
    bot: Bot,
    sessions: SessionFactory,
    emulator: BotApiEmulator,
    user: User,
    monkeypatch: pytest.MonkeyPatch,
    fixed_clock: FixedClock,
) -> None:
    """Claimed, then the process dies before the send: the claim is released and sent once."""
    fixed_clock.set(DUE)

    class CrashingRenderer:
        async def for_batch(self, *args: Any) -> Any:
            async def render(*args: Any) -> None:
                raise Crash

            return render

    broken = fresh(bot, sessions)
    monkeypatch.setattr(broken, "_render", CrashingRenderer())
    with pytest.raises(Crash):
        await broken.run(DUE)
    assert await statuses(sessions) == [DeliveryStatus.CLAIMED]
    await fresh(bot, sessions).run(DUE)
    await fresh(bot, sessions).run(DUE)
    assert training_messages(emulator, 11) == 1
    assert await statuses(sessions) == [DeliveryStatus.SENT]


async def test_crash_after_sending_before_recording(
    bot: Bot,
    sessions: SessionFactory,
    emulator: BotApiEmulator,
    user: User,
    monkeypatch: pytest.MonkeyPatch,
    fixed_clock: FixedClock,
) -> None:
    """Telegram accepted it but the process died before recording: it is never sent again."""
    fixed_clock.set(DUE)

    async def crash_on_record(*args: Any, **kwargs: Any) -> None:
        raise Crash

    monkeypatch.setattr(WireLedger, "flush", crash_on_record)
    with pytest.raises(Crash):
        await fresh(bot, sessions).run(DUE)
    monkeypatch.undo()
    assert training_messages(emulator, 11) == 1
    await fresh(bot, sessions).run(DUE)
    await fresh(bot, sessions).run(DUE)
    assert training_messages(emulator, 11) == 1
    assert await statuses(sessions) == [DeliveryStatus.UNCONFIRMED]


async def test_blocked_user_is_marked_and_gets_no_more_prompts(
    bot: Bot,
    sessions: SessionFactory,
    emulator: BotApiEmulator,
    user: User,
    dispatcher: Dispatcher,
    fixed_clock: FixedClock,
) -> None:
    """403 marks the delivery failed and the user blocked; later days plan nothing for him."""
    emulator.block(11)
    fixed_clock.set(DUE)
    await dispatcher.run(DUE)
    assert await statuses(sessions) == [DeliveryStatus.FAILED]
    async with sessions() as session:
        stored = await session.get(User, user.id)
        assert stored is not None and stored.status == UserStatus.BLOCKED
    later = datetime(2026, 3, 4, 21, 0, tzinfo=UTC)
    fixed_clock.set(later)
    await dispatcher.run(later)
    assert await statuses(sessions) == [DeliveryStatus.FAILED]
    assert [r.error_code for r in emulator.rejected] == [403]
    emulator.rejected.clear()


async def test_unknown_chat_stops_sending(
    sessions: SessionFactory,
    emulator: BotApiEmulator,
    dispatcher: Dispatcher,
    start: datetime,
    fixed_clock: FixedClock,
) -> None:
    """400 'chat not found' fails the delivery and stops messages to that chat."""
    await add_user(
        sessions,
        emulator,
        telegram_id=12,
        zone="UTC",
        training=time(7, 30),
        now=start,
        known_chat=False,
    )
    fixed_clock.set(DUE)
    await dispatcher.run(DUE)
    assert await statuses(sessions) == [DeliveryStatus.FAILED]
    async with sessions() as session:
        stored = (await session.exec(select(User).where(User.telegram_id == 12))).one()
    assert stored.status == UserStatus.BLOCKED
    assert [r.error_code for r in emulator.rejected] == [400]
    emulator.rejected.clear()


async def test_rate_limited_fan_out_loses_nothing(
    sessions: SessionFactory,
    emulator: BotApiEmulator,
    dispatcher: Dispatcher,
    start: datetime,
    fixed_clock: FixedClock,
) -> None:
    """When Telegram refuses past 30 messages the rest wait for the next tick; one each."""
    for telegram_id in range(100, 140):
        await add_user(
            sessions, emulator, telegram_id=telegram_id, zone="UTC", training=time(7, 30), now=start
        )
    fixed_clock.set(DUE)  # the emulator's clock stands still: its 30/s bucket empties
    await dispatcher.run(DUE)
    sent_first = sum(training_messages(emulator, t) for t in range(100, 140))
    assert 0 < sent_first < 40
    assert DeliveryStatus.PENDING in await statuses(sessions)
    later = datetime(2026, 3, 2, 7, 36, tzinfo=UTC)
    fixed_clock.set(later)
    await dispatcher.run(later)
    assert [training_messages(emulator, t) for t in range(100, 140)] == [1] * 40
    assert set(await statuses(sessions)) == {DeliveryStatus.SENT}
    assert {r.error_code for r in emulator.rejected} == {429}
    emulator.rejected.clear()
