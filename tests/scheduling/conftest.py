"""Fixtures for the tick: real dispatcher, real PTB bot over HTTP, the emulator, a set clock."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest
from telegram import Bot
from telegram.ext import ExtBot
from telegram.request import HTTPXRequest

from bot.content import load_content
from bot.db.engine import SessionFactory
from bot.sandbox.emulator import BotApiEmulator
from bot.scheduling.clock import FixedClock
from bot.scheduling.dispatcher import Dispatcher
from bot.scheduling.rendering import PromptRenderer
from bot.scheduling.send_limiter import SendLimiter
from handlers.views.prompts import format_prompt


@pytest.fixture
async def emulator(fixed_clock: FixedClock) -> AsyncIterator[BotApiEmulator]:
    """A strict emulator whose rate limits run on the simulated clock, as time passes for it."""
    async with BotApiEmulator(monotonic=lambda: fixed_clock.now().timestamp()) as emu:
        yield emu


@pytest.fixture
async def bot(emulator: BotApiEmulator) -> AsyncIterator[Bot]:
    """The real python-telegram-bot client, with the same rate limiter as the app."""
    request = HTTPXRequest(httpx_kwargs={"trust_env": False})
    ext_bot: ExtBot[Any] = ExtBot(
        emulator.token,
        base_url=f"{emulator.base_url}/bot",
        request=request,
        rate_limiter=SendLimiter(max_retries=3),
    )
    async with ext_bot:
        yield ext_bot


@pytest.fixture
def dispatcher(bot: Bot, sessions: SessionFactory) -> Dispatcher:
    """The dispatcher as the app builds it."""
    return Dispatcher(bot, sessions, PromptRenderer(load_content(), format_prompt))


@pytest.fixture
def start() -> datetime:
    """Monday 2 March 2026, 00:00 UTC."""
    return datetime(2026, 3, 2, 0, 0, tzinfo=UTC)


@pytest.fixture
def fixed_clock(start: datetime) -> FixedClock:
    """A clock at the start instant."""
    return FixedClock(start)
