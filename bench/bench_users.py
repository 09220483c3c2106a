"""Shared helpers for the benchmarks: fresh databases, fast seeding of onboarded users, tables.

Not a benchmark itself. The scripts next to it import it as `from bench_users import ...`
(a script's own folder is on sys.path). Seeding writes rows straight into the tables, the
way onboarding would leave them (see tests/scheduling/seed.py): PostgreSQL with COPY
(asyncpg), SQLite with one SQLAlchemy Core executemany per table.
"""

from __future__ import annotations

import asyncio
import math
import secrets
import tempfile
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import asyncpg
from sqlalchemy import insert, text

from bot.db.engine import create_engine
from bot.db.migrate import upgrade
from bot.db.models import Delivery, DeliveryStatus, Schedule, User, UserStatus
from bot.domain.schedule import KindTiming, next_occurrence, timings_for
from bot.sandbox.bot_process import BotProcess
from bot.sandbox.emulator import BotApiEmulator

BENCH_DIR = Path(__file__).resolve().parent
LOG_DIR = Path(tempfile.gettempdir())  # bot logs stay here after a run, for a look
ADMIN_DSN = "postgresql://postgres@127.0.0.1:5432/test"
TELEGRAM_ID_BASE = 10_000_000  # telegram id (= private chat id) of user n is BASE + n
COPY_CHUNK = 50_000


@dataclass(frozen=True)
class Profile:
    """The onboarding answers that decide a user's schedule."""

    zone: str
    training: time
    nutrition: time
    days_mask: int = 0b0010101
    summary_weekday: int = 6


@dataclass(frozen=True)
class Database:
    """A database for one run: the bot's SQLAlchemy URL and, for PostgreSQL, the asyncpg DSN."""

    url: str
    dsn: str | None = None

    @property
    def is_postgres(self) -> bool:
        """True for PostgreSQL (seeded with COPY)."""
        return self.dsn is not None


def telegram_id(user_id: int) -> int:
    """The Telegram user id (and private chat id) of seeded user `user_id`."""
    return TELEGRAM_ID_BASE + user_id


# databases
def sqlite_database(path: Path) -> Database:
    """A fresh SQLite file database at path (any old file and its WAL are removed)."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return Database(url=f"sqlite+aiosqlite:///{path}")


@asynccontextmanager
async def postgres_database(prefix: str, admin_dsn: str = ADMIN_DSN) -> AsyncIterator[Database]:
    """CREATE a uniquely named PostgreSQL database, yield it, DROP it afterwards."""
    name = f"{prefix}_{secrets.token_hex(4)}"
    admin = await asyncpg.connect(admin_dsn)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        dsn = f"{admin_dsn.rsplit('/', 1)[0]}/{name}"
        url = dsn.replace("postgresql://", "postgresql+asyncpg://", 1)
        try:
            yield Database(url=url, dsn=dsn)
        finally:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


async def migrate(database: Database) -> None:
    """Create the schema with the bot's own migrations."""
    engine = create_engine(database.url)
    try:
        await upgrade(engine)
    finally:
        await engine.dispose()


async def scalar(database: Database, sql: str, **params: Any) -> Any:
    """One value from a query."""
    engine = create_engine(database.url)
    try:
        async with engine.connect() as connection:
            return await connection.scalar(text(sql), params)
    finally:
        await engine.dispose()


async def rows(database: Database, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    """All rows of a query, as tuples."""
    engine = create_engine(database.url)
    try:
        async with engine.connect() as connection:
            result = await connection.execute(text(sql), params)
            return [tuple(row) for row in result.all()]
    finally:
        await engine.dispose()


# rows
def user_row(user_id: int, profile: Profile, now: datetime) -> dict[str, Any]:
    """An onboarded, consented, active user (the fields onboarding fills in)."""
    return {
        "id": user_id,
        "telegram_id": telegram_id(user_id),
        "chat_id": telegram_id(user_id),
        "status": UserStatus.ACTIVE,
        "consented_at": now - timedelta(days=30),
        "created_at": now - timedelta(days=30),
        "updated_at": now - timedelta(days=30),
        "timezone": profile.zone,
        "training_time": profile.training,
        "nutrition_time": profile.nutrition,
        "training_days_mask": profile.days_mask,
        "weight_kg": 82.0,
        "weight_unit": "kg",
        "age_band": "50-59",
        "anastrozole_use": "no",
        "anastrozole_since_approx": False,
        "lab_units": "si",
        "summary_weekday": profile.summary_weekday,
        "program_start": (now - timedelta(days=30)).date(),
        # Steady state: onboarding asks the safety screen. (The first fan-out after the
        # upgrade that added it also writes screen_asked_on once per existing user.)
        "screened_on": (now - timedelta(days=30)).date(),
        "screen_findings": "",
    }


@cache
def _timings(profile: Profile) -> tuple[KindTiming, ...]:
    return tuple(
        timings_for(
            training_time=profile.training,
            nutrition_time=profile.nutrition,
            training_days_mask=profile.days_mask,
            summary_weekday=profile.summary_weekday,
        )
    )


@cache
def _next(after: datetime, at: time, zone: str, mask: int | None) -> tuple[date, datetime]:
    found: tuple[date, datetime] = next_occurrence(after, at, zone, mask)
    return found


def schedule_rows(user_id: int, profile: Profile, after: datetime) -> list[dict[str, Any]]:
    """His schedule rows as refresh_schedule leaves them at `after` (next occurrence > after)."""
    result = []
    for timing in _timings(profile):
        day, due = _next(after, timing.at, profile.zone, timing.days_mask)
        result.append(
            {"user_id": user_id, "kind": timing.kind, "local_day": day, "next_due_at": due}
        )
    return result


def sent_delivery_rows(
    user_id: int, profile: Profile, start: datetime, end: datetime, kinds: Iterable[str]
) -> list[dict[str, Any]]:
    """Deliveries of `kinds` that fell in (start, end], as sent (answered half the time)."""
    result = []
    for timing in _timings(profile):
        if timing.kind not in kinds:
            continue
        day, due = _next(start, timing.at, profile.zone, timing.days_mask)
        if due > end:
            continue
        result.append(
            {
                "user_id": user_id,
                "kind": timing.kind,
                "local_day": day,
                "due_at": due,
                "status": DeliveryStatus.SENT,
                "attempts": 1,
                "claimed_at": due,
                "sent_at": due,
                "message_id": 1,
                "progress": 0,
                "answered_at": due + timedelta(minutes=5) if user_id % 2 else None,
                "created_at": due,
            }
        )
    return result


# writing
async def insert_rows(
    database: Database, model: type[Any], records: Sequence[dict[str, Any]]
) -> None:
    """Bulk-insert rows (all with the same keys): COPY on PostgreSQL, executemany on SQLite."""
    if not records:
        return
    table = model.__table__
    if database.dsn is not None:
        await _copy(database.dsn, table.name, records)
        return
    engine = create_engine(database.url)
    try:
        async with engine.begin() as connection:
            for start in range(0, len(records), COPY_CHUNK):
                await connection.execute(insert(table), list(records[start : start + COPY_CHUNK]))
    finally:
        await engine.dispose()


async def _copy(dsn: str, table: str, records: Sequence[dict[str, Any]]) -> None:
    columns = list(records[0])
    connection = await asyncpg.connect(dsn)
    try:
        for start in range(0, len(records), COPY_CHUNK):
            chunk = records[start : start + COPY_CHUNK]
            await connection.copy_records_to_table(
                table, records=[tuple(r[c] for c in columns) for r in chunk], columns=columns
            )
    finally:
        await connection.close()


async def _after_seed(database: Database) -> None:
    """PostgreSQL: move the id sequence past the explicit ids, refresh planner statistics."""
    if database.dsn is None:
        return
    connection = await asyncpg.connect(database.dsn)
    try:
        await connection.execute(
            "SELECT setval(pg_get_serial_sequence('bc_user', 'id'), (SELECT max(id) FROM bc_user))"
        )
        await connection.execute("ANALYZE")
    finally:
        await connection.close()


async def seed_users(
    database: Database,
    profiles: Sequence[Profile],
    *,
    now: datetime,
    schedule_after: datetime,
    extra_deliveries: Callable[[int, Profile], list[dict[str, Any]]] | None = None,
) -> list[int]:
    """Insert users 1..len(profiles) with their schedule rows (and any extra deliveries).

    Schedules point at each kind's first occurrence after `schedule_after`: what lies between
    it and the real clock is due when the bot starts. Returns the users' Telegram ids.
    """
    ids = range(1, len(profiles) + 1)
    users = [user_row(i, p, now) for i, p in zip(ids, profiles, strict=True)]
    await insert_rows(database, User, users)
    del users
    schedules = [
        r for i, p in zip(ids, profiles, strict=True) for r in schedule_rows(i, p, schedule_after)
    ]
    await insert_rows(database, Schedule, schedules)
    del schedules
    if extra_deliveries is not None:
        deliveries = [r for i, p in zip(ids, profiles, strict=True) for r in extra_deliveries(i, p)]
        await insert_rows(database, Delivery, deliveries)
    await _after_seed(database)
    return [telegram_id(i) for i in ids]


# the bot under test
async def start_bot(
    emulator: BotApiEmulator,
    database_url: str,
    log_path: Path,
    *,
    env: dict[str, str],
    module: str = "bot.cli",
    timeout: float = 60.0,  # noqa: ASYNC109 - a plain deadline
) -> BotProcess:
    """Start a bot subprocess against the emulator; return once it polls for updates.

    Its output is appended to log_path.
    """
    process = BotProcess(
        api_url=emulator.base_url,
        token=emulator.token,
        database_url=database_url,
        log_path=log_path,
        env=env,
        module=module,
    )
    await process.start()
    try:
        await emulator.wait_for(lambda: emulator.call_counts["getUpdates"] > 0, timeout=timeout)
    except TimeoutError:
        await process.kill()
        raise RuntimeError(f"the bot did not start:\n{process.log_tail()}") from None
    return process


def fresh_log(name: str) -> Path:
    """A bot log path under LOG_DIR, emptied (BotProcess appends)."""
    path = LOG_DIR / f"{name}.log"
    path.unlink(missing_ok=True)
    return path


def log_problems(log_path: Path) -> int:
    """How many tracebacks and ERROR lines the bot wrote (their text is not repeated)."""
    if not log_path.exists():
        return 0
    lines = log_path.read_text(errors="replace").splitlines()
    return sum(1 for line in lines if "Traceback" in line or " ERROR " in line)


# reporting
def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile (share in 0..1) of the values; 0.0 when there are none."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = min(max(math.ceil(share * len(ordered)) - 1, 0), len(ordered) - 1)
    return ordered[rank]


def markdown_table(headers: Sequence[str], body: Iterable[Sequence[object]]) -> str:
    """A GitHub markdown table."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in body]
    return "\n".join(lines)


def utc_now() -> datetime:
    """The current instant, aware UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0)


async def sleep_until(deadline: float) -> None:
    """Sleep until the loop's clock reaches deadline."""
    loop = asyncio.get_running_loop()
    await asyncio.sleep(max(deadline - loop.time(), 0.0))
