"""Stopping the ticker lets a running tick finish and record what it sent."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from bot.scheduling.clock import FixedClock
from bot.scheduling.ticker import Ticker


async def test_stop_asks_the_running_tick_to_finish_and_waits_for_it() -> None:
    """A tick in progress is told to wrap up and completes before stop() returns."""
    events: list[str] = []
    asked = asyncio.Event()

    async def work(now: datetime) -> None:
        events.append("started")
        await asked.wait()  # the dispatcher finishes its batch once asked
        await asyncio.sleep(0.05)
        events.append("recorded")

    ticker = Ticker(
        work, clock=FixedClock(datetime(2026, 3, 2, tzinfo=UTC)), seconds=3600, on_stop=asked.set
    )
    ticker.start()
    running = asyncio.create_task(ticker.tick())
    await asyncio.sleep(0.01)
    await ticker.stop()
    assert events == ["started", "recorded"]
    assert running.done() and not running.cancelled()


async def test_stop_gives_up_waiting_after_the_grace_period() -> None:
    """A tick that will not finish does not hold the shutdown forever."""

    async def stuck(now: datetime) -> None:
        await asyncio.sleep(30)

    ticker = Ticker(stuck, clock=FixedClock(datetime(2026, 3, 2, tzinfo=UTC)), seconds=3600)
    ticker.start()
    running = asyncio.create_task(ticker.tick())
    await asyncio.sleep(0.01)
    await ticker.stop(grace=0.1)
    assert not running.done()
    running.cancel()
