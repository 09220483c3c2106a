"""What a tick does: end timed pauses, then plan and send the prompts that are due."""

from __future__ import annotations

import contextlib
import logging
from datetime import datetime

from telegram import Bot
from telegram.error import BadRequest, Forbidden

from bot.db.engine import SessionFactory
from bot.metrics import Metrics
from bot.scheduling.dispatcher import Dispatcher
from bot.scheduling.leader import DispatchLeader
from bot.services import broadcasts
from bot.services.status import end_expired_pauses, mark_blocked
from bot.services.unit_of_work import UnitOfWork

log = logging.getLogger("bonecoach.tick")

PAUSE_OVER = "Your pause is over — prompts are on again. /pause if you need more time."


class TickWork:
    """The tick's work, bound to the bot and the database."""

    def __init__(
        self,
        bot: Bot,
        sessions: SessionFactory,
        dispatcher: Dispatcher,
        leader: DispatchLeader,
        metrics: Metrics | None = None,
    ) -> None:
        self._bot = bot
        self._sessions = sessions
        self._dispatcher = dispatcher
        self._leader = leader
        self._metrics = metrics
        self._reported: dict[int, str] = {}  # progress message id -> last text shown

    async def __call__(self, now: datetime) -> None:
        """Do everything that is due at `now`: lift ended pauses, then send due prompts.

        Only the replica holding the dispatch lock sends; the others just answer updates.
        """
        if not await self._leader.is_leader():
            return
        await self._end_pauses(now)
        stats = await self._dispatcher.run(now)
        if self._metrics is not None:
            for outcome, count in (
                ("sent", stats.sent),
                ("failed", stats.failed),
                ("skipped", stats.skipped),
                ("deferred", stats.deferred),
            ):
                self._metrics.deliveries.labels(outcome).inc(count)
            self._metrics.rate_limited.inc(stats.rate_limited)
        await self._report_broadcasts()
        if stats.planned or stats.sent or stats.failed:
            log.info(
                "tick: planned %d, sent %d, skipped %d, failed %d, deferred %d",
                stats.planned,
                stats.sent,
                stats.skipped,
                stats.failed,
                stats.deferred,
            )

    async def _end_pauses(self, now: datetime) -> None:
        async with UnitOfWork(self._sessions) as uow:
            resumed = await end_expired_pauses(uow, now=now)
            for account in resumed:
                try:
                    await self._bot.send_message(account.chat_id, PAUSE_OVER)
                except Forbidden:
                    await mark_blocked(uow, account_id=account.id, now=now)
                except BadRequest as exc:
                    log.warning("pause-over message not sent: %s", type(exc).__name__)

    async def _report_broadcasts(self) -> None:
        """Edit each running broadcast's progress message; close those with nothing open."""
        async with UnitOfWork(self._sessions) as uow:
            for broadcast in await broadcasts.sending(uow):
                progress = await broadcasts.progress_of(uow, broadcast=broadcast)
                done = progress.open == 0
                text = (
                    f"{'✅ Broadcast finished' if done else '📣 Broadcast sending'}: "
                    f"{progress.sent} of {progress.total} sent"
                    + (f", {progress.failed} not delivered" if progress.failed else "")
                )
                chat, message_id = broadcast.admin_chat_id, broadcast.progress_message_id
                if chat and message_id and self._reported.get(message_id) != text:
                    self._reported[message_id] = text
                    with contextlib.suppress(BadRequest):  # the operator deleted it
                        await self._bot.edit_message_text(text, chat, message_id)
                if done:
                    await broadcasts.finish(uow, broadcast_id=broadcast.id)
