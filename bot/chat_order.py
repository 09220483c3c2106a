"""Updates from different chats are handled at once; one chat's updates strictly in order.

While one handler waits on the database or on Telegram, others go on (the bot answered one
update at a time before: every wait added to everyone's queue). A man's own messages must
still be handled in the order he sent them (onboarding answers, a check-in's steps), so
each chat has a lock, taken before a concurrency slot: a chat with a long queue holds one
slot, not all of them.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram.ext import SimpleUpdateProcessor

MAX_CONCURRENT_UPDATES = 16  # handlers at work at once (each may hold a DB connection)
_MAX_WAITING = 10_000  # PTB's own bound: updates taken off the queue, working or waiting


def chat_key(update: object) -> int | None:
    """The chat (or, without one, the user) an update belongs to; None for neither."""
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return update.effective_chat.id
    if update.effective_user is not None:
        return update.effective_user.id
    return None


class PerChatUpdateProcessor(SimpleUpdateProcessor):
    """Up to `working` updates at once, one at a time per chat, FIFO."""

    def __init__(self, working: int = MAX_CONCURRENT_UPDATES) -> None:
        # With one at work (SQLite), python-telegram-bot handles each update in its fetch
        # loop instead of a task of its own: the same order, less work per update.
        super().__init__(_MAX_WAITING if working > 1 else 1)
        self._slots = asyncio.Semaphore(working)
        self._chats: dict[int, tuple[asyncio.Lock, int]] = {}  # lock, updates using it
        self._observe: Callable[[float], None] | None = None

    def observe(self, observer: Callable[[float], None]) -> None:
        """Tell `observer` each update's handling time in seconds (the metrics)."""
        self._observe = observer

    async def _handle(self, coroutine: Awaitable[Any]) -> None:
        """Run the handlers of one update (it holds its slot), timing them for the metrics."""
        started = time.monotonic()
        try:
            await coroutine
        finally:
            if self._observe is not None:
                self._observe(time.monotonic() - started)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Wait for this chat's earlier updates, then for a free slot, then handle it."""
        key = chat_key(update)
        if key is None:
            async with self._slots:
                await self._handle(coroutine)
            return
        lock, users = self._chats.get(key, (asyncio.Lock(), 0))
        self._chats[key] = (lock, users + 1)
        try:
            async with lock, self._slots:
                await self._handle(coroutine)
        finally:
            lock, users = self._chats[key]
            if users <= 1:
                del self._chats[key]  # no one else waits: forget the chat (bounded memory)
            else:
                self._chats[key] = (lock, users - 1)

    @property
    def chats_in_flight(self) -> int:
        """Chats with an update being handled or waiting (for tests and metrics)."""
        return len(self._chats)
