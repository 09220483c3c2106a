"""Webhook mode: updates pushed by the Bot API with the secret, health and metrics."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest
from aiohttp import web
from pydantic import SecretStr
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.app import BoneApp, build_app, on_shutdown, on_startup
from bot.sandbox.emulator import BotApiEmulator
from bot.settings import Settings
from bot.web.server import HEADER_NAME, web_app

SECRET = "s3cret-Token_1"


@pytest.fixture
async def replica(
    database_url: str, engine: AsyncEngine
) -> AsyncIterator[tuple[BotApiEmulator, BoneApp, str]]:
    """A webhook replica on 127.0.0.1 with the emulator pushing updates to it."""
    async with BotApiEmulator() as emulator:
        settings = Settings(
            telegram_bot_token=SecretStr(emulator.token),
            telegram_api_url=emulator.base_url,
            database_url=database_url,
            scheduler_tick_seconds=3600,
            webhook_secret=SecretStr(SECRET),
        )
        app = build_app(settings, webhook=True)
        await app.initialize()
        await on_startup(app)
        await app.start()
        runner = web.AppRunner(web_app(app, secret=SECRET))
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = runner.addresses[0][1]
        base = f"http://127.0.0.1:{port}"
        await app.bot.set_webhook(f"{base}/telegram", secret_token=SECRET)
        try:
            yield emulator, app, base
        finally:
            await runner.cleanup()
            await app.stop()
            await on_shutdown(app)
            await app.shutdown()


async def test_pushed_updates_are_answered(replica: tuple[BotApiEmulator, BoneApp, str]) -> None:
    """With a webhook set, /start pushed by the Bot API gets the welcome."""
    emulator, _, _ = replica
    emulator.user_sends(77, "/start")
    replies = await emulator.wait_for_bot_messages(77, 1, timeout=10)
    assert "Welcome to BoneCoach" in (replies[0].plain_text or "")


@pytest.mark.parametrize("secret", [None, "wrong"])
async def test_wrong_or_missing_secret_is_refused(
    replica: tuple[BotApiEmulator, BoneApp, str], secret: str | None
) -> None:
    """A POST without Telegram's secret header (or a wrong one) gets 403 and does nothing."""
    _, app, base = replica
    headers = {HEADER_NAME: secret} if secret else {}
    async with httpx.AsyncClient(trust_env=False) as client:
        response = await client.post(
            f"{base}/telegram",
            json={
                "update_id": 1,
                "message": {
                    "message_id": 1,
                    "date": 0,
                    "chat": {"id": 9, "type": "private"},
                    "text": "/start",
                },
            },
            headers=headers,
        )
    assert response.status_code == 403
    await asyncio.sleep(0.05)
    assert app.update_queue.empty()


async def test_health_and_metrics(replica: tuple[BotApiEmulator, BoneApp, str]) -> None:
    """/healthz is 200 with a live database; /metrics counts handled updates."""
    emulator, _, base = replica
    emulator.user_sends(78, "/help")
    await emulator.wait_for_bot_messages(78, 1, timeout=10)
    async with httpx.AsyncClient(trust_env=False) as client:
        health = await client.get(f"{base}/healthz")
        metrics = await client.get(f"{base}/metrics")
    assert health.status_code == 200
    assert health.json() == {"ok": True}
    assert "bonecoach_updates_total 1.0" in metrics.text
    assert "bonecoach_handler_seconds_count 1.0" in metrics.text
