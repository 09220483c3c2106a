"""Exactly one replica dispatches: the PostgreSQL advisory lock moves when its holder goes."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.db.engine import create_engine
from bot.scheduling.leader import DispatchLeader


async def test_one_leader_at_a_time_and_takeover(engine: AsyncEngine, database_url: str) -> None:
    """A second replica is refused while the first holds the lock, and takes over after it."""
    other_engine = create_engine(database_url)
    first, second = DispatchLeader(engine), DispatchLeader(other_engine)
    try:
        assert await first.is_leader()
        if not first.needs_lock:  # SQLite: one process, always the leader
            assert await second.is_leader()
            return
        assert await first.is_leader()  # holding it stays true
        assert not await second.is_leader()
        await first.release()  # as when the process dies and its connection closes
        assert await second.is_leader()
        assert not await first.is_leader()
    finally:
        await first.release()
        await second.release()
        await other_engine.dispose()
