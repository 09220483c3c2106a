"""Thousands of odd updates: no crash, nothing Telegram would reject, no stray replies or data."""

from __future__ import annotations

import logging
import random

import pytest
from harness import Harness
from onboarded import onboard
from sqlmodel import select

from bot.db.models import User

PREFIXES = [
    "q|tz|",
    "q|weight|s",
    "q|days|t",
    "tr|",
    "tl|",
    "lg|",
    "lk|",
    "nc|",
    "more|",
    "why|",
    "qz|",
    "qa|",
    "lt|",
    "lb|",
    "lbd|",
    "bcast|",
    "del|",
    "s|",
    "consent|",
    "x",
]
ODD = [
    "",
    " ",
    "\u202e",
    "\u0000",
    "🦴" * 50,
    "<b>",
    "</i>",
    "&amp;",
    "&",
    "<script>",
    "ﷺ",
    "Z̷̢̛a̶l̵g̷o̴",
    "\n" * 20,
    "/",
    "//start",
    "/start@",
    "/log",
    "/lab",
    "/ask",
]


def random_text(rng: random.Random) -> str:
    """Hostile, odd or huge text (never blank: Telegram clients cannot send that)."""
    text = _random_text(rng)
    return text if text.strip() and len(text) <= 4096 else "."


def _random_text(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.2:
        return rng.choice(ODD)
    if kind < 0.3:
        return "x" * rng.choice([4000, 4096])
    if kind < 0.5:
        return (
            "/"
            + rng.choice(
                [
                    "log",
                    "lab",
                    "time",
                    "weight",
                    "days",
                    "pause",
                    "quiet",
                    "summary",
                    "learn",
                    "ask",
                    "timezone",
                    "age",
                    "units",
                ]
            )
            + " "
            + (
                "".join(
                    rng.choice("0123456789 .,:-kgmlIU/µ%abc") for _ in range(rng.randint(0, 30))
                )
            )
        )
    alphabet = "abcdefghijklmnopqrstuvwxyz ?!.,0123456789äöüßéñ中文🙂<>&\"'"
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 200)))


def random_data(rng: random.Random) -> str:
    """Forged, stale or malformed callback data (at most 64 bytes)."""
    tail = "".join(rng.choice("0123456789|abcxyz-") for _ in range(rng.randint(0, 30)))
    return (rng.choice(PREFIXES) + tail).encode()[:64].decode(errors="ignore") or "x"


@pytest.mark.parametrize("seed", [1])
async def test_fuzzed_updates(
    harness: Harness, seed: int, caplog: pytest.LogCaptureFixture
) -> None:
    """1,200 random updates from users, groups and strangers break nothing."""
    rng = random.Random(seed)
    members = [harness.chat(6000 + i) for i in range(3)]
    for chat in members:
        await onboard(chat)
    emulator = harness.emulator
    strangers = [7000 + i for i in range(5)]
    groups = [-1001, -1002]
    with caplog.at_level(logging.ERROR, logger="bonecoach.errors"):
        for step in range(1200):
            roll = rng.random()
            if roll < 0.45:
                chat_id = rng.choice([c.chat_id for c in members] + strangers)
                emulator.user_sends(chat_id, random_text(rng))
            elif roll < 0.75:
                chat_id = rng.choice([c.chat_id for c in members] + strangers)
                messages = emulator.bot_messages(chat_id)
                message_id = messages[-1].message_id if messages else 1
                if messages:
                    emulator.user_presses(chat_id, message_id, random_data(rng))
            elif roll < 0.85:
                emulator.user_sends(
                    rng.choice(groups), random_text(rng), chat_type="group", user_id=8000
                )
            else:
                chat_id = rng.choice([c.chat_id for c in members])
                mine = [m for m in emulator.messages(chat_id) if not m.from_bot]
                if mine:
                    emulator.user_edits(chat_id, mine[-1].message_id, random_text(rng))
            if step % 50 == 49:
                await harness.all_handled()
        await harness.all_handled()
    assert [r.getMessage() for r in caplog.records] == [], "a handler raised"
    # 429s come from typing hundreds of messages a minute into one chat; they are retried.
    refused = [r for r in emulator.rejected if r.error_code != 429]
    assert refused == [], f"Telegram would have rejected: {refused[:3]}"
    emulator.rejected.clear()
    for group in groups:
        assert emulator.bot_messages(group) == []
    assert harness.app is not None
    async with harness.app.bot_data.resources.sessions() as session:
        stored = {u.telegram_id for u in (await session.exec(select(User))).all()}
    assert stored <= {c.chat_id for c in members}  # no data for anyone who did not consent
