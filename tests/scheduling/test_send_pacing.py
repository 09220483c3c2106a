"""The limiter's before-send hook, the wire ledger, bounded planning, a crash while waiting."""

from __future__ import annotations

import asyncio
import time as clock_time
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest
from seed import add_user
from sqlmodel import func, select
from telegram import Bot
from telegram.ext import ExtBot
from telegram.request import HTTPXRequest

from bot.content import load_content
from bot.db.delivery_queries import SentRecord, claim_due
from bot.db.engine import SessionFactory
from bot.db.models import Delivery, DeliveryStatus, Schedule
from bot.sandbox.emulator import BotApiEmulator
from bot.scheduling.dispatcher import Dispatcher
from bot.scheduling.planner import plan_due
from bot.scheduling.rendering import PromptRenderer
from bot.scheduling.send_limiter import SendLimiter, send_when_allowed
from bot.scheduling.wire_ledger import ClaimLostError, WireLedger
from handlers.views.prompts import format_prompt

START = datetime(2026, 3, 2, 0, 0, tzinfo=UTC)
DUE = datetime(2026, 3, 2, 7, 35, tzinfo=UTC)


@pytest.fixture
async def open_emulator() -> AsyncIterator[BotApiEmulator]:
    """An emulator without flood limits: here only our own limiter paces the sends."""
    async with BotApiEmulator(rate_limits=False) as emu:
        yield emu


def slow_bot(emulator: BotApiEmulator, rate: float) -> ExtBot[Any]:
    """A real PTB bot whose SendLimiter lets `rate` messages a second through."""
    return ExtBot(
        emulator.token,
        base_url=f"{emulator.base_url}/bot",
        request=HTTPXRequest(httpx_kwargs={"trust_env": False}),
        rate_limiter=SendLimiter(overall_max_rate=rate),
    )


async def test_hook_runs_after_the_wait_and_before_the_request(
    open_emulator: BotApiEmulator,
) -> None:
    """The hook of a message that must wait its turn runs after the wait, before the send."""
    open_emulator.add_chat(5)
    seen: list[tuple[float, int]] = []

    async def hook() -> None:
        seen.append((clock_time.monotonic(), len(open_emulator.bot_messages(5))))

    async with slow_bot(open_emulator, rate=2) as bot:
        started = clock_time.monotonic()
        for n in range(3):  # two go at once, the third waits about half a second
            await send_when_allowed(bot, hook, lambda n=n: bot.send_message(5, f"m{n}"))
    assert [count for _, count in seen] == [0, 1, 2]
    assert seen[2][0] - started >= 0.4
    assert len(open_emulator.bot_messages(5)) == 3


async def test_without_send_limiter_the_hook_runs_first(open_emulator: BotApiEmulator) -> None:
    """A bot without our limiter still runs the hook, before the request."""
    open_emulator.add_chat(5)
    order: list[str] = []

    async def hook() -> None:
        order.append(f"hook with {len(open_emulator.bot_messages(5))} sent")

    async with Bot(
        open_emulator.token,
        base_url=f"{open_emulator.base_url}/bot",
        request=HTTPXRequest(httpx_kwargs={"trust_env": False}),
    ) as bot:
        await send_when_allowed(bot, hook, lambda: bot.send_message(5, "hi"))
    assert order == ["hook with 0 sent"]
    assert len(open_emulator.bot_messages(5)) == 1


async def test_replies_without_a_hook_are_just_limited(open_emulator: BotApiEmulator) -> None:
    """An ordinary send through SendLimiter runs no hook and arrives."""
    open_emulator.add_chat(5)
    async with slow_bot(open_emulator, rate=30) as bot:
        await bot.send_message(5, "plain")
    assert [m.plain_text for m in open_emulator.bot_messages(5)] == ["plain"]


async def test_plan_due_plans_at_most_the_limit_per_call(
    sessions: SessionFactory, open_emulator: BotApiEmulator
) -> None:
    """With a limit, one call plans that many due rows; the next call plans the rest."""
    for telegram_id in range(1, 6):
        await add_user(sessions, open_emulator, telegram_id=telegram_id, zone="UTC", now=START)
    first = await plan_due(sessions, now=DUE, limit=2, batch=1)
    rest = await plan_due(sessions, now=DUE)
    async with sessions() as session:
        planned = (await session.exec(select(func.count()).select_from(Delivery))).one()
        still_due = (
            await session.exec(
                select(func.count()).select_from(Schedule).where(Schedule.next_due_at <= DUE)
            )
        ).one()
    assert (first, rest, planned, still_due) == (2, 3, 5, 0)


async def test_crash_while_waiting_for_the_limiter_loses_nothing(
    sessions: SessionFactory, open_emulator: BotApiEmulator
) -> None:
    """Killed while a prompt waits for its turn: it was never on the wire, so it goes later."""
    await add_user(sessions, open_emulator, telegram_id=11, zone="UTC", now=START)
    open_emulator.add_chat(99)
    async with slow_bot(open_emulator, rate=1) as bot:
        await bot.send_message(99, "uses up this second's only token")
        dispatcher = Dispatcher(bot, sessions, PromptRenderer(load_content(), format_prompt))
        run = asyncio.create_task(dispatcher.run(DUE))
        await asyncio.sleep(0.3)  # the prompt is rendered and waits in the limiter
        run.cancel()  # the process dies here: nothing after this line of the run happens
        with pytest.raises(asyncio.CancelledError):
            await run
        async with sessions() as session:
            status = (await session.exec(select(Delivery.status))).one()
        assert status == DeliveryStatus.CLAIMED
        await Dispatcher(bot, sessions, PromptRenderer(load_content(), format_prompt)).run(DUE)
    async with sessions() as session:
        status = (await session.exec(select(Delivery.status))).one()
    assert status == DeliveryStatus.SENT
    assert len(open_emulator.bot_messages(11)) == 1


async def claimed_ids(sessions: SessionFactory, token: str) -> list[int]:
    """Plan and claim every due delivery for the run `token`."""
    await plan_due(sessions, now=DUE)
    async with sessions() as session:
        ids = await claim_due(session, now=DUE, limit=100, token=token)
        await session.commit()
    return ids


async def test_the_next_mark_carries_the_previous_sent_results(
    sessions: SessionFactory, open_emulator: BotApiEmulator
) -> None:
    """Marking the second delivery also records the first as sent, in the same commit."""
    for telegram_id in (1, 2):
        await add_user(sessions, open_emulator, telegram_id=telegram_id, zone="UTC", now=START)
    first, second = await claimed_ids(sessions, "run-a")
    ledger = WireLedger(sessions, "run-a")
    await ledger.going(first)
    ledger.sent(SentRecord(first, 77, DUE))
    await ledger.going(second)
    async with sessions() as session:
        rows = {d.id: (d.status, d.message_id) for d in (await session.exec(select(Delivery)))}
    assert rows == {first: (DeliveryStatus.SENT, 77), second: (DeliveryStatus.SENDING, None)}
    assert await ledger.flush() == 0


async def test_a_claim_taken_over_by_another_run_is_not_sent(
    sessions: SessionFactory, open_emulator: BotApiEmulator
) -> None:
    """A run whose claim now belongs to another run may not mark it: nothing changes."""
    await add_user(sessions, open_emulator, telegram_id=1, zone="UTC", now=START)
    (delivery_id,) = await claimed_ids(sessions, "the-new-leader")
    with pytest.raises(ClaimLostError):
        await WireLedger(sessions, "the-old-leader").going(delivery_id)
    async with sessions() as session:
        status = (await session.exec(select(Delivery.status))).one()
    assert status == DeliveryStatus.CLAIMED
