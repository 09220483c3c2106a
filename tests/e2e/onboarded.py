"""Helpers to get a user through onboarding quickly in end-to-end tests."""

from __future__ import annotations

from harness import Chat, Harness
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.db.models import RedFlagEvent, User
from bot.db.user_queries import get_user

TYPED_ANSWERS = ("Berlin", "07:30", "20:00", "mon wed fri", "82 kg", "52", "no", "SI", "none")


async def onboard(chat: Chat) -> None:
    """Consent and answer every question by typing."""
    await chat.send("/start")
    await chat.send("I agree")
    for answer in TYPED_ANSWERS:
        await chat.send(answer)
    assert "You're all set" in chat.last_text()


async def stored(harness: Harness, telegram_id: int = 5001) -> User | None:
    """The user row as the database has it now."""
    assert harness.app is not None
    async with harness.app.bot_data.resources.sessions() as session:
        assert isinstance(session, AsyncSession)
        return await get_user(session, telegram_id=telegram_id)


async def stored_user(harness: Harness, telegram_id: int = 5001) -> User:
    """The user row, which must exist."""
    user = await stored(harness, telegram_id)
    assert user is not None
    return user


async def red_flag_events(harness: Harness) -> list[RedFlagEvent]:
    """Every stored red-flag event."""
    assert harness.app is not None
    async with harness.app.bot_data.resources.sessions() as session:
        return list((await session.exec(select(RedFlagEvent))).all())
