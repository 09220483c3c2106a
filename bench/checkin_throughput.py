"""Benchmark: check-in throughput of the full bot against a bare python-telegram-bot echo bot.

What it measures. Simulated users (default 200) each type `/log calcium 1200mg` in a closed
loop: the next check-in only after the bot's reply to the previous one arrived. Three bots run
side by side, each in its own subprocess with its own Bot API emulator (the emulators run in
this process):

- bench/echo_bot.py, a bare PTB echo bot (no database): the baseline;
- the full bot (`python -m bot.cli run`) on a fresh SQLite file;
- the full bot on a fresh PostgreSQL database (created here and dropped afterwards).

After a warm-up, the bots take turns: in each of --rounds rounds (default 4) every bot answers
its share of the timed check-ins (default 2,400 per bot in all) while the others idle, so a
change in the machine's load hits all three alike. Reported per bot: answered check-ins per
second (first send to last reply, summed over the rounds), the range of the per-round rates,
the ratio to the echo bot, the latency of each check-in (user_sends to the reply reaching the
emulator: p50, p95, p99) and the bot process's CPU time per check-in (less sensitive to other
load on the machine than the rate).

The emulators' rate limits are off and the bot's own send limiter is raised
(SEND_RATE_PER_SECOND=10000), so the numbers are the bots' processing rate, not Telegram's
30 messages/s. Users are seeded as onboarded before each bot starts, in a time zone where
nothing is scheduled for hours, so every bot message is a check-in reply. Afterwards it checks
that every check-in was stored exactly once (nutrition_entry rows per user) and answered
exactly once, and that no emulator rejected a call.

Goal (issue): at least 0.8 of the echo bot's rate on SQLite, 0.7 on PostgreSQL.
With a closed loop the latency is mostly queueing: about users / rate (Little's law).
Bot logs are left in $TMPDIR/bench_checkin_*.log.

Run:  .venv/bin/python bench/checkin_throughput.py [--users 200] [--checkins 2400]
      [--rounds 4] [--warmup 2] [--skip-postgres]
      [--dsn postgresql://postgres@127.0.0.1:5432/test]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
from collections import Counter
from collections.abc import Awaitable
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from datetime import datetime
from datetime import time as wall_time
from pathlib import Path
from typing import TypeVar

from bench_users import (
    ADMIN_DSN,
    BENCH_DIR,
    Database,
    Profile,
    fresh_log,
    log_problems,
    markdown_table,
    migrate,
    percentile,
    postgres_database,
    rows,
    seed_users,
    sqlite_database,
    start_bot,
    telegram_id,
    utc_now,
)

from bot.sandbox.bot_process import BotProcess
from bot.sandbox.emulator import BotApiEmulator, ChatEvent

CHECKIN = "/log calcium 1200mg"
REPLY_TIMEOUT = 60.0
GOALS = {"SQLite": 0.8, "PostgreSQL": 0.7}
BOT_ENV = {"SEND_RATE_PER_SECOND": "10000", "LOG_LEVEL": "INFO"}
T = TypeVar("T")


@dataclass
class RunResult:
    """One bot's measured phase."""

    name: str
    database: str
    answered: int
    seconds: float
    latencies: list[float] = field(default_factory=list)
    cpu_seconds: float = 0.0  # the bot process's CPU time during the timed phase

    @property
    def rate(self) -> float:
        """Answered check-ins per second."""
        return self.answered / self.seconds if self.seconds else 0.0


class ClosedLoopUsers:
    """Users who each wait for the bot's answer before sending their next check-in."""

    def __init__(self, emulator: BotApiEmulator, chat_ids: list[int]) -> None:
        self._emulator = emulator
        self.chat_ids = chat_ids
        self._waiting: dict[int, asyncio.Future[float]] = {}
        self.sent: Counter[int] = Counter()
        self.unexpected = 0  # bot messages nobody waited for (must stay 0)
        emulator.subscribe(self._on_event)

    def _on_event(self, event: ChatEvent) -> None:
        if event.kind != "bot_message":
            return
        waiter = self._waiting.pop(event.chat_id, None)
        if waiter is None or waiter.done():
            self.unexpected += 1
            return
        waiter.set_result(time.perf_counter())

    async def check_in(self, chat_id: int) -> float:
        """Send one check-in and return the seconds until the bot's reply arrived."""
        waiter: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self._waiting[chat_id] = waiter
        started = time.perf_counter()
        self._emulator.user_sends(chat_id, CHECKIN)
        self.sent[chat_id] += 1
        try:
            answered = await asyncio.wait_for(waiter, REPLY_TIMEOUT)
        except TimeoutError:
            raise RuntimeError(f"no reply within {REPLY_TIMEOUT:.0f}s to chat {chat_id}") from None
        return answered - started

    async def _loop(self, chat_id: int, count: int, latencies: list[float]) -> None:
        for _ in range(count):
            latencies.append(await self.check_in(chat_id))

    async def run(self, per_user: int) -> tuple[float, list[float]]:
        """Every user sends per_user check-ins; returns (wall seconds, latencies)."""
        latencies: list[float] = []
        started = time.perf_counter()
        async with asyncio.TaskGroup() as group:
            for chat_id in self.chat_ids:
                group.create_task(self._loop(chat_id, per_user, latencies))
        return time.perf_counter() - started, latencies


def quiet_zone(now: datetime) -> str:
    """An Etc/GMT zone where it is about 02:00 now: nothing is due for hours (see profile)."""
    offset = (2 - now.hour) % 24
    if offset > 14:
        offset -= 24
    # POSIX sign: Etc/GMT-3 is UTC+3.
    return "Etc/GMT" if offset == 0 else f"Etc/GMT{-offset:+d}"


def profile(now: datetime) -> Profile:
    """Training 07:30, check-in 20:00 (follow-up 19:00, labs 12:00): hours away from 02:xx."""
    return Profile(zone=quiet_zone(now), training=wall_time(7, 30), nutrition=wall_time(20, 0))


async def seeded_database(database: Database, users: int) -> list[int]:
    """Migrate and seed onboarded users; returns their chat ids."""
    await migrate(database)
    now = utc_now()
    return await seed_users(database, [profile(now)] * users, now=now, schedule_after=now)


@dataclass
class Contender:
    """One bot under test: its database, its emulator and users, its process, its totals."""

    result: RunResult
    database: Database | None
    users: ClosedLoopUsers
    emulator: BotApiEmulator
    bot: BotProcess
    log_path: Path
    round_rates: list[float] = field(default_factory=list)


async def start_contender(
    name: str, database: Database | None, args: argparse.Namespace, stack: AsyncExitStack
) -> Contender:
    """Seed its database, start its emulator and bot (stopped when the stack closes), warm up."""
    label = "PostgreSQL" if database and database.is_postgres else "SQLite" if database else "-"
    if database is not None:
        chat_ids = await seeded_database(database, args.users)
    else:
        chat_ids = [telegram_id(n) for n in range(1, args.users + 1)]
    emulator = await stack.enter_async_context(BotApiEmulator(rate_limits=False))
    for chat_id in chat_ids:
        emulator.add_chat(chat_id)
    users = ClosedLoopUsers(emulator, chat_ids)
    log_path = fresh_log(f"bench_checkin_{'echo' if database is None else label}")
    bot = await start_bot(
        emulator,
        database.url if database else "sqlite+aiosqlite:///unused.db",
        log_path,
        env={**BOT_ENV, "PYTHONPATH": str(BENCH_DIR)},
        module="echo_bot" if database is None else "bot.cli",
    )
    stack.push_async_callback(bot.stop)
    contender = Contender(RunResult(name, label, 0, 0.0), database, users, emulator, bot, log_path)
    await guarded(contender, users.run(args.warmup))
    return contender


async def guarded(contender: Contender, work: Awaitable[T]) -> T:
    """Await work; on failure show the end of that bot's log first."""
    try:
        return await work
    except Exception:
        print(f"bot log tail ({contender.log_path}):\n{contender.bot.log_tail()}")
        raise


async def measure_round(contender: Contender, per_user: int) -> None:
    """One timed round: every user sends per_user check-ins; add to the contender's totals."""
    cpu_before = cpu_seconds(contender.bot.pid)
    seconds, latencies = await guarded(contender, contender.users.run(per_user))
    result = contender.result
    result.cpu_seconds += cpu_seconds(contender.bot.pid) - cpu_before
    result.seconds += seconds
    result.answered += len(latencies)
    result.latencies += latencies
    contender.round_rates.append(len(latencies) / seconds)


def cpu_seconds(pid: int | None) -> float:
    """User plus system CPU seconds of a process so far, from /proc/<pid>/stat."""
    if pid is None:
        return 0.0
    with Path(f"/proc/{pid}/stat").open() as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def verify_emulator(emulator: BotApiEmulator, users: ClosedLoopUsers) -> None:
    """Each check-in answered exactly once, no rejected call, no stray bot message."""
    if emulator.rejected:
        raise RuntimeError(f"the emulator rejected {len(emulator.rejected)} call(s)")
    if users.unexpected:
        raise RuntimeError(f"{users.unexpected} bot message(s) answered nothing")
    for chat_id in users.chat_ids:
        answers = len(emulator.bot_messages(chat_id))
        if answers != users.sent[chat_id]:
            raise RuntimeError(f"chat {chat_id}: {users.sent[chat_id]} sent, {answers} answers")


async def verify_database(database: Database, sent: Counter[int]) -> None:
    """Every user's typed check-ins are stored exactly once (one row per message)."""
    stored = await rows(
        database,
        "SELECT u.telegram_id, count(n.id), count(DISTINCT n.source_key) FROM bc_user u "
        "LEFT JOIN nutrition_entry n ON n.user_id = u.id AND n.source_key LIKE 'm:%' "
        "GROUP BY u.telegram_id",
    )
    for user, count, distinct in stored:
        if count != sent[user] or distinct != count:
            raise RuntimeError(f"user {user}: {sent[user]} check-ins, {count} rows stored")
    if len(stored) != len(sent):
        raise RuntimeError(f"{len(sent)} users checked in, {len(stored)} in the database")


async def verify(contender: Contender) -> None:
    """All checks for one contender (its bot has stopped)."""
    verify_emulator(contender.emulator, contender.users)
    if contender.database is None:
        return
    await verify_database(contender.database, contender.users.sent)
    problems = log_problems(contender.log_path)
    if problems:
        raise RuntimeError(f"{problems} error line(s) in {contender.log_path}")


def cpu_per_checkin(result: RunResult) -> float:
    """The bot process's CPU milliseconds per answered check-in."""
    return result.cpu_seconds * 1000 / max(result.answered, 1)


def report_row(contender: Contender, echo: RunResult) -> list[str]:
    """One line of the table."""
    result = contender.result
    ratio = result.rate / echo.rate if echo.rate else 0.0
    goal = GOALS.get(result.database)
    verdict = "baseline" if goal is None else f"≥ {goal}: {'met' if ratio >= goal else 'MISSED'}"
    rates = contender.round_rates
    return [
        result.name,
        result.database,
        f"{result.answered:,}",
        f"{result.rate:,.0f}",
        f"{min(rates):,.0f}–{max(rates):,.0f}",
        f"{ratio:.2f}",
        f"{percentile(result.latencies, 0.50) * 1000:.0f}",
        f"{percentile(result.latencies, 0.95) * 1000:.0f}",
        f"{percentile(result.latencies, 0.99) * 1000:.0f}",
        f"{cpu_per_checkin(result):.1f}",
        f"{cpu_per_checkin(echo) / max(cpu_per_checkin(result), 1e-9):.2f}",
        verdict,
    ]


def report(contenders: list[Contender], args: argparse.Namespace) -> str:
    """The markdown table with rates, ratios against the echo bot, latencies and verdicts."""
    echo = contenders[0].result
    headers = [
        "bot",
        "database",
        "check-ins",
        "answered/s",
        "per round",
        "vs echo",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "CPU ms/check-in",
        "vs echo by CPU",
        "goal (rate ratio)",
    ]
    per_round = max(args.checkins // (args.users * args.rounds), 1)
    intro = (
        f"{args.users} users in a closed loop, {args.warmup} warm-up check-ins each, then "
        f"{args.rounds} rounds of {per_round} timed check-ins each, the bots taking turns; "
        f"emulator rate limits OFF, bot SEND_RATE_PER_SECOND=10000; {os.cpu_count()} cores. "
        "Latency: user_sends to the reply reaching the emulator. CPU: the bot process "
        "(all threads) during the timed rounds."
    )
    return f"{intro}\n\n{markdown_table(headers, [report_row(c, echo) for c in contenders])}"


async def run_all(args: argparse.Namespace) -> list[Contender]:
    """Start the echo bot and the bot on SQLite (and PostgreSQL), then time them in turns."""
    per_round = max(args.checkins // (args.users * args.rounds), 1)
    with tempfile.TemporaryDirectory(prefix="bench_checkin_") as tmp:
        async with AsyncExitStack() as stack:
            databases: list[tuple[str, Database | None]] = [
                ("echo bot", None),
                ("BoneCoach", sqlite_database(Path(tmp) / "checkin.db")),
            ]
            if not args.skip_postgres:
                postgres = postgres_database("bench_checkin", args.dsn)
                databases.append(("BoneCoach", await stack.enter_async_context(postgres)))
            contenders = [await start_contender(n, d, args, stack) for n, d in databases]
            for round_no in range(args.rounds):
                shift = round_no % len(contenders)  # each round starts with another bot
                for contender in contenders[shift:] + contenders[:shift]:
                    await measure_round(contender, per_round)
                rates = ", ".join(f"{c.round_rates[-1]:,.0f}/s" for c in contenders)
                print(f"round {round_no + 1}/{args.rounds}: {rates}", flush=True)
            for contender in contenders:
                await contender.bot.stop()
                await verify(contender)  # before the stack drops the PostgreSQL database
    return contenders


def parse_args() -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=200, help="simulated users")
    parser.add_argument("--checkins", type=int, default=2400, help="timed check-ins per bot")
    parser.add_argument("--warmup", type=int, default=2, help="untimed check-ins per user")
    parser.add_argument("--rounds", type=int, default=4, help="turns each bot is timed in")
    parser.add_argument("--skip-postgres", action="store_true", help="SQLite only")
    parser.add_argument("--dsn", default=ADMIN_DSN, help="PostgreSQL admin DSN")
    return parser.parse_args()


def main() -> None:
    """Run everything and print the table."""
    args = parse_args()
    contenders = asyncio.run(run_all(args))
    print()
    print(report(contenders, args))
    print("\nverified: every check-in stored once and answered once; no rejected Bot API call")


if __name__ == "__main__":
    main()
