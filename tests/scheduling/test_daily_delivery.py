"""The tick over simulated days: prompts at local time, once each, across DST and outages."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from seed import add_user
from sqlalchemy import text
from sqlmodel import select

from bot.db.engine import SessionFactory
from bot.db.models import Delivery, DeliveryStatus, UserStatus
from bot.sandbox.emulator import BotApiEmulator
from bot.scheduling.clock import FixedClock
from bot.scheduling.dispatcher import Dispatcher
from bot.services import status
from bot.services.accounts import account_of
from bot.services.unit_of_work import UnitOfWork

TICK = timedelta(minutes=15)


async def run_ticks(
    dispatcher: Dispatcher, clock: FixedClock, start: datetime, end: datetime
) -> None:
    """Tick every 15 simulated minutes from start to end, moving the clock along."""
    clock.set(start)
    while clock.now() <= end:
        await dispatcher.run(clock.now())
        clock.advance(TICK)


async def run_at(dispatcher: Dispatcher, clock: FixedClock, at: datetime) -> None:
    """One tick at `at`."""
    clock.set(at)
    await dispatcher.run(at)


async def deliveries(sessions: SessionFactory) -> list[Delivery]:
    """Every delivery row."""
    async with sessions() as session:
        return list((await session.exec(select(Delivery))).all())


async def test_prompts_arrive_daily_at_local_time_once_each(
    sessions: SessionFactory,
    emulator: BotApiEmulator,
    dispatcher: Dispatcher,
    start: datetime,
    fixed_clock: FixedClock,
) -> None:
    """Over a week every user gets one training prompt and one check-in per local day."""
    await add_user(sessions, emulator, telegram_id=1, zone="Europe/Berlin", now=start)
    await add_user(sessions, emulator, telegram_id=2, zone="America/New_York", now=start)
    await run_ticks(dispatcher, fixed_clock, start, start + timedelta(days=7))
    rows = [d for d in await deliveries(sessions) if d.kind in ("training", "nutrition")]
    per_day = Counter((d.user_id, d.kind, d.local_day) for d in rows)
    assert set(per_day.values()) == {1}
    for d in rows:
        assert d.status == DeliveryStatus.SENT
        assert d.sent_at is not None and timedelta(0) <= d.sent_at - d.due_at < TICK
    berlin = [d for d in rows if d.user_id == 1 and d.kind == "training"]
    assert {d.due_at.astimezone(ZoneInfo("Europe/Berlin")).time() for d in berlin} == {time(7, 30)}
    texts = [m.plain_text or "" for m in emulator.bot_messages(1)]
    assert sum("Evening check-in" in t for t in texts) == 7
    assert emulator.rejected == []


@pytest.mark.parametrize(
    ("zone", "first_day", "at"),
    [
        ("Europe/Berlin", datetime(2026, 3, 27, tzinfo=UTC), time(2, 30)),  # spring forward 29th
        ("Europe/Berlin", datetime(2026, 10, 23, tzinfo=UTC), time(2, 30)),  # fall back 25th
        ("America/New_York", datetime(2026, 3, 6, tzinfo=UTC), time(2, 15)),
        ("America/New_York", datetime(2026, 10, 30, tzinfo=UTC), time(1, 30)),
    ],
)
async def test_dst_days_fire_once_and_gap_times_move_forward(
    sessions: SessionFactory,
    emulator: BotApiEmulator,
    dispatcher: Dispatcher,
    fixed_clock: FixedClock,
    zone: str,
    first_day: datetime,
    at: time,
) -> None:
    """On DST change days a prompt in the gap moves forward and one in the overlap fires once."""
    await add_user(sessions, emulator, telegram_id=3, zone=zone, training=at, now=first_day)
    await run_ticks(dispatcher, fixed_clock, first_day, first_day + timedelta(days=5))
    rows = [d for d in await deliveries(sessions) if d.kind == "training"]
    assert len(rows) == len({d.local_day for d in rows}) >= 4
    for d in rows:
        local = d.due_at.astimezone(ZoneInfo(zone))
        assert local.date() == d.local_day
        assert local.time() >= at  # the same wall time, or later when it fell in the gap
        assert d.status == DeliveryStatus.SENT


async def test_outage_shorter_than_catch_up_still_sends(
    sessions: SessionFactory,
    emulator: BotApiEmulator,
    dispatcher: Dispatcher,
    start: datetime,
    fixed_clock: FixedClock,
) -> None:
    """A prompt missed by two hours of downtime is sent late, once."""
    await add_user(sessions, emulator, telegram_id=4, zone="UTC", training=time(7, 0), now=start)
    await run_at(dispatcher, fixed_clock, datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    training = [d for d in await deliveries(sessions) if d.kind == "training"]
    assert [d.status for d in training] == [DeliveryStatus.SENT]


async def test_outage_longer_than_catch_up_skips_and_marks(
    sessions: SessionFactory,
    emulator: BotApiEmulator,
    dispatcher: Dispatcher,
    start: datetime,
    fixed_clock: FixedClock,
) -> None:
    """After four hours down, the morning prompt is skipped and marked late, not sent."""
    await add_user(sessions, emulator, telegram_id=5, zone="UTC", training=time(7, 0), now=start)
    await run_at(dispatcher, fixed_clock, datetime(2026, 3, 2, 11, 30, tzinfo=UTC))
    training = [d for d in await deliveries(sessions) if d.kind == "training"]
    assert [(d.status, d.outcome) for d in training] == [(DeliveryStatus.SKIPPED, "late")]
    assert emulator.bot_messages(5) == []


async def test_days_long_outage_plans_a_bounded_backlog(
    sessions: SessionFactory,
    emulator: BotApiEmulator,
    dispatcher: Dispatcher,
    start: datetime,
    fixed_clock: FixedClock,
) -> None:
    """After a week down, old days are not planned one by one; only today's prompt goes out."""
    await add_user(sessions, emulator, telegram_id=6, zone="UTC", training=time(7, 0), now=start)
    await run_at(dispatcher, fixed_clock, datetime(2026, 3, 9, 7, 30, tzinfo=UTC))
    training = [d for d in await deliveries(sessions) if d.kind == "training"]
    assert len(training) <= 4
    assert [d.local_day.day for d in training if d.status == DeliveryStatus.SENT] == [9]


@pytest.mark.parametrize(
    ("quiet_end", "expected"),
    [(time(23, 0), DeliveryStatus.SENT), (time(7, 0), DeliveryStatus.SKIPPED)],
)
async def test_quiet_hours_hold_a_late_prompt_until_they_end(
    sessions: SessionFactory,
    emulator: BotApiEmulator,
    dispatcher: Dispatcher,
    start: datetime,
    fixed_clock: FixedClock,
    quiet_end: time,
    expected: str,
) -> None:
    """A late prompt never lands in quiet hours: it goes when they end if still in time."""
    await add_user(
        sessions,
        emulator,
        telegram_id=7,
        zone="UTC",
        nutrition=time(21, 30),
        quiet=(time(22, 0), quiet_end),
        now=start,
    )
    await run_at(dispatcher, fixed_clock, datetime(2026, 3, 2, 22, 10, tzinfo=UTC))
    assert not any("Evening check-in" in (m.plain_text or "") for m in emulator.bot_messages(7))
    await run_at(dispatcher, fixed_clock, datetime(2026, 3, 2, 23, 0, tzinfo=UTC))
    nutrition = [d for d in await deliveries(sessions) if d.kind == "nutrition"]
    assert nutrition[0].status == expected
    sent = any("Evening check-in" in (m.plain_text or "") for m in emulator.bot_messages(7))
    assert sent == (expected == DeliveryStatus.SENT)


async def test_paused_and_stopped_users_get_nothing(
    sessions: SessionFactory,
    emulator: BotApiEmulator,
    dispatcher: Dispatcher,
    start: datetime,
    fixed_clock: FixedClock,
) -> None:
    """No prompts while paused or stopped; prompts resume the day after /resume."""
    user = await add_user(sessions, emulator, telegram_id=8, zone="UTC", now=start)
    async with sessions() as session:
        paused = await session.get(type(user), user.id)
        assert paused is not None
        await status.pause(
            UnitOfWork.joining(session), account=account_of(paused), until=None, now=start
        )
    await run_ticks(dispatcher, fixed_clock, start, start + timedelta(days=2))
    assert emulator.bot_messages(8) == []
    async with sessions() as session:
        fresh = await session.get(type(user), user.id)
        assert fresh is not None and fresh.status == UserStatus.PAUSED
        await status.resume(
            UnitOfWork.joining(session), account=account_of(fresh), now=start + timedelta(days=2)
        )
    await run_ticks(dispatcher, fixed_clock, start + timedelta(days=2), start + timedelta(days=3))
    assert any("Evening check-in" in (m.plain_text or "") for m in emulator.bot_messages(8))


async def test_the_due_query_uses_the_index(sessions: SessionFactory, start: datetime) -> None:
    """The tick's scan of schedules can use the next_due_at index (cost grows with due rows)."""
    query = "SELECT * FROM schedule WHERE next_due_at <= :now"
    async with sessions() as session:
        if session.get_bind().dialect.name == "sqlite":
            query = f"EXPLAIN QUERY PLAN {query}"
        else:  # on an almost empty table PostgreSQL prefers a scan unless told otherwise
            await session.exec(text("SET LOCAL enable_seqscan = off"))  # type: ignore[call-overload]
            query = f"EXPLAIN {query}"
        plan = await session.exec(text(query), params={"now": start})  # type: ignore[call-overload]
        detail = " ".join(str(row[-1]) for row in plan.all())
    assert "ix_schedule_next_due_at" in detail
