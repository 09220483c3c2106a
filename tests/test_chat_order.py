"""Updates of different chats run side by side; one chat's updates run one by one, in order."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from telegram import Chat, Message, Update, User

from bot.chat_order import PerChatUpdateProcessor, chat_key

WHEN = datetime(2026, 3, 2, tzinfo=UTC)


def update(update_id: int, chat_id: int) -> Update:
    """A private-chat text message update."""
    chat = Chat(chat_id, "private")
    user = User(chat_id, "Sam", is_bot=False)
    return Update(update_id, message=Message(update_id, WHEN, chat, from_user=user, text="hi"))


async def test_one_chat_in_order_other_chats_meanwhile() -> None:
    """A slow update blocks only its own chat: the other chat finishes first; order holds."""
    processor = PerChatUpdateProcessor(working=4)
    log: list[str] = []

    async def handle(name: str, pause: float) -> None:
        log.append(f"{name} start")
        await asyncio.sleep(pause)
        log.append(f"{name} end")

    await asyncio.gather(
        processor.process_update(update(1, 10), handle("a1", 0.1)),
        processor.process_update(update(2, 10), handle("a2", 0.0)),
        processor.process_update(update(3, 20), handle("b1", 0.0)),
    )
    assert log.index("b1 end") < log.index("a1 end")
    assert log.index("a1 end") < log.index("a2 start")
    assert processor.chats_in_flight == 0


async def test_at_most_the_working_number_at_once() -> None:
    """Six chats, two slots: never more than two handlers run together."""
    processor = PerChatUpdateProcessor(working=2)
    running = peak = 0

    async def handle() -> None:
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        await asyncio.sleep(0.01)
        running -= 1

    await asyncio.gather(*(processor.process_update(update(i, i), handle()) for i in range(6)))
    assert peak == 2


def test_updates_without_chat_or_user_have_no_key() -> None:
    """Anything that is not a chat's update is not ordered (and not an error)."""
    assert chat_key(object()) is None
    assert chat_key(update(1, 77)) == 77
