"""`bonecoach run --webhook`: the bot as a webhook replica behind a load balancer."""

from __future__ import annotations

import asyncio
import logging
import signal

from aiohttp import web
from telegram import Update

from bot.app import build_app, on_shutdown, on_startup
from bot.settings import Settings
from bot.web.server import web_app

log = logging.getLogger("bonecoach.webhook")


async def serve_webhook(settings: Settings) -> None:
    """Start the app, register the webhook (if a public URL is set), serve until a signal."""
    if settings.webhook_secret is None:
        raise ValueError("WEBHOOK_SECRET is required in webhook mode")
    app = build_app(settings, webhook=True)
    await app.initialize()
    await on_startup(app)
    await app.start()
    secret = settings.webhook_secret.get_secret_value()
    if settings.webhook_url:
        await app.bot.set_webhook(
            settings.webhook_url, secret_token=secret, allowed_updates=Update.ALL_TYPES
        )
    runner = web.AppRunner(web_app(app, secret=secret), access_log=None)
    await runner.setup()
    await web.TCPSite(runner, settings.webhook_listen, settings.webhook_port).start()
    log.info("webhook server listening on port %d", settings.webhook_port)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        await runner.cleanup()
        await app.stop()
        await on_shutdown(app)
        await app.shutdown()
