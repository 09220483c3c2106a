"""Shared fixtures: databases on SQLite and PostgreSQL, and the clock."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import asyncpg
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import SQLModel
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.db.engine import SessionFactory, create_engine, create_session_factory
from bot.db.migrate import upgrade
from bot.scheduling.clock import FixedClock

os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")
os.environ.setdefault("PTB_TIMEDELTA", "true")  # durations as timedelta, no deprecation warning
PG_ADMIN_URL = os.environ.get("TEST_POSTGRES_DSN", "postgresql://postgres@127.0.0.1:5432/test")
IN_CI = os.environ.get("CI", "").lower() == "true"


async def _create_database(name: str) -> None:
    connection = await asyncpg.connect(PG_ADMIN_URL, timeout=3)
    try:
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()


async def _drop_database(name: str) -> None:
    connection = await asyncpg.connect(PG_ADMIN_URL, timeout=3)
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await connection.close()


def _new_postgres_database() -> Iterator[str]:
    """A new, empty PostgreSQL database (asyncpg URL), dropped afterwards; skip or fail without."""
    name = f"bonecoach_test_{uuid.uuid4().hex[:8]}"
    try:
        asyncio.run(_create_database(name))
    except (OSError, asyncpg.PostgresError, TimeoutError) as exc:
        if IN_CI:
            pytest.fail(f"CI needs PostgreSQL at {PG_ADMIN_URL}: {exc}")
        pytest.skip(f"no PostgreSQL at {PG_ADMIN_URL} ({type(exc).__name__}); CI runs these")
    base = PG_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://")
    yield f"{base}/{name}"
    asyncio.run(_drop_database(name))


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this test run; skipped locally without a server."""
    yield from _new_postgres_database()


@pytest.fixture
def fresh_postgres_url() -> Iterator[str]:
    """An empty PostgreSQL database of this test's own, never migrated; dropped afterwards."""
    yield from _new_postgres_database()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each DB test runs twice: on an SQLite file and on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'bonecoach.db'}"
    url: str = request.getfixturevalue("postgres_url")
    return url


async def _truncate_all(engine: AsyncEngine) -> None:
    tables = ", ".join(f'"{t.name}"' for t in SQLModel.metadata.sorted_tables)
    async with engine.begin() as connection:
        await connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    """A migrated, empty database."""
    engine = create_engine(database_url)
    await upgrade(engine)
    if engine.dialect.name == "postgresql":
        await _truncate_all(engine)
    yield engine
    await engine.dispose()


@pytest.fixture
def sessions(engine: AsyncEngine) -> SessionFactory:
    """The session factory on the test database."""
    return create_session_factory(engine)


@pytest.fixture
async def session(sessions: SessionFactory) -> AsyncIterator[AsyncSession]:
    """One session on the test database."""
    async with sessions() as session:
        yield session


@pytest.fixture
def clock() -> FixedClock:
    """A clock standing at a known instant."""
    return FixedClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
