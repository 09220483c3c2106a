"""PostgreSQL restarts under the running bot.

The shared test server is not restarted: the bot reaches PostgreSQL through a TCP proxy
(pg_proxy.py) that plays the restart by cutting every session at once and refusing new
connections for a few seconds, then accepting again.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from fleet import bot_process, seed_due_users, start_polling, utc_now
from pg_proxy import PgProxy
from sqlalchemy import select, update
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.db.models import NutritionEntry, Schedule, User
from bot.sandbox.bot_process import BotProcess
from bot.sandbox.emulator import BotApiEmulator, ChatEvent
from handlers.views.texts import ERROR_REPLY

OUTAGE_SECONDS = 3.0
RECOVERY_SECONDS = 10.0  # for the bot to catch up once PostgreSQL is back
CHECKIN = "/log calcium 1200mg"
LOGGED = "Calcium: 1200 mg logged"
HELP_TITLE = "What BoneCoach does"
USERS = list(range(30_000, 30_006))  # type during the outage
LATE_USER = 30_100  # writes before and after the outage
PROMPTED_USER = 30_101  # his training prompt comes due after the outage

pytestmark = pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)


@dataclass
class Rig:
    """The emulator, the proxy and the bot behind it."""

    emulator: BotApiEmulator
    proxy: PgProxy
    bot: BotProcess


@pytest.fixture
async def rig(database_url: str, engine: AsyncEngine, tmp_path: Path) -> AsyncIterator[Rig]:
    """A polling bot whose every database connection goes through the proxy."""
    async with BotApiEmulator(chat_burst=100) as emulator:
        later = utc_now().replace(microsecond=0) + timedelta(hours=6)  # no prompt due
        await seed_due_users(engine, emulator, [*USERS, LATE_USER, PROMPTED_USER], due_at=later)
        proxy = PgProxy()
        await proxy.start()
        proxied = make_url(database_url).set(port=proxy.port)
        bot = bot_process(
            emulator, proxied.render_as_string(hide_password=False), tmp_path / "bot.log"
        )
        try:
            await start_polling(bot, emulator)
            yield Rig(emulator, proxy, bot)
        finally:
            await bot.kill()
            await proxy.stop()


def replies(emulator: BotApiEmulator, chat_id: int) -> list[str]:
    """What the bot wrote in the chat."""
    return [m.plain_text or "" for m in emulator.bot_messages(chat_id)]


async def handled(emulator: BotApiEmulator, chat_id: int, *texts: str) -> list[str]:
    """Send texts and then /help (no database), and wait for the help: one chat's updates
    are handled in order, so everything before it, error handling included, is done."""

    def helps() -> int:
        return sum(HELP_TITLE in t for t in replies(emulator, chat_id))

    before = helps()
    for text in (*texts, "/help"):
        emulator.user_sends(chat_id, text)
    await emulator.wait_for(lambda: helps() > before, timeout=15)
    return replies(emulator, chat_id)


async def entries(engine: AsyncEngine) -> dict[int, list[float]]:
    """Chat id -> calcium amounts stored for him."""
    async with engine.connect() as connection:
        rows = await connection.execute(
            select(User.chat_id, NutritionEntry.amount)
            .join(User, User.id == NutritionEntry.user_id)  # type: ignore[arg-type]
            .where(NutritionEntry.nutrient == "calcium")
            .order_by(NutritionEntry.id)
        )
    stored: dict[int, list[float]] = {}
    for chat, amount in rows.all():
        stored.setdefault(int(chat), []).append(float(amount))
    return stored


async def test_bot_reconnects_after_postgres_restart(rig: Rig, engine: AsyncEngine) -> None:
    """After the restart the same process stores check-ins again and sends due prompts."""
    emulator, bot, proxy = rig.emulator, rig.bot, rig.proxy
    await handled(emulator, LATE_USER, "/log calcium 500mg")
    proxy.outage()
    assert proxy.dropped > 0, "the bot held no connection to cut"
    await asyncio.sleep(OUTAGE_SECONDS)
    proxy.recover()
    emulator.user_sends(LATE_USER, CHECKIN)
    await emulator.wait_for(
        lambda: any(LOGGED in text for text in replies(emulator, LATE_USER)), timeout=30
    )
    async with engine.begin() as connection:  # his prompt comes due now
        user_id = await connection.scalar(select(User.id).where(User.chat_id == PROMPTED_USER))
        await connection.execute(
            update(Schedule).where(Schedule.user_id == user_id).values(next_due_at=utc_now())
        )
    await emulator.wait_for(lambda: bool(replies(emulator, PROMPTED_USER)), timeout=30)
    assert bot.running, bot.log_tail()
    assert (await entries(engine))[LATE_USER] == [500.0, 1200.0]
    assert ERROR_REPLY not in replies(emulator, LATE_USER)
    assert [r for r in emulator.rejected if r.error_code != 429] == []


async def test_checkins_typed_during_postgres_restart_are_not_lost(
    rig: Rig, engine: AsyncEngine
) -> None:
    """Check-ins typed while PostgreSQL restarts are each stored once and confirmed once."""
    emulator, proxy = rig.emulator, rig.proxy
    await handled(emulator, LATE_USER, "/log calcium 500mg")  # the pool is open and warm
    proxy.outage()
    for chat in USERS:
        emulator.user_sends(chat, CHECKIN)
    await asyncio.sleep(OUTAGE_SECONDS)
    during = {chat: replies(emulator, chat) for chat in USERS}
    refused = proxy.refused
    proxy.recover()
    with contextlib.suppress(TimeoutError):  # the assertions below say what is missing
        await emulator.wait_for(
            lambda: all(any(LOGGED in t for t in replies(emulator, c)) for c in USERS),
            timeout=RECOVERY_SECONDS,
        )
    stored = await entries(engine)
    after = {chat: replies(emulator, chat) for chat in USERS}
    report = (
        f"refused connections during the outage: {refused}; replies during the outage: "
        f"{during}; replies in the end: {after}; stored: {stored}"
    )
    print(report)
    assert rig.bot.running, rig.bot.log_tail()
    assert {chat: stored.get(chat, []) for chat in USERS} == {c: [1200.0] for c in USERS}, report
    assert all(sum(LOGGED in t for t in after[c]) == 1 for c in USERS), report


async def test_stored_and_confirmed_checkin_is_not_taken_back(
    rig: Rig, engine: AsyncEngine
) -> None:
    """A check-in stored and confirmed just before PostgreSQL goes away is not taken back."""
    emulator, proxy = rig.emulator, rig.proxy
    await handled(emulator, LATE_USER, "/log calcium 500mg")

    def cut_after_confirmation(event: ChatEvent) -> None:
        text = (event.message.plain_text or "") if event.message else ""
        if event.kind == "bot_message" and LOGGED in text:
            proxy.outage()  # before the bot even has Telegram's answer

    emulator.subscribe(cut_after_confirmation)
    seen = await handled(emulator, LATE_USER, CHECKIN)
    emulator.unsubscribe(cut_after_confirmation)
    proxy.recover()
    assert (await entries(engine))[LATE_USER] == [500.0, 1200.0]
    confirmed = next(i for i, t in enumerate(seen) if LOGGED in t)
    between = [t for t in seen[confirmed + 1 :] if HELP_TITLE not in t]
    assert between == [], f"after confirming the check-in the bot said: {between}"
