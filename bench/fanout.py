"""Benchmark: a fan-out of N users due at once, through the real bot in its own process.

1. Limits on: the emulator enforces Telegram's limits (30 messages/s in all, 1/s per chat)
   and the bot runs with its default SEND_RATE_PER_SECOND. Goal: the achieved rate is at
   least 95 % of the configured one, no 429 is caused by us, every user gets exactly one
   prompt.
2. Limits lifted: the dispatcher's rate against plain `send_message` calls in a loop
   (bench/raw_sender.py, also its own process). Goal: at least 0.8.

The emulator runs in this driver process; the bot runs as `python -m bot.cli run`.

Run:  .venv/bin/python bench/fanout.py [--users 10000] [--sqlite] [--skip-limited]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from bench_users import (
    Database,
    Profile,
    log_problems,
    markdown_table,
    migrate,
    postgres_database,
    rows,
    seed_users,
    sqlite_database,
    start_bot,
    telegram_id,
    utc_now,
)

from bot.sandbox.emulator import BotApiEmulator, ChatEvent
from bot.settings import Settings

ZONE = "UTC"


@dataclass(frozen=True)
class FanOut:
    """What one fan-out run did."""

    users: int
    seconds: float  # first prompt to last prompt
    configured_rate: float | None
    too_many: int  # 429 answers
    doubled: int  # chats with more than one prompt
    missing: int  # chats without a prompt
    not_sent: int  # deliveries whose status is not "sent"
    log_problems: int

    @property
    def rate(self) -> float:
        """Prompts per second after the first one."""
        return (self.users - 1) / self.seconds if self.seconds > 0 else 0.0


def due_now_profile(now: datetime) -> Profile:
    """Training prompt a minute ago (due at once), the check-in twelve hours away."""
    training = (now - timedelta(minutes=1)).time().replace(second=0, microsecond=0)
    nutrition = (now + timedelta(hours=12)).time().replace(second=0, microsecond=0)
    weekday = (now.weekday() + 3) % 7  # no weekly summary today
    return Profile(zone=ZONE, training=training, nutrition=nutrition, summary_weekday=weekday)


@asynccontextmanager
async def fresh_database(sqlite: bool, folder: Path) -> AsyncIterator[Database]:
    """A new, migrated database for one run."""
    if sqlite:
        database = sqlite_database(folder / f"fanout-{time.monotonic_ns()}.db")
        await migrate(database)
        yield database
        return
    async with postgres_database("bench_fanout") as database:
        await migrate(database)
        yield database


async def run_fanout(users: int, *, limited: bool, database: Database, folder: Path) -> FanOut:
    """Seed `users` users due now, start the bot, wait until every prompt is out."""
    now = utc_now()
    ids = await seed_users(
        database,
        [due_now_profile(now)] * users,
        now=now,
        schedule_after=now - timedelta(minutes=2),
    )
    configured = Settings().send_rate_per_second if limited else None
    emulator_limits: AbstractAsyncContextManager[BotApiEmulator] = BotApiEmulator(
        rate_limits=limited
    )
    arrivals: list[float] = []
    per_chat: Counter[int] = Counter()

    def on_event(event: ChatEvent) -> None:
        if event.kind == "bot_message":
            arrivals.append(time.perf_counter())
            per_chat[event.chat_id] += 1

    async with emulator_limits as emulator:
        for chat in ids:
            emulator.add_chat(chat)
        emulator.subscribe(on_event)
        env = {"SCHEDULER_TICK_SECONDS": "2", "LOG_LEVEL": "WARNING"}
        if not limited:
            env["SEND_RATE_PER_SECOND"] = "10000"
        log = folder / f"bot-{'limited' if limited else 'open'}.log"
        bot = await start_bot(emulator, database.url, log, env=env)
        try:
            await emulator.wait_for(
                lambda: len(arrivals) >= users, timeout=users / (configured or 200) * 2 + 120
            )
            await asyncio.sleep(3)  # a tick or two more: nothing else may arrive
        finally:
            await bot.stop()
        too_many = sum(1 for call in emulator.rejected if call.error_code == 429)
    statuses = await rows(database, "SELECT status, count(*) FROM delivery GROUP BY status")
    not_sent = sum(count for status, count in statuses if status != "sent")
    return FanOut(
        users=users,
        seconds=arrivals[users - 1] - arrivals[0],
        configured_rate=configured,
        too_many=too_many,
        doubled=sum(1 for chat in ids if per_chat[chat] > 1),
        missing=sum(1 for chat in ids if per_chat[chat] == 0),
        not_sent=not_sent,
        log_problems=log_problems(log),
    )


async def raw_loop_seconds(users: int, *, plain: bool = False) -> float:
    """Seconds for `users` send_message calls in a loop, in their own process."""
    async with BotApiEmulator(rate_limits=False) as emulator:
        first = telegram_id(1)
        for chat in range(first, first + users):
            emulator.add_chat(chat)
        env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": emulator.token,
            "TELEGRAM_API_URL": emulator.base_url,
            "NO_PROXY": "127.0.0.1,localhost",
        }
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            str(Path(__file__).with_name("raw_sender.py")),
            str(first),
            str(users),
            *(["--plain"] if plain else []),
            env=env,
            stdout=asyncio.subprocess.PIPE,
        )
        out, _ = await process.communicate()
        assert process.returncode == 0, "the raw sender failed"
        assert len(emulator.rejected) == 0
        return float(out.decode().strip())


def verdict(ok: bool) -> str:
    """A goal's outcome."""
    return "met" if ok else "NOT met"


def correctness(run: FanOut) -> str:
    """Exactly one each, all recorded, no errors in the bot's log."""
    return (
        f"{run.doubled} doubled, {run.missing} missing, {run.not_sent} not 'sent', "
        f"{run.log_problems} log errors"
    )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--sqlite", action="store_true", help="SQLite instead of PostgreSQL")
    parser.add_argument("--skip-limited", action="store_true", help="only the lifted-limit run")
    args = parser.parse_args()
    db_name = "SQLite" if args.sqlite else "PostgreSQL"
    with tempfile.TemporaryDirectory(prefix="bench-fanout-") as tmp:
        folder = Path(tmp)
        table = []
        if not args.skip_limited:
            async with fresh_database(args.sqlite, folder) as database:
                limited = await run_fanout(
                    args.users, limited=True, database=database, folder=folder
                )
            configured = limited.configured_rate or 0.0
            share = limited.rate / configured
            table.append(
                (
                    f"limits on ({db_name})",
                    f"{limited.rate:.1f}/s of {configured:g}/s configured = {share:.1%}",
                    f"{limited.too_many} × 429",
                    correctness(limited),
                    verdict(share >= 0.95 and limited.too_many == 0 and _exact(limited)),
                )
            )
        async with fresh_database(args.sqlite, folder) as database:
            lifted = await run_fanout(args.users, limited=False, database=database, folder=folder)
        raw_rate = args.users / await raw_loop_seconds(args.users)
        plain_rate = args.users / await raw_loop_seconds(args.users, plain=True)
        for baseline, rate in (("app's ExtBot", raw_rate), ("bare Bot", plain_rate)):
            ratio = lifted.rate / rate
            table.append(
                (
                    f"limits lifted ({db_name}), loop on {baseline}",
                    f"dispatcher {lifted.rate:.0f}/s vs loop {rate:.0f}/s = {ratio:.2f}",
                    f"{lifted.too_many} × 429",
                    correctness(lifted),
                    verdict(ratio >= 0.8 and _exact(lifted)),
                )
            )
    print(f"fan-out of {args.users:,} users due at once")
    print(markdown_table(("run", "rate", "429s", "exactly once", "goal"), table))


def _exact(run: FanOut) -> bool:
    return run.doubled == 0 and run.missing == 0 and run.not_sent == 0 and run.log_problems == 0


if __name__ == "__main__":
    asyncio.run(main())
