"""SIGKILL the real bot process again and again in the middle of a 1,000-user fan-out.

Each round starts `bonecoach run` (polling, 1 s tick), waits until that process has put at
least one prompt on the wire (so the fan-out is under way), waits a random 0-0.4 s more and
kills it with SIGKILL. Whenever fewer than 300 prompts are left, 500 more users come due, so
a fast bot cannot finish before the last kill. After the last round a final process finishes
the fan-out. The kill delays
come from a seeded random.Random: the seed is printed and in every assertion message, and
FAULT_SEED=<seed> replays the same delays (timing on a real clock is never exactly equal).

Delivery is at most once on the wire: a kill after `sending` is committed but before the
request reaches Telegram loses that prompt (the delivery ends `unconfirmed`, never resent).
So the test is strict about doubles, and about losses for every delivery that is not
`unconfirmed`; it reports how many prompts the at-most-once window cost.

For measuring that window: FAULT_KILLS=<n> (rounds on either database), FAULT_SEND_RATE=<n>
(the bot's SEND_RATE_PER_SECOND, default 500: no waiting in the bot's own limiter; 28 is the
production default), FAULT_SYNC_COMMIT=on (keep PostgreSQL's durable commits).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import time
from collections import Counter
from pathlib import Path

from fleet import (
    bot_process,
    check_one_prompt_each,
    fast_commits,
    log_text,
    messages_per_chat,
    non_429,
    processes,
    seed_due_users,
    start_polling,
    total_bot_messages,
    wait_all_final,
)
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.sandbox.emulator import BotApiEmulator

USERS = 1000
TOP_UP_BELOW, TOP_UP = 300, 500  # more users come due when fewer are left (a fast bot)
# Each round costs a process start (~2 s here, prewarmed). FAULT_KILLS=<n> sets both.
KILLS = {"postgresql": 20, "sqlite": 20}
MAX_KILL_DELAY = 0.4


async def test_repeated_sigkill_mid_fan_out_never_doubles_a_prompt(
    database_url: str, engine: AsyncEngine, tmp_path: Path
) -> None:
    """SIGKILLs mid-fan-out: nobody gets two prompts; only `unconfirmed` ones may be lost."""
    dialect = database_url.split("+")[0]
    kills_wanted = int(os.environ.get("FAULT_KILLS", str(KILLS[dialect])))
    seed = int(os.environ.get("FAULT_SEED", str(random.randrange(2**32))))
    rng = random.Random(seed)
    print(f"FAULT_SEED={seed}")
    send_rate = os.environ.get("FAULT_SEND_RATE", "500")
    durable = os.environ.get("FAULT_SYNC_COMMIT") == "on"
    commits = contextlib.nullcontext() if durable else fast_commits(engine)
    async with commits, BotApiEmulator(global_rate=1000) as emulator:
        chats = await seed_due_users(engine, emulator, range(10_000, 10_000 + USERS))
        # Two process slots taking turns: the next one imports while the current one runs.
        gos = [tmp_path / "go-0", tmp_path / "go-1"]
        slots = [
            bot_process(
                emulator,
                database_url,
                tmp_path / "bot.log",
                go_file=go,
                SEND_RATE_PER_SECOND=send_rate,
            )
            for go in gos
        ]
        kills: list[tuple[float, int]] = []  # (delay, messages when killed)
        async with processes(*slots):
            await slots[0].start()
            for round_ in range(kills_wanted):
                bot, spare = slots[round_ % 2], slots[(round_ + 1) % 2]
                before = total_bot_messages(emulator)
                if len(chats) - before < TOP_UP_BELOW:  # every kill lands mid-fan-out
                    first = 10_000 + len(chats)
                    chats += await seed_due_users(engine, emulator, range(first, first + TOP_UP))
                await start_polling(bot, emulator, gos[round_ % 2])
                await spare.start()
                try:
                    await emulator.wait_for(
                        lambda: total_bot_messages(emulator) > before or not bot.running,  # noqa: B023
                        timeout=20,
                    )
                except TimeoutError:
                    raise AssertionError(
                        f"seed {seed}: round {round_} sent nothing\n{bot.log_tail()}"
                    ) from None
                assert bot.running, f"seed {seed}: round {round_} died\n{bot.log_tail()}"
                delay = rng.uniform(0, MAX_KILL_DELAY)
                await asyncio.sleep(delay)
                await bot.kill()
                kills.append((round(delay, 3), total_bot_messages(emulator)))
            bot = slots[kills_wanted % 2]
            started = time.monotonic()
            await start_polling(bot, emulator, gos[kills_wanted % 2])
            statuses = await wait_all_final(engine, bot, len(chats), within=120)
            finish_s = time.monotonic() - started
            assert await bot.stop() == 0, bot.log_tail()
        counts = messages_per_chat(emulator, chats)
        context = (
            f"seed {seed}, {dialect}, {len(chats)} users, send rate {send_rate}, "
            f"durable commits {durable}, "
            f"kills (delay s, messages) {kills}, statuses {Counter(statuses.values())}"
        )
        lost, unconfirmed_delivered = check_one_prompt_each(counts, statuses, context)
        print(
            f"{len(kills)} kills; {len(lost)} prompts lost in the at-most-once window, "
            f"{len(unconfirmed_delivered)} delivered but unconfirmed; final run {finish_s:.1f}s; "
            f"{context}"
        )
        assert kills[-1][1] < len(chats), f"the fan-out ended before the last kill: {context}"
        assert set(statuses.values()) <= {"sent", "unconfirmed"}, context
        assert non_429(emulator) == [], f"Telegram would have rejected: {non_429(emulator)}"
        assert "Traceback" not in log_text(bot), bot.log_tail(80)
