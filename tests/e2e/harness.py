"""The end-to-end harness: the real bot (polling over HTTP) against the Bot API emulator."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from pydantic import SecretStr
from telegram import Update
from telegram.ext import TypeHandler

from bot.app import BoneApp, build_app, start_polling, stop_polling
from bot.sandbox.emulator import BotApiEmulator, SentMessage
from bot.scheduling.clock import FixedClock
from bot.settings import Settings

START = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)  # Monday, 07:00 in Berlin


class Chat:
    """One user's private chat, driven like a person would: type, tap, read."""

    def __init__(self, harness: Harness, chat_id: int) -> None:
        self.harness = harness
        self.chat_id = chat_id

    @property
    def emulator(self) -> BotApiEmulator:
        """The emulator this chat lives in."""
        return self.harness.emulator

    def bot_messages(self) -> list[SentMessage]:
        """Everything the bot has sent here (edits applied)."""
        return self.emulator.bot_messages(self.chat_id)

    def last(self) -> SentMessage:
        """The latest bot message."""
        return self.bot_messages()[-1]

    def last_text(self) -> str:
        """What the user sees in the latest bot message."""
        return self.last().plain_text or ""

    async def settle(self, expect_new: int) -> list[SentMessage]:
        """Wait until the bot has handled every update sent so far and sent `expect_new` new
        messages here; return the new ones."""
        before = self._seen
        await self.harness.all_handled()
        await self.emulator.wait_for_bot_messages(self.chat_id, before + expect_new, timeout=10)
        messages = self.bot_messages()
        self._seen = len(messages)
        return messages[before:]

    @property
    def _seen(self) -> int:
        return self.harness.seen.get(self.chat_id, 0)

    @_seen.setter
    def _seen(self, value: int) -> None:
        self.harness.seen[self.chat_id] = value

    async def send(self, text: str, *, expect: int = 1) -> list[SentMessage]:
        """Type a message; return the bot messages it caused."""
        self.emulator.user_sends(self.chat_id, text)
        return await self.settle(expect)

    async def tap(self, label: str, *, expect: int = 1) -> list[SentMessage]:
        """Tap the newest button whose label contains `label`, as a person would."""
        for message in reversed(self.bot_messages()):
            markup = message.reply_markup or {}
            for row in markup.get("inline_keyboard", []):
                for button in row:
                    if label in button["text"]:
                        self.emulator.user_presses(
                            self.chat_id, message.message_id, button["callback_data"]
                        )
                        return await self.settle(expect)
        raise AssertionError(f"no button {label!r} in this chat")

    def buttons(self, message: SentMessage | None = None) -> list[str]:
        """Labels of a message's inline buttons (default: the latest message with any)."""
        if message is None:
            keyed = [
                m for m in self.bot_messages() if (m.reply_markup or {}).get("inline_keyboard")
            ]
            message = keyed[-1] if keyed else self.last()
        markup = message.reply_markup or {}
        return [b["text"] for row in markup.get("inline_keyboard", []) for b in row]

    def message(self, message_id: int) -> SentMessage:
        """A bot message as it is now (edits applied)."""
        return next(m for m in self.bot_messages() if m.message_id == message_id)


class Harness:
    """The emulator, the bot app and the clock, with restart."""

    def __init__(self, emulator: BotApiEmulator, database_url: str) -> None:
        self.emulator = emulator
        self.clock = FixedClock(START)
        self.settings = Settings(
            telegram_bot_token=SecretStr(emulator.token),
            telegram_api_url=emulator.base_url,
            database_url=database_url,
            scheduler_tick_seconds=3600,
        )
        self.app: BoneApp | None = None
        self.seen: dict[int, int] = {}
        self._handled = 0  # every update id up to this one has been handled
        self._done_ids: set[int] = set()
        self._progress = asyncio.Condition()

    async def _mark_handled(self, update: object, context: object) -> None:
        """Runs after every other handler group has finished with the update."""
        if isinstance(update, Update):
            async with self._progress:
                # Chats are handled concurrently: count the ids seen, not the highest one.
                self._done_ids.add(update.update_id)
                while self._handled + 1 in self._done_ids:
                    self._handled += 1
                self._progress.notify_all()

    async def all_handled(self) -> None:
        """Wait until every update the emulator has produced went through the bot's handlers."""
        target = self.emulator.state.next_update_id - 1
        async with self._progress:
            await asyncio.wait_for(self._progress.wait_for(lambda: self._handled >= target), 10)

    async def start(self) -> None:
        """Build and start the bot."""
        self.app = build_app(self.settings, clock=self.clock)
        self.app.add_handler(TypeHandler(Update, self._mark_handled), group=1000)
        await start_polling(self.app)

    async def stop(self) -> None:
        """Stop the bot cleanly."""
        if self.app is not None:
            await stop_polling(self.app)
            self.app = None

    async def restart(self) -> None:
        """Stop and start a new bot process-equivalent on the same database."""
        await self.stop()
        await self.start()

    async def tick_at(self, at: datetime) -> None:
        """Move the bot's clock to `at` and run one scheduler tick."""
        self.clock.set(at)
        assert self.app is not None
        await self.app.bot_data.ticker.tick()

    def chat(self, chat_id: int = 5001) -> Chat:
        """A private chat with the user `chat_id`."""
        return Chat(self, chat_id)
