"""Pushing queued updates to a webhook, in order, with retries and backoff."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from typing import Any

import aiohttp

from bot.sandbox.emulator.state import EmulatorState

_log = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header name
FIRST_BACKOFF = 0.05
MAX_BACKOFF = 2.0


class WebhookPusher:
    """Delivers state.updates to url one by one; an update is confirmed by a 2xx answer."""

    def __init__(self, state: EmulatorState) -> None:
        self.state = state
        self.url: str | None = None
        self.secret: str | None = None
        self.max_connections = 40
        self.last_error_date: int | None = None
        self.last_error_message: str | None = None
        self.delivered: int = 0
        self._task: asyncio.Task[None] | None = None

    async def set(self, url: str, secret: str | None, max_connections: int = 40) -> None:
        """Start pushing to url (replacing any earlier webhook)."""
        await self.delete()
        self.url, self.secret, self.max_connections = url, secret, max_connections
        self.last_error_date = self.last_error_message = None
        self._task = asyncio.get_running_loop().create_task(self._run(url))

    async def delete(self) -> None:
        """Stop pushing; queued updates stay for getUpdates."""
        self.url = self.secret = None
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self.state.touch()

    def info(self) -> dict[str, Any]:
        """getWebhookInfo's WebhookInfo object."""
        info: dict[str, Any] = {
            "url": self.url or "",
            "has_custom_certificate": False,
            "pending_update_count": len(self.state.updates),
        }
        if self.url:
            info["max_connections"] = self.max_connections
            if self.state.allowed_updates:
                info["allowed_updates"] = list(self.state.allowed_updates)
        if self.last_error_date is not None:
            info["last_error_date"] = self.last_error_date
            info["last_error_message"] = self.last_error_message
        return info

    async def _run(self, url: str) -> None:
        backoff = FIRST_BACKOFF
        timeout = aiohttp.ClientTimeout(total=10)
        async with aiohttp.ClientSession(timeout=timeout) as session:
            while not self.state.closed:
                if not self.state.updates:
                    await self.state.changes.wait(1.0)
                    continue
                update = self.state.updates[0]
                error = await self._post(session, url, update)
                if error is None:
                    self.delivered += 1
                    self.state.remove_update(update["update_id"])
                    backoff = FIRST_BACKOFF
                    continue
                self.last_error_date, self.last_error_message = int(time.time()), error
                _log.info("webhook delivery of update %s failed: %s", update["update_id"], error)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, MAX_BACKOFF)

    async def _post(
        self, session: aiohttp.ClientSession, url: str, update: dict[str, Any]
    ) -> str | None:
        headers = {SECRET_HEADER: self.secret} if self.secret else {}
        try:
            async with session.post(url, json=update, headers=headers) as response:
                await response.read()
                if 200 <= response.status < 300:
                    return None
                return f"Wrong response from the webhook: {response.status} {response.reason}"
        except (aiohttp.ClientError, TimeoutError, OSError) as exc:
            return f"Connection failed: {exc!r}"
