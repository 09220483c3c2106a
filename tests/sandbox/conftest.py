"""Fixtures for the Bot API emulator tests: a fake clock, a started emulator, a real PTB Bot."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest
from telegram import Bot
from telegram.request import HTTPXRequest

from bot.sandbox.emulator import BotApiEmulator, ManualClock

Connect = Callable[..., Awaitable[tuple[BotApiEmulator, Bot]]]


# Proxy settings would catch 127.0.0.1; the emulator speaks plain HTTP, so skip loading CAs
# (that alone costs 20 ms per client).
HTTPX_OPTIONS: dict[str, Any] = {"trust_env": False, "verify": False}


def ptb_request() -> HTTPXRequest:
    """An HTTPX request object for talking to the emulator."""
    return HTTPXRequest(httpx_kwargs=HTTPX_OPTIONS)


def ptb_bot(emu: BotApiEmulator, token: str | None = None) -> Bot:
    """A real python-telegram-bot Bot talking HTTP to the emulator."""
    return Bot(
        token or emu.token,
        base_url=f"{emu.base_url}/bot",
        base_file_url=f"{emu.base_url}/file/bot",
        request=ptb_request(),
        get_updates_request=ptb_request(),
    )


@pytest.fixture(autouse=True)
def _ptb_env(monkeypatch: pytest.MonkeyPatch) -> None:
    # RetryAfter.retry_after warns (an error under filterwarnings=error) unless opted in.
    monkeypatch.setenv("PTB_TIMEDELTA", "true")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")


@pytest.fixture
def new_request() -> Callable[[], HTTPXRequest]:
    """Makes HTTPX request objects suited to the emulator (for Bots built in a test)."""
    return ptb_request


@pytest.fixture
def clock() -> ManualClock:
    """The emulator's monotonic clock: rate limits and callback expiry move only with it."""
    return ManualClock()


@pytest.fixture
async def connect(clock: ManualClock) -> AsyncIterator[Connect]:
    """Start an emulator with the given options and an initialized Bot for it."""
    async with contextlib.AsyncExitStack() as stack:

        async def factory(**options: Any) -> tuple[BotApiEmulator, Bot]:
            options.setdefault("monotonic", clock)
            emu = BotApiEmulator(**options)
            await emu.start()
            stack.push_async_callback(emu.stop)
            bot = await stack.enter_async_context(ptb_bot(emu))
            return emu, bot

        yield factory


@pytest.fixture
async def emu_bot(connect: Connect, tmp_path: Any) -> tuple[BotApiEmulator, Bot]:
    return await connect(files_dir=tmp_path / "files")


@pytest.fixture
def emu(emu_bot: tuple[BotApiEmulator, Bot]) -> BotApiEmulator:
    return emu_bot[0]


@pytest.fixture
def bot(emu_bot: tuple[BotApiEmulator, Bot]) -> Bot:
    return emu_bot[1]
