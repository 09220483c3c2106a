"""A bare python-telegram-bot echo bot: the baseline of bench/checkin_throughput.py.

It answers every text message with the same text (reply_text), with no database, no rate
limiter and no other handlers, and talks HTTP like the real bot (bot/app.py `_request`: a
pool of 16 connections, no proxy for a loopback API) and polls the same way
(poll_interval 0, timeout 10). Reads TELEGRAM_BOT_TOKEN and TELEGRAM_API_URL.

Run:  TELEGRAM_BOT_TOKEN=... TELEGRAM_API_URL=http://127.0.0.1:PORT \\
      .venv/bin/python bench/echo_bot.py run
(`run` is optional; it lets bot.sandbox.bot_process.BotProcess start it as `-m echo_bot run`.)
"""

from __future__ import annotations

import logging
import os
from datetime import timedelta
from typing import Any
from urllib.parse import urlparse

from telegram import Update
from telegram.ext import Application, ApplicationBuilder, ContextTypes, MessageHandler, filters
from telegram.request import HTTPXRequest

EchoApp = Application[Any, Any, Any, Any, Any, Any]


def http_request(api_url: str, *, read_timeout: float) -> HTTPXRequest:
    """The same HTTP client settings as bot/app.py."""
    loopback = (urlparse(api_url).hostname or "") in {"127.0.0.1", "localhost", "::1"}
    return HTTPXRequest(
        connection_pool_size=16,
        read_timeout=read_timeout,
        httpx_kwargs={"trust_env": not loopback},
    )


async def echo(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer with the text received."""
    message = update.effective_message
    if message is not None and message.text:
        await message.reply_text(message.text)


def build(token: str, api_url: str) -> EchoApp:
    """The echo application."""
    api_url = api_url.rstrip("/")
    app: EchoApp = (
        ApplicationBuilder()
        .token(token)
        .base_url(f"{api_url}/bot")
        .base_file_url(f"{api_url}/file/bot")
        .request(http_request(api_url, read_timeout=10))
        .get_updates_request(http_request(api_url, read_timeout=40))
        .job_queue(None)
        .build()
    )
    app.add_handler(MessageHandler(filters.TEXT, echo))
    return app


def main() -> None:
    """Poll until SIGTERM/SIGINT."""
    logging.basicConfig(level=logging.WARNING)
    token = os.environ["TELEGRAM_BOT_TOKEN"]
    api_url = os.environ.get("TELEGRAM_API_URL", "https://api.telegram.org")
    build(token, api_url).run_polling(
        poll_interval=0.0, timeout=timedelta(seconds=10), allowed_updates=Update.ALL_TYPES
    )


if __name__ == "__main__":
    main()
