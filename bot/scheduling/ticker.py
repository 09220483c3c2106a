"""One APScheduler job that ticks; each tick does the time-driven work (DESIGN decision 2)."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from datetime import datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.scheduling.clock import Clock

log = logging.getLogger("bonecoach.ticker")

TickWork = Callable[[datetime], Awaitable[None]]


class Ticker:
    """Runs `work(now)` every `seconds`; never two at once, a late tick coalesces."""

    def __init__(self, work: TickWork, *, clock: Clock, seconds: float) -> None:
        self._work = work
        self._clock = clock
        self._seconds = seconds
        self._lock = asyncio.Lock()
        self._scheduler: AsyncIOScheduler | None = None
        self.last_tick_at: datetime | None = None
        self.last_tick_monotonic: float | None = None

    def start(self) -> None:
        """Start ticking (call inside the running event loop)."""
        scheduler = AsyncIOScheduler(
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600}
        )
        scheduler.add_job(self.tick, "interval", seconds=self._seconds, id="tick")
        scheduler.start()
        self._scheduler = scheduler

    def stop(self) -> None:
        """Stop ticking; a tick under way finishes on its own."""
        if self._scheduler is not None:
            self._scheduler.shutdown(wait=False)
            self._scheduler = None

    async def tick(self) -> None:
        """One tick now (the scheduler's job, and the sandbox's `:wait`)."""
        async with self._lock:
            now = self._clock.now()
            try:
                await self._work(now)
            except Exception:
                log.exception("tick failed; the next tick tries again")
            self.last_tick_at = now
            self.last_tick_monotonic = time.monotonic()
