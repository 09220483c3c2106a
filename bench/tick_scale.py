"""Benchmark: time to plan and claim due deliveries as the user table grows (PostgreSQL).

Seeds N active users with schedule rows, 1 % of them due now, then times one planning pass
plus one claim batch. The design claim: a tick costs O(due rows), not O(all users).

Run:  .venv/bin/python bench/tick_scale.py --users 10000 100000 [--dsn postgresql://...]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
import uuid
from datetime import UTC, datetime, timedelta

import asyncpg

from bot.db.delivery_queries import claim_due
from bot.db.engine import create_engine, create_session_factory
from bot.db.migrate import upgrade
from bot.scheduling.planner import plan_due

NOW = datetime(2026, 3, 2, 7, 30, tzinfo=UTC)


async def seed(dsn: str, users: int, due_share: float) -> None:
    """Insert users and their schedule rows with COPY (fast), `due_share` of them due now."""
    connection = await asyncpg.connect(dsn)
    try:
        await connection.execute("TRUNCATE bc_user RESTART IDENTITY CASCADE")
        rows = [
            (
                i,
                i,
                "active",
                NOW,
                NOW,
                NOW,
                "UTC",
                datetime(2000, 1, 1, 7, 30).time(),
                datetime(2000, 1, 1, 20, 0).time(),
                0b0010101,
                82.0,
                "kg",
                "50-59",
                "no",
                "si",
                False,
                6,
            )
            for i in range(1, users + 1)
        ]
        await connection.copy_records_to_table(
            "bc_user",
            records=rows,
            columns=[
                "telegram_id",
                "chat_id",
                "status",
                "consented_at",
                "created_at",
                "updated_at",
                "timezone",
                "training_time",
                "nutrition_time",
                "training_days_mask",
                "weight_kg",
                "weight_unit",
                "age_band",
                "anastrozole_use",
                "lab_units",
                "anastrozole_since_approx",
                "summary_weekday",
            ],
        )
        due_every = max(int(1 / due_share), 1)
        schedule = [
            (
                i,
                "training",
                NOW.date() if i % due_every == 0 else (NOW + timedelta(days=1)).date(),
                NOW if i % due_every == 0 else NOW + timedelta(days=1),
            )
            for i in range(1, users + 1)
        ]
        await connection.copy_records_to_table(
            "schedule", records=schedule, columns=["user_id", "kind", "local_day", "next_due_at"]
        )
        await connection.execute("ANALYZE")
    finally:
        await connection.close()


async def measure(url: str, tick_plan: int, ticks: int) -> tuple[list[float], float, int]:
    """Seconds of DB work for each of `ticks` ticks (plan `tick_plan` rows, claim 200), then
    seconds to plan everything still due; returns (tick times, rest seconds, rows planned)."""
    engine = create_engine(url)
    sessions = create_session_factory(engine)
    tick_times: list[float] = []
    try:
        planned = await plan_due(sessions, now=NOW, limit=10)  # warm-up: connect, prepare
        for _ in range(ticks):
            started = time.perf_counter()
            planned += await plan_due(sessions, now=NOW, limit=tick_plan)
            async with sessions() as session:
                await claim_due(session, now=NOW, limit=200)
                await session.rollback()
            tick_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        rest = await plan_due(sessions, now=NOW)
        rest_s = time.perf_counter() - started
    finally:
        await engine.dispose()
    return tick_times, rest_s / max(rest, 1), planned + rest


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--dsn", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--due-share", type=float, default=0.01)
    # What one 30 s tick can send at 28 messages/s: a tick plans no more than that.
    parser.add_argument("--tick-plan", type=int, default=840)
    parser.add_argument("--ticks", type=int, default=5)
    args = parser.parse_args()
    name = f"bonecoach_bench_{uuid.uuid4().hex[:6]}"
    admin = await asyncpg.connect(args.dsn)
    await admin.execute(f'CREATE DATABASE "{name}"')
    base = args.dsn.rsplit("/", 1)[0]
    dsn = f"{base}/{name}"
    url = dsn.replace("postgresql://", "postgresql+asyncpg://")
    try:
        engine = create_engine(url)
        await upgrade(engine)
        await engine.dispose()
        print(f"tick = plan {args.tick_plan} due rows + claim 200, {args.ticks} ticks")
        print("| users | due | tick median | tick max | plan per due row (rest) |")
        print("|---|---|---|---|---|")
        for users in args.users:
            await seed(dsn, users, args.due_share)
            ticks, per_row_s, planned = await measure(url, args.tick_plan, args.ticks)
            print(
                f"| {users:,} | {planned:,} | {statistics.median(ticks) * 1000:.0f} ms "
                f"| {max(ticks) * 1000:.0f} ms | {per_row_s * 1000:.3f} ms |"
            )
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


if __name__ == "__main__":
    asyncio.run(main())
