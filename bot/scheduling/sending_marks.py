"""Group commit of "sending" marks: deliveries let through at the same moment share one write.

Each delivery must be recorded as "sending" before its request leaves (at most once on the
wire). Sending one by one that costs a transaction per message; when several messages are let
through together (no flood limit in the way, several in flight), their marks wait for each
other for one turn of the event loop and go in one UPDATE and one COMMIT.
"""

from __future__ import annotations

import asyncio

from bot.db.delivery_queries import mark_sending
from bot.db.engine import SessionFactory


class SendingMarks:
    """Records "sending" for deliveries about to go out, many per commit."""

    def __init__(self, sessions: SessionFactory) -> None:
        self._sessions = sessions
        self._waiting: list[tuple[int, asyncio.Future[None]]] = []
        self._writer: asyncio.Task[None] | None = None

    async def mark(self, delivery_id: int) -> None:
        """Return once delivery_id is committed as "sending" (raises if the write failed)."""
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting.append((delivery_id, done))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write_all())
        await done

    async def _write_all(self) -> None:
        await asyncio.sleep(0)  # one turn: the others let through at this moment join in
        while self._waiting:
            group, self._waiting = self._waiting, []
            try:
                async with self._sessions() as session:
                    await mark_sending(session, [delivery_id for delivery_id, _ in group])
                    await session.commit()
            except Exception as exc:  # each waiter gets the failure and does not send
                for _, done in group:
                    if not done.done():
                        done.set_exception(exc)
            else:
                for _, done in group:
                    if not done.done():
                        done.set_result(None)
