"""End-to-end fixtures: a running bot against a fresh emulator, on each database."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from harness import Harness
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.sandbox.emulator import BotApiEmulator


@pytest.fixture
async def harness(database_url: str, engine: AsyncEngine, tmp_path: Path) -> AsyncIterator[Harness]:
    """A running bot on a migrated, empty database (the `engine` fixture), on a fresh emulator."""
    # A test types far faster than a person can; a bigger per-chat burst keeps Telegram's
    # sustained 1/s limit from throttling replies to superhuman typing. Limits have own tests.
    async with BotApiEmulator(chat_burst=100, files_dir=tmp_path / "files") as emulator:
        harness = Harness(emulator, database_url)
        await harness.start()
        try:
            yield harness
        finally:
            await harness.stop()
        assert emulator.rejected == [], f"Telegram would have rejected: {emulator.rejected}"
