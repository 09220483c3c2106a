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

    def __init__(
        self,
        work: TickWork,
        *,
        clock: Clock,
        seconds: float,
        on_stop: Callable[[], None] | None = None,
    ) -> None:
        self._work = work
        self._on_stop = on_stop  # asks a running tick to finish early
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

    async def stop(self, grace: float = 20.0) -> None:
        """Stop ticking. A tick under way is asked to stop after its current batch and given
        `grace` seconds to record what it sent (shutting the scheduler down would cancel it
        mid-batch, leaving sent messages recorded only as "sending")."""
        scheduler, self._scheduler = self._scheduler, None
        if scheduler is None:
            return
        scheduler.pause()  # no new tick starts; a running one goes on
        if self._on_stop is not None:
            self._on_stop()
        try:
            async with asyncio.timeout(grace):
                async with self._lock:
                    pass
        except TimeoutError:
            log.warning("the running tick did not finish within %gs of the stop", grace)
        scheduler.shutdown(wait=False)

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
