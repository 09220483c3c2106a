"""Claim due deliveries and send them: at most once each, within Telegram's limits."""

from __future__ import annotations

import asyncio
import logging
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Bot, InputFile, Message
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.db.delivery_queries import (
    SentRecord,
    claim_due,
    load_claimed,
    recover_interrupted,
    release_claims,
)
from bot.db.engine import SessionFactory
from bot.db.models import Delivery, DeliveryStatus, User, UserStatus
from bot.domain.schedule import QuietHours, SendDecision, send_decision
from bot.scheduling.planner import plan_due
from bot.scheduling.rendering import Outgoing, Renderer, RenderOne
from bot.scheduling.send_limiter import send_when_allowed
from bot.scheduling.wire_ledger import ClaimLostError, WireLedger
from bot.services.accounts import Account, account_of
from bot.services.deliveries import DeliveryView, view_of
from bot.services.status import mark_blocked
from bot.services.unit_of_work import UnitOfWork

log = logging.getLogger("bonecoach.dispatcher")


@dataclass
class DispatchStats:
    """What one run did."""

    planned: int = 0
    sent: int = 0
    skipped: int = 0
    failed: int = 0
    deferred: int = 0
    rate_limited: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Claimed:
    """One claimed delivery: its rows, which the dispatcher records on, and the views a
    renderer gets."""

    delivery: Delivery
    user: User
    view: DeliveryView
    account: Account

    @classmethod
    def of(cls, delivery: Delivery, user: User) -> Claimed:
        """The claimed delivery with its views."""
        return cls(delivery, user, view_of(delivery), account_of(user))


def quiet_hours_of(user: User) -> QuietHours | None:
    """His quiet hours, or None when he has none."""
    if user.quiet_start is None or user.quiet_end is None or user.quiet_start == user.quiet_end:
        return None
    return QuietHours(start=user.quiet_start, end=user.quiet_end)


class Dispatcher:
    """One tick's delivery work: recover, plan, claim, send, record."""

    def __init__(
        self,
        bot: Bot,
        sessions: SessionFactory,
        render: Renderer,
        *,
        catch_up: timedelta = timedelta(hours=3),
        batch: int = 200,
        plan_per_run: int | None = None,
        concurrency: int = 8,
    ) -> None:
        self._bot = bot
        self._sessions = sessions
        self._render = render
        self._catch_up = catch_up
        self._batch = batch
        self._plan_per_run = plan_per_run  # None: plan everything that is due
        self._concurrency = concurrency
        self._stopping = False

    def request_stop(self) -> None:
        """Shutting down: finish (and record) the batch in hand, take no new one."""
        self._stopping = True

    async def run(self, now: datetime) -> DispatchStats:
        """Do all delivery work that is due at `now`."""
        stats = DispatchStats()
        async with self._sessions() as session:
            await recover_interrupted(session)
            await session.commit()
        ledger = WireLedger(self._sessions, token=secrets.token_hex(16))
        waiting: list[int] = []
        try:
            await self._send_due(now, stats, waiting, ledger)
        except Exception:  # not on a crash (BaseException here stands for one in tests)
            await self._wind_up(ledger, stats)
            raise
        await self._wind_up(ledger, stats)
        stats.deferred = len(waiting)
        return stats

    async def _send_due(
        self, now: datetime, stats: DispatchStats, waiting: list[int], ledger: WireLedger
    ) -> None:
        """Plan a batch, claim a batch, send it; again until nothing due is left (or Telegram
        says slow down, or this run planned what it can send before the next one).

        Planning walks along with sending, so no step holds the database for long however
        many are due. A few deliveries are prepared at once (rendering may read the
        database), while the ledger lets one message at a time between its "sending" commit
        and Telegram's answer. A crash leaves claims behind; the next run's recovery
        releases them.
        """
        slots = asyncio.Semaphore(self._concurrency)
        stop = asyncio.Event()

        async def one_user(render: RenderOne, items: list[Claimed]) -> None:
            """His deliveries of the batch, in order (one task per user: one chat, one pace)."""
            async with slots:
                for claimed in items:
                    if stop.is_set():
                        return
                    if not await self._deliver(render, claimed, now, stats, waiting, ledger):
                        stop.set()  # rate limited or offline: the next tick goes on

        plan_left = self._plan_per_run  # None: no bound
        while not stop.is_set() and not self._stopping:
            if plan_left is None or plan_left > 0:
                step = self._batch if plan_left is None else min(self._batch, plan_left)
                stats.planned += await plan_due(self._sessions, now=now, limit=step)
                plan_left = None if plan_left is None else plan_left - step
            async with self._sessions() as session:
                ids = await claim_due(session, now=now, limit=self._batch, token=ledger.token)
                await session.commit()
                claimed = [Claimed.of(d, u) for d, u in await load_claimed(session, ids)]
                views = [(c.view, c.account) for c in claimed]
                render = await self._render.for_batch(UnitOfWork.joining(session), views)
            if not ids:
                return
            by_user: dict[int, list[Claimed]] = {}
            for item in claimed:
                by_user.setdefault(item.delivery.user_id, []).append(item)
            results = await asyncio.gather(
                *(one_user(render, items) for items in by_user.values()),
                return_exceptions=True,
            )
            stats.sent += await ledger.flush()
            # Every delivery of the batch finished (and was recorded) before a failure ends it.
            for result in results:
                if isinstance(result, BaseException):
                    raise result

    async def _wind_up(self, ledger: WireLedger, stats: DispatchStats) -> None:
        """Record what was sent, hand back what was not."""
        stats.sent += await ledger.flush()
        await self._release_claims(ledger.token)

    async def _release_claims(self, token: str) -> None:
        """This run's claims not sent (quiet hours, rate limit, a stop): back to pending."""
        async with self._sessions() as session:
            await release_claims(session, token=token)
            await session.commit()

    async def _deliver(
        self,
        render: RenderOne,
        claimed: Claimed,
        now: datetime,
        stats: DispatchStats,
        waiting: list[int],
        ledger: WireLedger,
    ) -> bool:
        """Send one claimed delivery; False means stop this run (rate limited)."""
        delivery, user = claimed.delivery, claimed.user
        assert delivery.id is not None
        decision = self._decide(user, delivery, now)
        if decision is SendDecision.WAIT:
            waiting.append(delivery.id)
            return True
        async with self._sessions() as session:
            session.add_all([delivery, user])
            if decision is None or decision is SendDecision.SKIP:
                reason = "late" if decision is SendDecision.SKIP else "inactive"
                await self._finish(session, delivery, DeliveryStatus.SKIPPED, reason, stats)
                return True
            message = await render(UnitOfWork.joining(session), claimed.account, claimed.view, now)
            if message is None:
                await self._finish(session, delivery, DeliveryStatus.SKIPPED, "not needed", stats)
                return True
            return await self._send(session, user, delivery, message, now, stats, ledger)

    def _decide(self, user: User, delivery: Delivery, now: datetime) -> SendDecision | None:
        if user.status != UserStatus.ACTIVE or user.timezone is None:
            return None
        return send_decision(
            due_at=delivery.due_at,
            now=now,
            catch_up=self._catch_up,
            zone=user.timezone,
            quiet=quiet_hours_of(user),
        )

    async def _send(
        self,
        session: AsyncSession,
        user: User,
        delivery: Delivery,
        message: Outgoing,
        now: datetime,
        stats: DispatchStats,
        ledger: WireLedger,
    ) -> bool:
        marked = False

        async def on_the_wire() -> None:
            """Recorded once the limiter lets the message go, just before the request; once,
            though a retry after a 429 calls it again."""
            nonlocal marked
            if not marked:
                assert delivery.id is not None
                await ledger.going(delivery.id)
                marked = True

        async def send() -> Message:
            if message.photo is not None:
                photo = InputFile(message.photo, filename=f"bonecoach-{delivery.kind}.png")
                return await self._bot.send_photo(
                    user.chat_id, photo, caption=message.text, reply_markup=message.markup
                )
            return await self._bot.send_message(
                user.chat_id, message.text, reply_markup=message.markup
            )

        try:
            async with ledger.wire:
                result = await send_when_allowed(self._bot, on_the_wire, send)
        except ClaimLostError:
            log.warning("delivery %s belongs to another dispatcher now: not sent", delivery.id)
            return False  # this run lost the dispatch lock: stop it
        except RetryAfter:
            stats.rate_limited += 1
            delivery.status = DeliveryStatus.PENDING
            session.add(delivery)
            await session.commit()
            return False
        except Forbidden:
            await mark_blocked(UnitOfWork.joining(session), account_id=user.id or 0, now=now)
            await self._finish(session, delivery, DeliveryStatus.FAILED, "blocked", stats)
        except BadRequest as exc:
            if "chat not found" in str(exc).lower():
                await mark_blocked(UnitOfWork.joining(session), account_id=user.id or 0, now=now)
            log.warning("delivery %s rejected: %s", delivery.id, type(exc).__name__)
            await self._finish(session, delivery, DeliveryStatus.FAILED, "rejected", stats)
        except TimedOut:
            await self._finish(session, delivery, DeliveryStatus.UNCONFIRMED, "timeout", stats)
        except NetworkError:
            delivery.status = DeliveryStatus.PENDING
            session.add(delivery)
            await session.commit()
            return False
        else:
            assert delivery.id is not None
            ledger.sent(SentRecord(delivery.id, result.message_id, now))
        return True

    async def _finish(
        self,
        session: AsyncSession,
        delivery: Delivery,
        status: str,
        reason: str | None,
        stats: DispatchStats,
    ) -> None:
        delivery.status = status
        if reason is not None and delivery.outcome is None:
            delivery.outcome = reason
        session.add(delivery)
        await session.commit()
        if status == DeliveryStatus.SKIPPED:
            stats.skipped += 1
        else:
            stats.failed += 1
        if reason:
            stats.outcomes[reason] = stats.outcomes.get(reason, 0) + 1
