"""Flood limits and blocked users during a fan-out, against the real bot process.

The emulator's overall limit (20/s) is far below what the bot tries to send (200/s), so it
answers 429 whenever its bucket is empty; on top of that, a storm answers 429 to every send
for a few seconds (longer than python-telegram-bot's three retries, so the dispatcher itself
gets RetryAfter). One user in ten has blocked the bot before the fan-out (403).

Runs on SQLite only (the single-process deployment; the other fault tests cover PostgreSQL):
what is tested here is the bot's handling of Telegram's answers, not the database.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from pathlib import Path

import pytest
from fleet import (
    bot_process,
    log_text,
    messages_per_chat,
    processes,
    seed_due_users,
    start_polling,
    total_bot_messages,
    training_statuses,
    user_statuses,
    wait_all_final,
)
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.sandbox.emulator import BotApiEmulator

USERS = 150
STORM_AFTER = 40  # prompts delivered before the storm
# python-telegram-bot logs the RetryAfter it gives up on (with its traceback) before the
# dispatcher handles it: that one is expected here, any other traceback is not.
GAVE_UP_ON_429 = "Rate limit hit after maximum of"

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


class Storm:
    """Wraps the emulator's flood limiter: while a storm lasts every send gets 429."""

    def __init__(self, emulator: BotApiEmulator) -> None:
        self.until = 0.0
        self.refused = 0
        self._steady = emulator.core.limiter.acquire
        emulator.core.limiter.acquire = self._acquire  # type: ignore[method-assign]

    def start(self, seconds: float) -> None:
        """Refuse every send for `seconds` from now."""
        self.until = time.monotonic() + seconds

    def end(self) -> None:
        """Back to the steady limit."""
        self.until = 0.0

    def _acquire(self, chat_id: int, *, is_group: bool = False) -> int | None:
        if time.monotonic() < self.until:
            self.refused += 1
            return 1
        return self._steady(chat_id, is_group=is_group)


def unexpected_tracebacks(log: str) -> list[str]:
    """The log line before each traceback, unless it is the expected rate-limit give-up."""
    lines = log.splitlines()
    heads = []
    for number, line in enumerate(lines):
        if line.startswith("Traceback"):
            head = next((h for h in reversed(lines[:number]) if h[:4].isdigit()), "")
            if GAVE_UP_ON_429 not in head:
                heads.append(head)
    return heads


async def test_429_storm_and_blocked_users_lose_nothing_and_double_nothing(
    database_url: str, engine: AsyncEngine, tmp_path: Path
) -> None:
    """Under 429s and 403s: no crash, blocked users failed once, everyone else one prompt."""
    async with BotApiEmulator(global_rate=20) as emulator:
        chats = await seed_due_users(engine, emulator, range(40_000, 40_000 + USERS))
        blocked = set(chats[::10])
        for chat in blocked:
            emulator.block(chat)
        storm = Storm(emulator)
        bot = bot_process(emulator, database_url, tmp_path / "bot.log", SEND_RATE_PER_SECOND="200")
        async with processes(bot):
            await start_polling(bot, emulator)
            await emulator.wait_for(lambda: total_bot_messages(emulator) >= STORM_AFTER, timeout=30)
            storm.start(3.5)
            statuses = await wait_all_final(engine, bot, USERS, within=90)
            assert bot.running, bot.log_tail()
            log_before_stop = log_text(bot)
            await bot.stop()
        counts = messages_per_chat(emulator, chats)
        codes = Counter(r.error_code for r in emulator.rejected)
        context = f"statuses {Counter(statuses.values())}, errors {codes}, storm {storm.refused}"
        print(context)
        assert {c: n for c, n in counts.items() if n != (0 if c in blocked else 1)} == {}, context
        wrong = {c: s for c, s in statuses.items() if s != ("failed" if c in blocked else "sent")}
        assert wrong == {}, context
        assert {c for c, s in (await user_statuses(engine)).items() if s == "blocked"} == blocked
        forbidden = Counter(
            r.params.get("chat_id") for r in emulator.rejected if r.error_code == 403
        )
        assert sorted(forbidden.values()) == [1] * len(blocked), f"403s per chat: {forbidden}"
        assert set(codes) == {403, 429}, context
        assert storm.refused > 0, "the storm never hit a send"
        assert codes[429] > storm.refused, "the steady limit never answered 429"
        assert unexpected_tracebacks(log_before_stop) == [], bot.log_tail(80)


async def test_sigterm_during_429_storm_loses_nothing(
    database_url: str, engine: AsyncEngine, tmp_path: Path
) -> None:
    """A polite stop (a deploy) while Telegram answers 429: clean exit, then one prompt each."""
    async with BotApiEmulator(global_rate=20) as emulator:
        chats = await seed_due_users(engine, emulator, range(41_000, 41_060))
        storm = Storm(emulator)
        bot = bot_process(emulator, database_url, tmp_path / "bot.log", SEND_RATE_PER_SECOND="200")
        async with processes(bot):
            await start_polling(bot, emulator)
            await emulator.wait_for(lambda: total_bot_messages(emulator) >= 20, timeout=30)
            storm.start(30)
            refused = storm.refused
            await emulator.wait_for(lambda: storm.refused > refused, timeout=10)
            await asyncio.sleep(0.5)  # the dispatcher waits out retry_after
            exit_code = await bot.stop()
            after_stop = Counter((await training_statuses(engine)).values())
            storm.end()
            await start_polling(bot, emulator)
            statuses = await wait_all_final(engine, bot, len(chats), within=60)
            await bot.stop()
        counts = messages_per_chat(emulator, chats)
        context = f"right after the stop {after_stop}; in the end {Counter(statuses.values())}"
        print(context)
        assert exit_code == 0, bot.log_tail()
        assert sorted(Counter(counts.values()).items()) == [(1, len(chats))], context
        assert unexpected_tracebacks(log_text(bot)) == [], bot.log_tail(60)
