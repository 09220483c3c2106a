"""Exactly one dispatcher among replicas: a PostgreSQL advisory lock (DESIGN decision 3).

The lock lives on one open connection; when the process dies the connection closes, the
lock is released, and another replica takes it on its next tick. SQLite means one process,
which is always the leader.
"""

from __future__ import annotations

import contextlib
import logging

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

log = logging.getLogger("bonecoach.leader")
LOCK_KEY = 0x_B0_4E_C0_AC  # "BoneCoach", as a 32-bit advisory lock key


class DispatchLeader:
    """Tells a tick whether this process may send scheduled messages."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._connection: AsyncConnection | None = None

    @property
    def needs_lock(self) -> bool:
        """Only PostgreSQL has several replicas."""
        return self._engine.dialect.name == "postgresql"

    async def is_leader(self) -> bool:
        """Hold (or try to take) the lock; False while another replica holds it."""
        if not self.needs_lock:
            return True
        try:
            if self._connection is not None:
                await self._connection.execute(text("SELECT 1"))  # still ours, still alive
                return True
            # Autocommit: the lock is held by the session, not a transaction, so the connection
            # is never "idle in transaction" (a server timeout would cut it) while we lead.
            connection = await self._engine.connect()
            try:
                await connection.execution_options(isolation_level="AUTOCOMMIT")
                got = await connection.scalar(
                    text("SELECT pg_try_advisory_lock(:key)"), {"key": LOCK_KEY}
                )
            except BaseException:
                with contextlib.suppress(Exception):
                    await connection.close()
                raise
            if got:
                self._connection = connection
                log.info("this replica now dispatches scheduled messages")
                return True
            await connection.close()
            return False
        except (OperationalError, DBAPIError, OSError) as exc:
            log.warning("dispatch lock unavailable (%s): not dispatching", type(exc).__name__)
            await self.release()
            return False

    async def release(self) -> None:
        """Give the lock up (closing the connection releases it)."""
        connection, self._connection = self._connection, None
        if connection is not None:
            try:
                await connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": LOCK_KEY})
            except Exception as exc:  # gone or broken: closing it below releases the lock too
                log.warning("lock connection was already unusable (%s)", type(exc).__name__)
            # A pooled connection would keep a session lock alive: really close this one.
            with contextlib.suppress(Exception):
                await connection.invalidate()
            with contextlib.suppress(Exception):
                await connection.close()
