"""Helpers for the fault tests: bulk seeding, bot processes, and reading outcomes back."""

from __future__ import annotations

import asyncio
import contextlib
import os
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from sqlalchemy import insert, select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.db.models import Delivery, Schedule, User, UserStatus
from bot.sandbox.bot_process import BotProcess
from bot.sandbox.emulator import BotApiEmulator

STARTUP_TIMEOUT = 30.0
FAULTS_DIR = Path(__file__).resolve().parent
LEADER_LINE = "this replica now dispatches scheduled messages"


def utc_now() -> datetime:
    """The real clock: the bot under test runs on it."""
    return datetime.now(UTC)


async def seed_due_users(
    engine: AsyncEngine,
    emulator: BotApiEmulator,
    chat_ids: Iterable[int],
    *,
    due_at: datetime | None = None,
) -> list[int]:
    """Onboarded active users in UTC whose training prompt is due at `due_at` (default: a
    minute ago) and nothing else due; bulk inserts, so 1,000 users take a fraction of a second.
    """
    ids = list(chat_ids)
    due = (due_at or utc_now() - timedelta(minutes=1)).replace(microsecond=0)
    now = utc_now()
    for chat_id in ids:
        emulator.add_chat(chat_id)  # he wrote to the bot before: Telegram knows the chat
    users = [
        {
            "telegram_id": chat_id,
            "chat_id": chat_id,
            "status": UserStatus.ACTIVE,
            "consented_at": now,
            "created_at": now,
            "updated_at": now,
            "timezone": "UTC",
            "training_time": due.time().replace(second=0),
            "nutrition_time": (due + timedelta(hours=12)).time().replace(second=0),
            "training_days_mask": 0b0010101,
            "weight_kg": 82.0,
            "weight_unit": "kg",
            "age_band": "50-59",
            "anastrozole_use": "no",
            "lab_units": "si",
            "anastrozole_since_approx": False,
            "summary_weekday": 6,
            "program_start": due.date(),
        }
        for chat_id in ids
    ]
    async with engine.begin() as connection:
        await connection.execute(insert(User.__table__), users)  # type: ignore[attr-defined]
        rows = await connection.execute(
            select(User.id).where(User.telegram_id.in_(ids))  # type: ignore[attr-defined]
        )
        schedule = [
            {"user_id": user_id, "kind": "training", "local_day": due.date(), "next_due_at": due}
            for (user_id,) in rows.all()
        ]
        await connection.execute(insert(Schedule.__table__), schedule)  # type: ignore[attr-defined]
    return ids


@contextlib.asynccontextmanager
async def fast_commits(engine: AsyncEngine) -> AsyncIterator[None]:
    """PostgreSQL: synchronous_commit=off for new sessions on this database, while inside.

    A commit then returns before its WAL record is flushed to disk; it is visible to every
    session at once and survives anything but a crash of the PostgreSQL server itself, which
    these tests never cause (they kill the bot, or cut its connections). It halves the time
    of a 1,000-prompt fan-out on a slow disk.
    """
    if engine.dialect.name != "postgresql":
        yield
        return
    async with engine.connect() as connection:
        name = await connection.scalar(text("SELECT current_database()"))
    quoted = '"' + str(name).replace('"', '""') + '"'
    async with engine.begin() as connection:
        await connection.execute(text(f"ALTER DATABASE {quoted} SET synchronous_commit = off"))
    try:
        yield
    finally:
        async with engine.begin() as connection:
            await connection.execute(text(f"ALTER DATABASE {quoted} RESET synchronous_commit"))


async def training_statuses(engine: AsyncEngine) -> dict[int, str]:
    """Chat id -> status of that user's training delivery (users without one are absent)."""
    async with engine.connect() as connection:
        rows = await connection.execute(
            select(User.chat_id, Delivery.status)
            .join(Delivery, Delivery.user_id == User.id)  # type: ignore[arg-type]
            .where(Delivery.kind == "training")
        )
        return {int(chat): str(status) for chat, status in rows.all()}


async def user_statuses(engine: AsyncEngine) -> dict[int, str]:
    """Chat id -> user status."""
    async with engine.connect() as connection:
        rows = await connection.execute(select(User.chat_id, User.status))
        return {int(chat): str(status) for chat, status in rows.all()}


def messages_per_chat(emulator: BotApiEmulator, chat_ids: Iterable[int]) -> dict[int, int]:
    """How many bot messages reached each chat."""
    return {chat: len(emulator.bot_messages(chat)) for chat in chat_ids}


def total_bot_messages(emulator: BotApiEmulator) -> int:
    """Bot messages over all chats (sendMessage calls that Telegram accepted)."""
    return sum(1 for chat in emulator.state.chats.values() for m in chat.messages if m.from_bot)


def non_429(emulator: BotApiEmulator) -> list[object]:
    """Every error answer other than Too Many Requests."""
    return [r for r in emulator.rejected if r.error_code != 429]


def log_text(bot: BotProcess) -> str:
    """Everything the bot process wrote."""
    return bot.log_path.read_text(errors="replace") if bot.log_path.exists() else ""


async def start_polling(
    bot: BotProcess, emulator: BotApiEmulator, go_file: Path | None = None
) -> None:
    """Start the bot (or, with go_file, let the started prewarmed one go) and return once it
    polls (it ticks from then on)."""
    before = emulator.call_counts["getUpdates"]
    if go_file is None:
        await bot.start()
    else:
        await asyncio.to_thread(go_file.touch)
    try:
        await emulator.wait_for(
            lambda: emulator.call_counts["getUpdates"] > before or not bot.running,
            timeout=STARTUP_TIMEOUT,
        )
    except TimeoutError:
        raise AssertionError(f"the bot did not start polling:\n{bot.log_tail()}") from None
    if not bot.running:
        raise AssertionError(f"the bot exited at start:\n{bot.log_tail()}")


async def wait_until(
    predicate: Callable[[], bool], *, within: float, message: Callable[[], str]
) -> None:
    """Poll a condition that no emulator change signals (a file, a database)."""
    deadline = time.monotonic() + within
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(message())
        await asyncio.sleep(0.05)


async def wait_healthy(bot: BotProcess, port: int) -> None:
    """Start-up of a webhook replica is over when its /healthz answers 200."""
    deadline = time.monotonic() + STARTUP_TIMEOUT
    async with httpx.AsyncClient(trust_env=False, timeout=2) as client:
        while True:
            if not bot.running:
                raise AssertionError(f"replica exited at start:\n{bot.log_tail()}")
            with contextlib.suppress(httpx.HTTPError):
                if (await client.get(f"http://127.0.0.1:{port}/healthz")).status_code == 200:
                    return
            if time.monotonic() > deadline:
                raise AssertionError(f"replica not healthy on port {port}:\n{bot.log_tail()}")
            await asyncio.sleep(0.1)


@contextlib.asynccontextmanager
async def processes(*bots: BotProcess) -> AsyncIterator[tuple[BotProcess, ...]]:
    """SIGKILL every bot process on the way out, whatever happened."""
    try:
        yield bots
    finally:
        for bot in bots:
            await bot.kill()


def bot_process(
    emulator: BotApiEmulator,
    database_url: str,
    log_path: Path,
    *,
    webhook: bool = False,
    go_file: Path | None = None,
    **env: str,
) -> BotProcess:
    """A bot process on the emulator, ticking every second, fast sender, INFO logs.

    With `go_file` it is started through prewarm.py: imported at start(), running at go().
    """
    if go_file is not None:
        path = os.pathsep.join(p for p in (str(FAULTS_DIR), os.environ.get("PYTHONPATH")) if p)
        env = {**env, "FAULT_GO_FILE": str(go_file), "PYTHONPATH": path}
    settings = {
        "SCHEDULER_TICK_SECONDS": "1",
        "SEND_RATE_PER_SECOND": "500",
        "LOG_LEVEL": "INFO",
        **env,
    }
    return BotProcess(
        api_url=emulator.base_url,
        token=emulator.token,
        database_url=database_url,
        log_path=log_path,
        webhook=webhook,
        env=settings,
        module="prewarm" if go_file is not None else "bot.cli",
    )


async def advisory_lock_holders(engine: AsyncEngine, key: int) -> int:
    """How many sessions hold the dispatch advisory lock (PostgreSQL)."""
    async with engine.connect() as connection:
        count = await connection.scalar(
            text(
                "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database "
                "WHERE l.locktype = 'advisory' AND l.granted AND d.datname = current_database() "
                "AND ((l.classid::bigint << 32) | l.objid::bigint) = :key"
            ),
            {"key": key},
        )
        return int(count or 0)


OPEN_STATUSES = frozenset({"pending", "claimed", "sending"})


async def wait_all_final(
    engine: AsyncEngine, bot: BotProcess, count: int, *, within: float
) -> dict[int, str]:
    """Chat id -> training delivery status, once `count` deliveries exist and none is open."""
    deadline = time.monotonic() + within
    while True:
        statuses = await training_statuses(engine)
        if len(statuses) >= count and not OPEN_STATUSES & set(statuses.values()):
            return statuses
        if not bot.running or time.monotonic() > deadline:
            raise AssertionError(
                f"deliveries still open ({Counter(statuses.values())}, {len(statuses)} of "
                f"{count}); bot running: {bot.running}\n{bot.log_tail()}"
            )
        await asyncio.sleep(0.2)


def check_one_prompt_each(
    counts: dict[int, int], statuses: dict[int, str], context: str
) -> tuple[list[int], list[int]]:
    """Nobody got two; everyone got one except where the delivery is `unconfirmed` (a crash
    between recording `sending` and Telegram receiving the request). Returns the chats that
    lost their prompt that way, and the unconfirmed ones that did get it."""
    doubled = {chat: n for chat, n in counts.items() if n > 1}
    assert not doubled, f"{len(doubled)} chats got more than one prompt: {doubled}; {context}"
    missing_rows = sorted(set(counts) - set(statuses))
    assert not missing_rows, f"no delivery planned for {missing_rows[:20]}; {context}"
    lost = sorted(chat for chat, n in counts.items() if n == 0)
    wrongly_lost = {chat: statuses[chat] for chat in lost if statuses[chat] != "unconfirmed"}
    assert not wrongly_lost, f"prompts missing with status other than unconfirmed: {wrongly_lost}"
    delivered = {c: s for c, s in statuses.items() if c in counts and counts[c] == 1}
    odd = {c: s for c, s in delivered.items() if s not in {"sent", "unconfirmed"}}
    assert not odd, f"delivered prompts recorded as {odd}; {context}"
    delivered_unconfirmed = sorted(c for c, s in delivered.items() if s == "unconfirmed")
    return lost, delivered_unconfirmed
