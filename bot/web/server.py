"""An aiohttp server for webhook mode: POST updates (secret checked), /healthz, /metrics."""

from __future__ import annotations

import hmac
import json
import logging
import time

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import text
from telegram import Update

from bot.app import BoneApp

log = logging.getLogger("bonecoach.web")
HEADER_NAME = "X-Telegram-Bot-Api-Secret-Token"  # carries the webhook secret
APP_KEY: web.AppKey[BoneApp] = web.AppKey("bone_app", BoneApp)
SECRET_KEY: web.AppKey[str] = web.AppKey("secret", str)
STALE_TICK_SECONDS_FACTOR = 3


async def receive_update(request: web.Request) -> web.Response:
    """One update from Telegram: 403 without the right secret, else queue it and say OK."""
    secret = request.app[SECRET_KEY]
    given = request.headers.get(HEADER_NAME, "")
    if not hmac.compare_digest(given.encode(), secret.encode()):
        return web.Response(status=403, text="forbidden")
    try:
        payload = await request.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        return web.Response(status=400, text="bad update")
    app = request.app[APP_KEY]
    update = Update.de_json(payload, app.bot)
    if update is None:
        return web.Response(status=400, text="bad update")
    await app.update_queue.put(update)
    return web.Response(text="ok")


async def healthz(request: web.Request) -> web.Response:
    """200 when the database answers and the scheduler ticked recently; 503 otherwise."""
    app = request.app[APP_KEY]
    resources = app.bot_data.resources
    problems = []
    try:
        async with resources.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
    except Exception as exc:  # the reason matters to the operator, not the type
        problems.append(f"database: {type(exc).__name__}")
    ticker = app.bot_data.ticker
    limit = resources.settings.scheduler_tick_seconds * STALE_TICK_SECONDS_FACTOR
    if (
        ticker.last_tick_monotonic is not None
        and time.monotonic() - ticker.last_tick_monotonic > limit
    ):
        problems.append("scheduler: no tick lately")
    if problems:
        return web.json_response({"ok": False, "problems": problems}, status=503)
    return web.json_response({"ok": True})


async def metrics(request: web.Request) -> web.Response:
    """Prometheus text format."""
    registry = request.app[APP_KEY].bot_data.metrics.registry
    body = generate_latest(registry)
    return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})


def web_app(app: BoneApp, *, secret: str, path: str = "/telegram") -> web.Application:
    """The routes of a webhook replica."""
    server = web.Application(client_max_size=1024 * 1024)
    server[APP_KEY] = app
    server[SECRET_KEY] = secret
    server.router.add_post(path, receive_update)
    server.router.add_get("/healthz", healthz)
    server.router.add_get("/metrics", metrics)
    return server
