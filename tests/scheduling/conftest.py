"""Fixtures for the tick: real dispatcher, real PTB bot over HTTP, the emulator, a set clock."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, time
from typing import Any

import pytest
from telegram import Bot
from telegram.ext import AIORateLimiter, ExtBot
from telegram.request import HTTPXRequest

from bot.content import load_content
from bot.db.engine import SessionFactory
from bot.db.models import User, UserStatus
from bot.sandbox.emulator import BotApiEmulator
from bot.scheduling.clock import FixedClock
from bot.scheduling.dispatcher import Dispatcher
from bot.services.schedules import refresh_schedule
from handlers.prompts.renderer import PromptRenderer


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
        rate_limiter=AIORateLimiter(max_retries=3),
    )
    async with ext_bot:
        yield ext_bot


@pytest.fixture
def dispatcher(bot: Bot, sessions: SessionFactory) -> Dispatcher:
    """The dispatcher as the app builds it."""
    return Dispatcher(bot, sessions, PromptRenderer(load_content()))


async def add_user(
    sessions: SessionFactory,
    emulator: BotApiEmulator,
    *,
    telegram_id: int,
    zone: str = "Europe/Berlin",
    training: time = time(7, 30),
    nutrition: time = time(20, 0),
    days_mask: int = 0b0010101,
    now: datetime,
    quiet: tuple[time, time] | None = None,
    known_chat: bool = True,
) -> User:
    """An onboarded, active user with his schedule, as onboarding would leave him."""
    if known_chat:
        emulator.add_chat(telegram_id)
    async with sessions() as session:
        user = User(
            telegram_id=telegram_id,
            chat_id=telegram_id,
            status=UserStatus.ACTIVE,
            consented_at=now,
            created_at=now,
            updated_at=now,
            timezone=zone,
            training_time=training,
            nutrition_time=nutrition,
            training_days_mask=days_mask,
            weight_kg=82,
            weight_unit="kg",
            age_band="50-59",
            anastrozole_use="no",
            lab_units="si",
            program_start=now.date(),
            quiet_start=quiet[0] if quiet else None,
            quiet_end=quiet[1] if quiet else None,
        )
        session.add(user)
        await session.commit()
        await refresh_schedule(session, user=user, now=now)
        await session.commit()
        await session.refresh(user)
        return user


@pytest.fixture
def start() -> datetime:
    """Monday 2 March 2026, 00:00 UTC."""
    return datetime(2026, 3, 2, 0, 0, tzinfo=UTC)


@pytest.fixture
def fixed_clock(start: datetime) -> FixedClock:
    """A clock at the start instant."""
    return FixedClock(start)
