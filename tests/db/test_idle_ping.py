"""PostgreSQL connections that rested are checked before use; busy ones are not pinged."""

from __future__ import annotations

import asyncpg
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from bot.db import engine as engine_module
from bot.db.engine import create_engine
from bot.outage_retries import is_database_outage

pytestmark = pytest.mark.postgres


async def _backend_pid(engine: object) -> int:
    async with engine.connect() as connection:  # type: ignore[attr-defined]
        return int((await connection.execute(text("SELECT pg_backend_pid()"))).scalar_one())


async def _terminate(url: str, pid: int) -> None:
    dsn = url.replace("postgresql+asyncpg://", "postgresql://")
    connection = await asyncpg.connect(dsn)
    try:
        await connection.execute("SELECT pg_terminate_backend($1)", pid)
    finally:
        await connection.close()


async def test_a_rested_connection_killed_by_the_server_is_replaced(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After the server dropped an idle pooled connection, the next checkout gets a new one."""
    monkeypatch.setattr(engine_module, "IDLE_BEFORE_PING", 0.0)
    engine = create_engine(postgres_url)
    try:
        first = await _backend_pid(engine)
        await _terminate(postgres_url, first)
        assert await _backend_pid(engine) != first
    finally:
        await engine.dispose()


async def test_a_connection_in_steady_use_is_not_pinged(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Within the idle limit no ping is made: a connection the server dropped meanwhile
    fails on first use (the update is then retried as an outage), and the pool recovers."""
    monkeypatch.setattr(engine_module, "IDLE_BEFORE_PING", 3600.0)
    engine = create_engine(postgres_url)
    try:
        first = await _backend_pid(engine)
        await _terminate(postgres_url, first)
        with pytest.raises(DBAPIError) as caught:
            await _backend_pid(engine)
        assert is_database_outage(caught.value)
        assert await _backend_pid(engine) != first
    finally:
        await engine.dispose()
