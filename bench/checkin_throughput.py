"""Benchmark: check-in throughput of the full bot against a bare echo bot and a typical peer bot.

What it measures. Simulated users (default 200) each type `/log calcium 1200mg` in a closed
loop: the next check-in only after the bot's reply to the previous one arrived. Five bots
(fewer with --bots) run side by side, each in its own subprocess with its own Bot API
emulator (the emulators run in this process) and its own fresh database:

- echo: bench/echo_bot.py, a bare PTB echo bot (no database): the ceiling;
- peer on SQLite and on PostgreSQL: bench/peer_bot.py, a plain PTB bot written the way most
  bots are (one SQLAlchemy ORM session per message: find the user, add the entry, commit,
  reply), storing into the same tables; one update at a time on SQLite, 16 on PostgreSQL;
- full on SQLite and on PostgreSQL: BoneCoach itself (`python -m bot.cli run`).

SQLite databases are fresh files, PostgreSQL ones are created here and dropped afterwards;
each is migrated with the bot's own migrations and seeded with the same onboarded users.
After a warm-up, the bots take turns: in each of --rounds rounds (default 4) every bot
answers its share of the timed check-ins (default 2,400 per bot in all) while the others
idle, so a change in the machine's load hits all of them alike. Reported per bot: answered
check-ins per second (first send to last reply, summed over the rounds), the range of the
per-round rates, the ratio to the echo bot and (per database) to the peer bot, the latency
of each check-in (user_sends to the reply reaching the emulator: p50, p95, p99) and the bot
process's CPU time per check-in (less sensitive to other load on the machine than the rate),
also as a ratio: the baseline's CPU per check-in divided by this bot's (above 1 = cheaper).

The emulators' rate limits are off and the bot's own send limiter is raised
(SEND_RATE_PER_SECOND=10000), so the numbers are the bots' processing rate, not Telegram's
30 messages/s. Users are seeded as onboarded before each bot starts, in a time zone where
nothing is scheduled for hours, so every bot message is a check-in reply. Afterwards it checks
for every bot that every check-in was answered exactly once and no emulator rejected a call,
for the database bots that every check-in was stored exactly once (nutrition_entry rows with
source_key 'm:<message id>' per user), and that no bot logged an error.

Goal (issue): BoneCoach at least 0.8 of the echo bot's rate on SQLite, 0.7 on PostgreSQL.
With a closed loop the latency is mostly queueing: about users / rate (Little's law).
Bot logs are left in $TMPDIR/bench_checkin_*.log.

Run (from the checkout's root):
      .venv/bin/python bench/checkin_throughput.py [--users 200] [--checkins 2400]
      [--rounds 4] [--warmup 2] [--bots echo,peer,full] [--skip-postgres | --skip-sqlite]
      [--dsn postgresql://postgres@127.0.0.1:5432/test]
--bots runs a subset (the ratios of missing baselines show "-"); --skip-postgres runs the
SQLite bots only.

Before/after. The full bot is the `bot` package of the interpreter running this script
(`python -m bot.cli run` with the same interpreter), so the checkout whose venv runs it is
the one measured; the script refuses to run from another checkout's root, where
`python -m` would pick up that checkout's bot/ instead. To measure an older commit with
this bench, copy bench/ over that commit's and run it there with that checkout's own venv:

      git worktree add /tmp/bc-before <commit> && cd /tmp/bc-before
      make .venv/.installed && cp /path/to/newer/bench/*.py bench/
      .venv/bin/python bench/checkin_throughput.py ...

The report names the checkout and its commit (-dirty once bench/ is copied in). From bot/
the bench needs only bot.db.engine.create_engine, bot.db.migrate.upgrade, bot.db.models
(User, Schedule, Delivery and their status names), bot.domain.schedule's timings_for and
next_occurrence, bot.sandbox.bot_process.BotProcess and bot.sandbox.emulator's
BotApiEmulator and ChatEvent. Before the domain became topic packages (commit 45d5dfb) those
two functions lived in bot.domain.prompt_timing and bot.domain.schedule_times: to measure
an older checkout, copy bench/ as of commit 46c18fd instead. echo_bot.py and peer_bot.py
import nothing from bot/.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
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

import bot
from bot.sandbox.bot_process import BotProcess
from bot.sandbox.emulator import BotApiEmulator, ChatEvent

CHECKIN = "/log calcium 1200mg"
REPLY_TIMEOUT = 60.0
GOALS = {"SQLite": 0.8, "PostgreSQL": 0.7}  # the full bot's rate over the echo bot's
BOTS = ("echo", "peer", "full")
NAMES = {"echo": "echo bot", "peer": "peer bot", "full": "BoneCoach"}
MODULES = {"echo": "echo_bot", "peer": "peer_bot", "full": "bot.cli"}
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

    kind: str  # one of BOTS
    result: RunResult
    database: Database | None
    users: ClosedLoopUsers
    emulator: BotApiEmulator
    bot: BotProcess
    log_path: Path
    round_rates: list[float] = field(default_factory=list)


async def start_contender(
    kind: str, database: Database | None, args: argparse.Namespace, stack: AsyncExitStack
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
    log_path = fresh_log(f"bench_checkin_{kind}" + (f"_{label}" if database else ""))
    bot_process = await start_bot(
        emulator,
        database.url if database else "sqlite+aiosqlite:///unused.db",
        log_path,
        env={**BOT_ENV, "PYTHONPATH": str(BENCH_DIR)},
        module=MODULES[kind],
    )
    stack.push_async_callback(bot_process.stop)
    result = RunResult(NAMES[kind], label, 0, 0.0)
    contender = Contender(kind, result, database, users, emulator, bot_process, log_path)
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
    if contender.database is not None:
        await verify_database(contender.database, contender.users.sent)
    problems = log_problems(contender.log_path)
    if problems:
        raise RuntimeError(f"{problems} error line(s) in {contender.log_path}")


def cpu_per_checkin(result: RunResult) -> float:
    """The bot process's CPU milliseconds per answered check-in."""
    return result.cpu_seconds * 1000 / max(result.answered, 1)


def ratio(value: float, baseline: float | None) -> str:
    """value / baseline to two places, or "-" without a baseline."""
    return "-" if not baseline or not value else f"{value / baseline:.2f}"


def report_row(
    contender: Contender, echo: RunResult | None, peers: dict[str, RunResult]
) -> list[str]:
    """One line of the table; the peer is the one on the same database."""
    result = contender.result
    peer = peers.get(result.database) if contender.kind != "echo" else None
    goal = GOALS.get(result.database) if contender.kind == "full" else None
    if goal is not None and echo is not None:
        met = result.rate >= goal * echo.rate
        verdict = f"≥ {goal}: {'met' if met else 'MISSED'}"
    else:
        verdict = "-" if contender.kind == "full" else "baseline"
    cpu = cpu_per_checkin(result)
    rates = contender.round_rates
    return [
        result.name,
        result.database,
        f"{result.answered:,}",
        f"{result.rate:,.0f}",
        f"{min(rates):,.0f}–{max(rates):,.0f}",
        ratio(result.rate, echo.rate if echo else None),
        ratio(result.rate, peer.rate if peer else None),
        f"{percentile(result.latencies, 0.50) * 1000:.0f}",
        f"{percentile(result.latencies, 0.95) * 1000:.0f}",
        f"{percentile(result.latencies, 0.99) * 1000:.0f}",
        f"{cpu:.1f}",
        ratio(cpu_per_checkin(echo), cpu) if echo else "-",
        ratio(cpu_per_checkin(peer), cpu) if peer else "-",
        verdict,
    ]


def checkout() -> str:
    """Where the measured bot code lives, and its commit (for before/after tables)."""
    root = Path(bot.__file__).resolve().parents[1]
    try:
        described = subprocess.run(  # noqa: S603 - a fixed git command
            ["git", "-C", str(root), "describe", "--always", "--dirty"],  # noqa: S607
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        described = "no git"
    return f"{root} at {described}"


def report(contenders: list[Contender], args: argparse.Namespace) -> str:
    """The markdown table with rates, ratios to the echo and peer bots, latencies, verdicts."""
    echo = next((c.result for c in contenders if c.kind == "echo"), None)
    peers = {c.result.database: c.result for c in contenders if c.kind == "peer"}
    headers = [
        "bot",
        "database",
        "check-ins",
        "answered/s",
        "per round",
        "vs echo",
        "vs peer",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "CPU ms/check-in",
        "vs echo by CPU",
        "vs peer by CPU",
        "goal (rate vs echo)",
    ]
    per_round = max(args.checkins // (args.users * args.rounds), 1)
    intro = (
        f"Bot code: {checkout()}. "
        f"{args.users} users in a closed loop, {args.warmup} warm-up check-ins each, then "
        f"{args.rounds} rounds of {per_round} timed check-ins each, the bots taking turns; "
        f"emulator rate limits OFF, bot SEND_RATE_PER_SECOND=10000; {os.cpu_count()} cores. "
        "Latency: user_sends to the reply reaching the emulator. CPU: the bot process "
        "(all threads) during the timed rounds. vs peer: against the peer bot on the same "
        "database. By CPU: the baseline's CPU ms per check-in / this bot's (above 1 = cheaper)."
    )
    body = [report_row(c, echo, peers) for c in contenders]
    return f"{intro}\n\n{markdown_table(headers, body)}"


def lineup(args: argparse.Namespace) -> list[tuple[str, bool | None]]:
    """(bot kind, on PostgreSQL?) in table order; None for the echo bot (no database)."""
    result: list[tuple[str, bool | None]] = []
    for kind in args.bots:
        if kind == "echo":
            result.append((kind, None))
            continue
        if not args.skip_sqlite:
            result.append((kind, False))
        if not args.skip_postgres:
            result.append((kind, True))
    return result


async def run_all(args: argparse.Namespace) -> list[Contender]:
    """Start every bot on its own fresh database, then time them in turns."""
    per_round = max(args.checkins // (args.users * args.rounds), 1)
    with tempfile.TemporaryDirectory(prefix="bench_checkin_") as tmp:
        async with AsyncExitStack() as stack:
            contenders = []
            for kind, on_postgres in lineup(args):
                database: Database | None = None
                if on_postgres:
                    postgres = postgres_database(f"bench_checkin_{kind}", args.dsn)
                    database = await stack.enter_async_context(postgres)
                elif on_postgres is not None:
                    database = sqlite_database(Path(tmp) / f"checkin_{kind}.db")
                contenders.append(await start_contender(kind, database, args, stack))
            for round_no in range(args.rounds):
                shift = round_no % len(contenders)  # each round starts with another bot
                for contender in contenders[shift:] + contenders[:shift]:
                    await measure_round(contender, per_round)
                rates = ", ".join(f"{label(c)} {c.round_rates[-1]:,.0f}/s" for c in contenders)
                print(f"round {round_no + 1}/{args.rounds}: {rates}", flush=True)
            for contender in contenders:
                await contender.bot.stop()
                await verify(contender)  # before the stack drops the PostgreSQL databases
    return contenders


def label(contender: Contender) -> str:
    """'echo', 'peer SQLite', 'full PostgreSQL'."""
    database = contender.database
    if database is None:
        return contender.kind
    return f"{contender.kind} {'PostgreSQL' if database.is_postgres else 'SQLite'}"


def bot_list(value: str) -> tuple[str, ...]:
    """--bots: a comma-separated subset of BOTS, returned in table order."""
    chosen = {part.strip() for part in value.split(",") if part.strip()}
    unknown = chosen - set(BOTS)
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"choose from {', '.join(BOTS)} (got {value!r})")
    return tuple(kind for kind in BOTS if kind in chosen)


def parse_args() -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=200, help="simulated users")
    parser.add_argument("--checkins", type=int, default=2400, help="timed check-ins per bot")
    parser.add_argument("--warmup", type=int, default=2, help="untimed check-ins per user")
    parser.add_argument("--rounds", type=int, default=4, help="turns each bot is timed in")
    parser.add_argument(
        "--bots", type=bot_list, default=BOTS, help="subset of echo,peer,full (default: all)"
    )
    parser.add_argument("--skip-postgres", action="store_true", help="SQLite only")
    parser.add_argument("--skip-sqlite", action="store_true", help="PostgreSQL only")
    parser.add_argument("--dsn", default=ADMIN_DSN, help="PostgreSQL admin DSN")
    return parser.parse_args()


def check_checkout() -> None:
    """Refuse to run where `python -m bot.cli` would import another checkout's bot/."""
    imported = Path(bot.__file__).resolve().parent
    here = Path.cwd() / "bot"
    if (here / "__init__.py").exists() and here.resolve() != imported:
        raise SystemExit(
            f"this interpreter imports {imported}, but the bot subprocess would import "
            f"{here.resolve()} from the current directory: run from {imported.parent}"
        )


def main() -> None:
    """Run everything and print the table."""
    args = parse_args()
    check_checkout()
    contenders = asyncio.run(run_all(args))
    print()
    print(report(contenders, args))
    print(
        "\nverified: every check-in answered once (and stored once by the database bots); "
        "no rejected Bot API call; no error in the bots' logs"
    )


if __name__ == "__main__":
    main()
