"""The async engine and session factory, built from a database URL (never at import time)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Dialect, make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession

SessionFactory = async_sessionmaker[AsyncSession]


def _prepare_sqlite_file(url: str) -> None:
    """Create the folder of an SQLite file database so a fresh checkout just works."""
    database = make_url(url).database
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    """WAL lets readers and the writer work at once; busy_timeout waits instead of failing."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


IDLE_BEFORE_PING = 10.0  # seconds a pooled connection may rest before it is checked


def _note_checkin(_dbapi_connection: Any, record: Any) -> None:
    record.info["returned_at"] = time.monotonic()


def _ping_if_idle(dialect: Dialect) -> Callable[[Any, Any, Any], None]:
    """A checkout listener that checks a connection which rested a while before handing it
    out (PostgreSQL may have restarted meanwhile); a failed check makes the pool replace it.

    A ping on every checkout (pool_pre_ping) costs a round trip per update; a connection in
    steady use needs none, and if the server dies under load, the update that meets the dead
    connection is retried like any outage (bot/outage_retries.py).
    """

    def listener(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        returned = record.info.get("returned_at")
        if returned is None or time.monotonic() - returned < IDLE_BEFORE_PING:
            return
        try:
            alive = dialect.do_ping(dbapi_connection)
        except Exception as exc:  # any failure means: not usable
            raise DisconnectionError("idle connection failed its ping") from exc
        if not alive:
            raise DisconnectionError("idle connection failed its ping")

    return listener


def create_engine(url: str) -> AsyncEngine:
    """Build the engine for SQLite (aiosqlite) or PostgreSQL (asyncpg)."""
    if url.startswith("sqlite"):
        _prepare_sqlite_file(url)
        # No rollback when a connection goes back to the pool: sessions and connections end
        # their transactions when they close (SQLAlchemy 2), and on SQLite each rollback is a
        # hop to aiosqlite's thread on every update.
        engine = create_async_engine(
            url, connect_args={"timeout": 30}, hide_parameters=True, pool_reset_on_return=None
        )
        event.listen(engine.sync_engine, "connect", _on_sqlite_connect)
        return engine
    engine = create_async_engine(url, pool_size=10, max_overflow=10, hide_parameters=True)
    event.listen(engine.sync_engine, "checkin", _note_checkin)
    event.listen(engine.sync_engine, "checkout", _ping_if_idle(engine.dialect))
    return engine


def create_session_factory(engine: AsyncEngine) -> SessionFactory:
    """One session per update or tick; objects stay usable after commit."""
    return async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)
