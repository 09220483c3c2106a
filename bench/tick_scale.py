"""Benchmark: time to plan and claim due deliveries as the user table grows (PostgreSQL).

Seeds N active users with schedule rows, 1 % of them due now, then times the dispatcher's
step (plan one batch of 200 due rows, claim 200: what it does between sends), one tick's
whole planning at once, and the cost per due row. The design claim: a tick
costs O(due rows it handles), not O(all users).

Run:  .venv/bin/python bench/tick_scale.py --users 10000 100000 [--dsn postgresql://...]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import asyncpg

from bot.db.delivery_queries import claim_due
from bot.db.engine import create_engine, create_session_factory
from bot.db.migrate import upgrade
from bot.scheduling.planner import plan_due

NOW = datetime(2026, 3, 2, 7, 30, tzinfo=UTC)
STEP = 200  # the dispatcher's batch
RUN = "tick-scale-benchmark"  # the claims' owner


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


@dataclass(frozen=True)
class TickCost:
    """What the database work of the tick costs at one size."""

    steps: list[float]  # seconds for each step: plan one batch, claim one batch
    tick_plan: float  # seconds to plan what one tick may send (planned in one go)
    per_row: float  # seconds per due row in the tick's whole planning
    planned: int


async def measure(url: str, steps: int, tick_plan: int) -> TickCost:
    """Time the dispatcher's steps (plan STEP rows, claim STEP rows, as it does between
    sends), then one tick's whole planning at once; then plan the rest (untimed)."""
    engine = create_engine(url)
    sessions = create_session_factory(engine)
    step_times: list[float] = []
    try:
        planned = await plan_due(sessions, now=NOW, limit=10)  # warm-up: connect, prepare
        for _ in range(steps):
            started = time.perf_counter()
            planned += await plan_due(sessions, now=NOW, limit=STEP)
            async with sessions() as session:
                await claim_due(session, now=NOW, limit=STEP, token=RUN)
                await session.commit()
            step_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        in_tick = await plan_due(sessions, now=NOW, limit=tick_plan)
        tick_s = time.perf_counter() - started
        planned += in_tick + await plan_due(sessions, now=NOW)
    finally:
        await engine.dispose()
    return TickCost(step_times, tick_s, tick_s / max(in_tick, 1), planned)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--dsn", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--due-share", type=float, default=0.01)
    # bot.app.plan_per_tick with the default settings (28/s, 30 s ticks).
    parser.add_argument("--tick-plan", type=int, default=1008)
    parser.add_argument("--steps", type=int, default=3)
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
        print(
            f"step = plan {STEP} due rows + claim {STEP} (the dispatcher's work between "
            f"sends), {args.steps} steps; tick plan = {args.tick_plan} rows in one go"
        )
        print("| users | due | step median | step max | tick plan | plan per due row |")
        print("|---|---|---|---|---|---|")
        for users in args.users:
            await seed(dsn, users, args.due_share)
            cost = await measure(url, args.steps, args.tick_plan)
            print(
                f"| {users:,} | {cost.planned:,} "
                f"| {statistics.median(cost.steps) * 1000:.0f} ms "
                f"| {max(cost.steps) * 1000:.0f} ms | {cost.tick_plan * 1000:.0f} ms "
                f"| {cost.per_row * 1000:.3f} ms |"
            )
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


if __name__ == "__main__":
    asyncio.run(main())
