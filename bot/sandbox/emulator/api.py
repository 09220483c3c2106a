"""BotApiEmulator: a strict Telegram Bot API on 127.0.0.1 for tests and the sandbox chat.

Point python-telegram-bot at it with
``ApplicationBuilder().token(emu.token).base_url(f"{emu.base_url}/bot")
.base_file_url(f"{emu.base_url}/file/bot")``. It answers like Telegram, errors included,
so a call Telegram would reject fails in tests first; every error answer is kept in
``rejected``.
"""

from __future__ import annotations

import asyncio
import collections
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from aiohttp import web

from bot.sandbox.emulator.core import Core
from bot.sandbox.emulator.limits import RateLimiter
from bot.sandbox.emulator.models import ChatEvent, RejectedCall, SentMessage
from bot.sandbox.emulator.server import build_app
from bot.sandbox.emulator.state import EmulatorState
from bot.sandbox.emulator.users import UserActions
from bot.sandbox.emulator.webhook import WebhookPusher


class BotApiEmulator(UserActions):
    """The Telegram Bot API for one bot token, with simulated users (see UserActions)."""

    def __init__(
        self,
        *,
        token: str = "123456:SANDBOX-TOKEN",  # noqa: S107 - a fake token
        bot_username: str = "BoneCoachBot",
        global_rate: float = 30.0,
        chat_rate: float = 1.0,
        chat_burst: int = 10,
        rate_limits: bool = True,
        files_dir: Path | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.token = token
        self.state = EmulatorState(token=token, bot_username=bot_username, monotonic=monotonic)
        limiter = RateLimiter(
            global_rate=global_rate,
            chat_rate=chat_rate,
            chat_burst=chat_burst,
            enabled=rate_limits,
            monotonic=monotonic,
        )
        self.core = Core(self.state, limiter, WebhookPusher(self.state), files_dir)
        self._runner: web.AppRunner | None = None
        self._port: int | None = None
        self._host = "127.0.0.1"

    # lifecycle
    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        """Serve on host:port (0 picks a free port)."""
        runner = web.AppRunner(build_app(self.core), handler_cancellation=True, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, host, port)
        await site.start()
        self._runner, self._host = runner, host
        self._port = int(runner.addresses[0][1])

    async def stop(self) -> None:
        """Answer pending long polls, stop webhook pushes, close the server."""
        self.state.closed = True
        self.state.touch()
        await self.core.webhook.delete()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> BotApiEmulator:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        """http://127.0.0.1:PORT of the running server."""
        if self._port is None:
            raise RuntimeError("the emulator is not started")
        return f"http://{self._host}:{self._port}"

    # what the bot did
    @property
    def rejected(self) -> list[RejectedCall]:
        """Every error answer (4xx, and 500 for emulator bugs), in order."""
        return self.state.rejected

    @property
    def commands(self) -> list[dict[str, str]]:
        """The commands of the last setMyCommands."""
        return self.state.last_commands

    @property
    def webhook_url(self) -> str | None:
        """The webhook url, if one is set."""
        return self.core.webhook.url

    @property
    def call_counts(self) -> collections.Counter[str]:
        """Calls per Bot API method name."""
        return self.state.call_counts

    @property
    def events(self) -> list[ChatEvent]:
        """Every chat event so far."""
        return self.state.events

    @property
    def pending_updates(self) -> list[dict[str, Any]]:
        """Updates not yet confirmed by the bot."""
        return list(self.state.updates)

    # observation
    def messages(self, chat_id: int) -> list[SentMessage]:
        """All messages in the chat, the user's and the bot's, in order."""
        chat = self.state.chats.get(chat_id)
        return list(chat.messages) if chat is not None else []

    def bot_messages(self, chat_id: int) -> list[SentMessage]:
        """The bot's messages in the chat, in order."""
        return [msg for msg in self.messages(chat_id) if msg.from_bot]

    def callback_answers(self, chat_id: int) -> list[str | None]:
        """Texts of the bot's answers to button presses in the chat (None: no text)."""
        return [
            event.text
            for event in self.state.events
            if event.kind == "callback_answer" and event.chat_id == chat_id
        ]

    def subscribe(self, listener: Callable[[ChatEvent], None]) -> None:
        """Call listener with every chat event from now on."""
        self.state.listeners.append(listener)

    def unsubscribe(self, listener: Callable[[ChatEvent], None]) -> None:
        """Stop calling listener."""
        self.state.listeners.remove(listener)

    async def wait_for(
        self,
        predicate: Callable[[], bool],
        *,
        timeout: float = 5.0,  # noqa: ASYNC109 - public API
    ) -> None:
        """Return once predicate() is true (checked on every change); TimeoutError otherwise."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not predicate():
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(f"condition not met within {timeout}s")
            await self.state.changes.wait(remaining)

    async def wait_for_bot_messages(
        self,
        chat_id: int,
        count: int,
        *,
        timeout: float = 5.0,  # noqa: ASYNC109 - public API
    ) -> list[SentMessage]:
        """All bot messages of the chat once there are at least count of them."""
        try:
            await self.wait_for(lambda: len(self.bot_messages(chat_id)) >= count, timeout=timeout)
        except TimeoutError:
            got = self.bot_messages(chat_id)
            seen = [msg.plain_text for msg in got]
            raise TimeoutError(
                f"chat {chat_id}: expected at least {count} bot message(s) within {timeout}s, "
                f"got {len(got)}: {seen!r}; rejected calls: {self.rejected!r}"
            ) from None
        return self.bot_messages(chat_id)
