"""The baseline for the fan-out benchmark: `send_message` calls in a loop, no database.

It sends the same message the dispatcher sends (a rendered training prompt with its
buttons), one chat after another, through the same python-telegram-bot stack the app uses
(ExtBot, its defaults, the SendLimiter with the limit lifted); `--plain` uses a bare Bot.
Run by bench/fanout.py as its own process (the emulator lives in the driver process):
    python bench/raw_sender.py FIRST_CHAT COUNT [--plain]
with TELEGRAM_BOT_TOKEN and TELEGRAM_API_URL set. Prints the seconds the loop took.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import time
from datetime import UTC, datetime
from typing import Any

from telegram import Bot, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import Defaults, ExtBot
from telegram.request import HTTPXRequest

from bot.content import load_content
from bot.db.models import DeliveryKind, User
from bot.scheduling.rendering import Outgoing
from bot.scheduling.send_limiter import SendLimiter
from bot.services.accounts import account_of
from bot.services.deliveries import DeliveryView
from bot.services.prompts import BatchPrompts
from handlers.views.prompts import format_prompt


async def training_prompt() -> Outgoing:
    """A training prompt as the dispatcher renders it for a new user (no history)."""
    now = datetime.now(UTC)
    today = now.date()
    user = User(
        id=1,
        telegram_id=1,
        chat_id=1,
        training_days_mask=0b1111111,
        program_start=today,
        consented_at=now,
        created_at=now,
        updated_at=now,
    )
    delivery = DeliveryView(
        id=1, kind=DeliveryKind.TRAINING, local_day=today, message_id=None, answered=False
    )
    content = load_content()
    uow: Any = None  # a training prompt with its history given needs no database
    prompts = BatchPrompts(content, histories={})
    prompt = await prompts.what_to_send(uow, account=account_of(user), delivery=delivery, now=now)
    assert prompt is not None
    return format_prompt(prompt, content)


def make_bot(plain: bool) -> Bot:
    """The app's bot configuration (limit lifted), or a bare Bot."""
    token, api = os.environ["TELEGRAM_BOT_TOKEN"], os.environ["TELEGRAM_API_URL"]
    request = HTTPXRequest(connection_pool_size=16, httpx_kwargs={"trust_env": False})
    if plain:
        return Bot(token, base_url=f"{api}/bot", request=request)
    return ExtBot(
        token,
        base_url=f"{api}/bot",
        request=request,
        defaults=Defaults(
            parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)
        ),
        rate_limiter=SendLimiter(overall_max_rate=10_000, max_retries=3),
    )


async def main() -> None:
    """Send one prompt to each of COUNT chats, one after another; print the elapsed seconds."""
    parser = argparse.ArgumentParser()
    parser.add_argument("first_chat", type=int)
    parser.add_argument("count", type=int)
    parser.add_argument("--plain", action="store_true")
    args = parser.parse_args()
    message = await training_prompt()
    parse_mode = ParseMode.HTML if args.plain else None  # ExtBot's defaults say HTML
    async with make_bot(args.plain) as bot:
        started = time.perf_counter()
        for chat in range(args.first_chat, args.first_chat + args.count):
            await bot.send_message(
                chat, message.text, reply_markup=message.markup, parse_mode=parse_mode
            )
        print(f"{time.perf_counter() - started:.6f}")


if __name__ == "__main__":
    asyncio.run(main())
