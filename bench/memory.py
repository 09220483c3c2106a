"""Benchmark: resident memory of one bot process with 100,000 users and a day of deliveries.

What it measures. It seeds N onboarded, active users (default 100,000) spread over 21 time
zones, with training times from 06:00 to 20:45 and check-ins from 19:00 to 21:45 local, their
schedule rows, and the last 24 hours of training, check-in and follow-up deliveries as sent.
The schedule rows point at what was next an hour ago, so everything due in the last hour
(a few percent of the users, of every kind: prompts, check-ins, follow-ups, lab reminders,
weekly summaries with a chart) is due when the bot starts. Then one bot process
(`python -m bot.cli run`) runs against the in-process Bot API emulator with
SCHEDULER_TICK_SECONDS=1 and SEND_RATE_PER_SECOND=1000 (emulator rate limits off), so its
ticker plans and sends through that backlog for the whole run, while a few hundred users
type `/log calcium 1200mg` check-ins at a steady rate. VmRSS and VmHWM of the bot process
are read from /proc/<pid>/status every second.

Reported: RSS once the bot polls (after start-up), peak RSS (VmHWM), RSS at the end, RSS
every 10 s, the messages the bot sent during the run (check-in replies included) and the
deliveries that went out, per kind. Checked: every check-in stored exactly once, no Bot API
call rejected. The bot's log is left in $TMPDIR/bench_memory_bot.log.

Goal (issue): under 200 MB.

Run:  .venv/bin/python bench/memory.py [--users 100000] [--seconds 60] [--sqlite]
      [--checkin-users 300] [--checkin-rate 10] [--dsn postgresql://postgres@...:5432/test]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from bench_users import (
    ADMIN_DSN,
    Database,
    Profile,
    fresh_log,
    log_problems,
    markdown_table,
    migrate,
    postgres_database,
    rows,
    scalar,
    seed_users,
    sent_delivery_rows,
    sqlite_database,
    start_bot,
    utc_now,
)

from bot.db.models import DeliveryKind
from bot.sandbox.emulator import BotApiEmulator, ChatEvent

GOAL_MB = 200.0
BACKLOG = timedelta(hours=1)  # the schedule rows are as they were this long ago
CHECKIN = "/log calcium 1200mg"
BOT_ENV = {"SCHEDULER_TICK_SECONDS": "1", "SEND_RATE_PER_SECOND": "1000", "LOG_LEVEL": "INFO"}
ZONES = (
    "Pacific/Honolulu",
    "America/Anchorage",
    "America/Los_Angeles",
    "America/Denver",
    "America/Chicago",
    "America/New_York",
    "America/Sao_Paulo",
    "Atlantic/Azores",
    "Europe/London",
    "Europe/Berlin",
    "Europe/Athens",
    "Europe/Moscow",
    "Asia/Dubai",
    "Asia/Karachi",
    "Asia/Kolkata",
    "Asia/Dhaka",
    "Asia/Bangkok",
    "Asia/Shanghai",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Pacific/Auckland",
)
DAY_MASKS = (0b0010101, 0b1010101, 0b0101010)  # Mon/Wed/Fri, + Sun, Tue/Thu/Sat
YESTERDAY_KINDS = frozenset({DeliveryKind.TRAINING, DeliveryKind.NUTRITION, DeliveryKind.FOLLOWUP})


@dataclass
class MemorySamples:
    """Once-a-second readings of the bot's memory, in kB."""

    rss: list[int] = field(default_factory=list)
    hwm: int = 0

    @property
    def peak(self) -> int:
        """The highest resident size, sampled or as the kernel saw it (VmHWM)."""
        return max([self.hwm, *self.rss])


@dataclass
class RunStats:
    """What happened during the run."""

    database: str
    users: int
    seconds: float
    rss_ready_kb: int
    samples: MemorySamples
    bot_messages: int
    deliveries_by_kind: dict[str, int]
    on_the_wire: int  # sent, but still marked "sending" when the bot was stopped
    checkins: int
    log_problems: int
    log_path: Path


def profile_of(user_id: int) -> Profile:
    """User n's zone and times: spread so that every hour of UTC has some of everything."""
    zone = ZONES[user_id % len(ZONES)]
    training_step = (user_id // len(ZONES)) % 60  # 06:00 .. 20:45
    nutrition_step = (user_id // (len(ZONES) * 60)) % 12  # 19:00 .. 21:45
    training = datetime(2000, 1, 1, 6) + timedelta(minutes=15 * training_step)
    nutrition = datetime(2000, 1, 1, 19) + timedelta(minutes=15 * nutrition_step)
    return Profile(
        zone=zone,
        training=training.time(),
        nutrition=nutrition.time(),
        days_mask=DAY_MASKS[user_id % len(DAY_MASKS)],
    )


def read_memory(pid: int) -> tuple[int, int]:
    """(VmRSS, VmHWM) of a process in kB, from /proc/<pid>/status."""
    values = {"VmRSS:": 0, "VmHWM:": 0}
    with Path(f"/proc/{pid}/status").open() as status:
        for line in status:
            name, _, rest = line.partition("\t")
            if name in values:
                values[name] = int(rest.split()[0])
    return values["VmRSS:"], values["VmHWM:"]


async def sample_memory(pid: int, samples: MemorySamples, stop: asyncio.Event) -> None:
    """Read the bot's memory every second until stop is set."""
    while not stop.is_set():
        try:
            rss, hwm = read_memory(pid)
        except (FileNotFoundError, ProcessLookupError):
            return
        samples.rss.append(rss)
        samples.hwm = max(samples.hwm, hwm)
        try:
            await asyncio.wait_for(stop.wait(), 1.0)
        except TimeoutError:
            continue


async def send_checkins(
    emulator: BotApiEmulator, chat_ids: list[int], rate: float, stop: asyncio.Event
) -> int:
    """Open loop: `rate` check-ins a second, round-robin over the users; returns how many."""
    sent = 0
    loop = asyncio.get_running_loop()
    started = loop.time()
    while not stop.is_set():
        emulator.user_sends(chat_ids[sent % len(chat_ids)], CHECKIN)
        sent += 1
        delay = started + sent / rate - loop.time()
        if delay > 0:
            try:
                await asyncio.wait_for(stop.wait(), delay)
            except TimeoutError:
                continue
    return sent


async def seed(database: Database, users: int, now: datetime) -> list[int]:
    """Migrate, then seed the users, schedules and yesterday's deliveries; returns chat ids."""
    await migrate(database)
    after = now - BACKLOG

    def yesterday(user_id: int, profile: Profile) -> list[dict[str, Any]]:
        return sent_delivery_rows(
            user_id, profile, after - timedelta(days=1), after, YESTERDAY_KINDS
        )

    profiles = [profile_of(n) for n in range(1, users + 1)]
    return await seed_users(
        database, profiles, now=now, schedule_after=after, extra_deliveries=yesterday
    )


async def wait_for_checkins(database: Database, expected: int, patience: float) -> int:
    """Poll until `expected` typed check-ins are stored, or none was added for `patience`
    seconds; returns how many are stored."""
    loop = asyncio.get_running_loop()
    stored, last_progress = -1, loop.time()
    while True:
        now_stored = int(
            await scalar(
                database, "SELECT count(*) FROM nutrition_entry WHERE source_key LIKE 'm:%'"
            )
        )
        if now_stored != stored:
            stored, last_progress = now_stored, loop.time()
        if stored >= expected or loop.time() - last_progress > patience:
            return stored
        await asyncio.sleep(0.5)


class MessageCounter:
    """Counts the bot's messages in the emulator (an emulator listener)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, event: ChatEvent) -> None:
        if event.kind == "bot_message":
            self.count += 1


async def load_and_sample(
    emulator: BotApiEmulator, pid: int, chat_ids: list[int], args: argparse.Namespace
) -> tuple[MemorySamples, int]:
    """Check-ins from a few hundred users for args.seconds while sampling the bot's memory;
    returns the samples and how many check-ins were sent."""
    samples = MemorySamples()
    step = max(len(chat_ids) // args.checkin_users, 1)
    checkin_chats = chat_ids[::step][: args.checkin_users]
    stop = asyncio.Event()
    sampler = asyncio.create_task(sample_memory(pid, samples, stop))
    sender = asyncio.create_task(send_checkins(emulator, checkin_chats, args.checkin_rate, stop))
    await asyncio.sleep(args.seconds)
    stop.set()
    checkins = await sender
    await sampler
    return samples, checkins


async def run(database: Database, args: argparse.Namespace) -> RunStats:
    """Seed, start the bot, load it for args.seconds while sampling memory, stop, verify."""
    started_seed = time.perf_counter()
    chat_ids = await seed(database, args.users, utc_now())
    print(f"seeded {args.users:,} users in {time.perf_counter() - started_seed:.0f} s", flush=True)
    messages = MessageCounter()
    log_path = fresh_log("bench_memory_bot")
    async with BotApiEmulator(rate_limits=False) as emulator:
        for chat_id in chat_ids:
            emulator.add_chat(chat_id)
        bot = await start_bot(emulator, database.url, log_path, env=BOT_ENV)
        try:
            assert bot.pid is not None
            run_start = utc_now()
            rss_ready = read_memory(bot.pid)[0]
            emulator.subscribe(messages)
            samples, checkins = await load_and_sample(emulator, bot.pid, chat_ids, args)
            stored = await wait_for_checkins(database, checkins, patience=15.0)
            rss_end, hwm_end = read_memory(bot.pid)
            samples.rss.append(rss_end)
            samples.hwm = max(samples.hwm, hwm_end)
        finally:
            await bot.stop()
        rejected = len(emulator.rejected)
    by_kind, on_the_wire = await sent_by_kind(database, since=run_start - timedelta(seconds=5))
    await verify(database, checkins, stored, rejected)
    return RunStats(
        database="PostgreSQL" if database.is_postgres else "SQLite",
        users=args.users,
        seconds=args.seconds,
        rss_ready_kb=rss_ready,
        samples=samples,
        bot_messages=messages.count,
        deliveries_by_kind=by_kind,
        on_the_wire=on_the_wire,
        checkins=checkins,
        log_problems=log_problems(log_path),
        log_path=log_path,
    )


async def sent_by_kind(database: Database, since: datetime) -> tuple[dict[str, int], int]:
    """Deliveries planned since `since` that went out, per kind (sent, or still marked
    "sending" when the bot stopped), and how many of them were still "sending"."""
    found = await rows(
        database,
        "SELECT kind, status, count(*) FROM delivery WHERE created_at >= :since "
        "AND status IN ('sent', 'sending', 'unconfirmed') GROUP BY kind, status ORDER BY kind",
        since=since,
    )
    by_kind: dict[str, int] = {}
    for kind, _status, count in found:
        by_kind[str(kind)] = by_kind.get(str(kind), 0) + int(count)
    on_the_wire = sum(int(count) for _kind, status, count in found if status != "sent")
    return by_kind, on_the_wire


async def verify(database: Database, checkins: int, stored: int, rejected: int) -> None:
    """Every check-in stored exactly once; no Bot API call rejected."""
    if rejected:
        raise RuntimeError(f"the emulator rejected {rejected} call(s)")
    distinct = int(
        await scalar(
            database,
            "SELECT count(DISTINCT user_id || source_key) FROM nutrition_entry "
            "WHERE source_key LIKE 'm:%'",
        )
    )
    if stored != checkins or distinct != checkins:
        raise RuntimeError(f"{checkins} check-ins sent, {stored} stored ({distinct} distinct)")


def report(stats: RunStats, args: argparse.Namespace) -> str:
    """The markdown table and the verdict."""
    peak_mb = stats.samples.peak / 1024
    verdict = "met" if peak_mb < GOAL_MB else "MISSED"
    headers = [
        "users",
        "database",
        "run",
        "RSS after start-up",
        "peak RSS (VmHWM)",
        "RSS at end",
        "messages sent",
        "deliveries sent",
        "check-ins",
        "goal < 200 MB",
    ]
    row = [
        f"{stats.users:,}",
        stats.database,
        f"{stats.seconds:.0f} s",
        f"{stats.rss_ready_kb / 1024:.0f} MB",
        f"{peak_mb:.0f} MB",
        f"{stats.samples.rss[-1] / 1024:.0f} MB",
        f"{stats.bot_messages:,}",
        f"{sum(stats.deliveries_by_kind.values()):,}",
        f"{stats.checkins:,}",
        verdict,
    ]
    intro = (
        f"One bot process, SCHEDULER_TICK_SECONDS=1, SEND_RATE_PER_SECOND=1000, emulator rate "
        f"limits OFF; {args.checkin_users} users checking in ({args.checkin_rate:g}/s in all); "
        f"{len(stats.samples.rss)} RSS samples, 1 per second. {os.cpu_count()} cores."
    )
    kinds = ", ".join(f"{kind} {count:,}" for kind, count in stats.deliveries_by_kind.items())
    timeline = " → ".join(f"{kb / 1024:.0f}" for kb in stats.samples.rss[::10])
    notes = [
        f"Deliveries sent by kind: {kinds or 'none'} ({stats.on_the_wire:,} of them still "
        "marked 'sending' when the bot stopped: a tick was under way).",
        f"RSS every 10 s (MB): {timeline}.",
        f"Bot log ({stats.log_path}): {stats.log_problems} ERROR/Traceback line(s).",
    ]
    return f"{intro}\n\n{markdown_table(headers, [row])}\n\n" + "\n".join(notes)


@asynccontextmanager
async def database_for(args: argparse.Namespace, workdir: Path) -> AsyncIterator[Database]:
    """A fresh PostgreSQL database (dropped afterwards), or an SQLite file with --sqlite."""
    if args.sqlite:
        yield sqlite_database(workdir / "memory.db")
        return
    async with postgres_database("bench_memory", args.dsn) as database:
        yield database


async def main_async(args: argparse.Namespace) -> RunStats:
    """Everything in a temporary folder."""
    with tempfile.TemporaryDirectory(prefix="bench_memory_") as tmp:
        workdir = Path(tmp)
        async with database_for(args, workdir) as database:
            return await run(database, args)


def parse_args() -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=100_000, help="onboarded users to seed")
    parser.add_argument("--seconds", type=float, default=60.0, help="how long the bot runs")
    parser.add_argument("--sqlite", action="store_true", help="SQLite instead of PostgreSQL")
    parser.add_argument("--checkin-users", type=int, default=300, help="users who check in")
    parser.add_argument("--checkin-rate", type=float, default=10.0, help="check-ins per second")
    parser.add_argument("--dsn", default=ADMIN_DSN, help="PostgreSQL admin DSN")
    return parser.parse_args()


def main() -> None:
    """Run and print the table."""
    args = parse_args()
    stats = asyncio.run(main_async(args))
    print()
    print(report(stats, args))
    print("\nverified: every check-in stored once; no rejected Bot API call")


if __name__ == "__main__":
    main()
