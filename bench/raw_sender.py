"""The baseline for the fan-out benchmark: plain `send_message` calls in a loop, no database.

Run by bench/fanout.py as its own process (the emulator lives in the driver process):
    python bench/raw_sender.py FIRST_CHAT COUNT
with TELEGRAM_BOT_TOKEN and TELEGRAM_API_URL set. Prints the seconds the loop took.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time

from telegram import Bot
from telegram.request import HTTPXRequest


async def main(first_chat: int, count: int) -> None:
    """Send `count` messages, one per chat, one after another; print the elapsed seconds."""
    api = os.environ["TELEGRAM_API_URL"]
    bot = Bot(
        os.environ["TELEGRAM_BOT_TOKEN"],
        base_url=f"{api}/bot",
        request=HTTPXRequest(connection_pool_size=16, httpx_kwargs={"trust_env": False}),
    )
    async with bot:
        started = time.perf_counter()
        for chat in range(first_chat, first_chat + count):
            await bot.send_message(chat, "Week 1 · raw baseline")
        print(f"{time.perf_counter() - started:.6f}")


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), int(sys.argv[2])))
