"""A database that stops answering for a while: messages typed meanwhile are kept and saved."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

from harness import Harness
from onboarded import onboard, stored_user
from sqlalchemy.exc import OperationalError
from sqlmodel import func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.db.models import NutritionEntry
from bot.outage_retries import OutageRetries
from handlers.views import texts


class Outage:
    """Makes every new database session fail like a refused connection until ended."""

    def __init__(self, harness: Harness) -> None:
        assert harness.app is not None
        self.resources = harness.app.bot_data.resources
        self.real = self.resources.sessions
        self.down = False

    @asynccontextmanager
    async def _session(self) -> AsyncIterator[AsyncSession]:
        if self.down:
            raise OperationalError("connect", {}, ConnectionRefusedError(111, "refused"))
        async with self.real() as session:
            yield session

    def begin(self) -> None:
        """The database goes away."""
        self.down = True
        factory: Callable[[], AbstractAsyncContextManager[AsyncSession]] = self._session
        self.resources.sessions = factory  # type: ignore[assignment]

    def end(self) -> None:
        """The database is back."""
        self.down = False


async def entries(harness: Harness) -> int:
    """Nutrition entries stored for the test user."""
    user = await stored_user(harness)
    assert harness.app is not None
    async with harness.app.bot_data.resources.sessions() as session:
        query = select(func.count()).where(NutritionEntry.user_id == user.id)
        return (await session.exec(query)).one()


async def test_check_ins_typed_during_an_outage_are_saved_once_it_ends(harness: Harness) -> None:
    """Two /log messages during an outage: one notice, then both saved once and answered."""
    assert harness.app is not None
    harness.app.bot_data.outage_retries = OutageRetries(delays=(0.2, 0.2, 0.5, 1.0))
    chat = harness.chat()
    await onboard(chat)
    outage = Outage(harness)
    outage.begin()
    notice = await chat.send("/log calcium 1200mg")
    assert notice[0].plain_text == texts.OUTAGE_REPLY
    harness.emulator.user_sends(chat.chat_id, "/log magnesium 300mg")  # told once already
    await harness.all_handled()
    outage.end()
    replies = await chat.settle(expect_new=2)
    texts_seen = sorted(m.plain_text or "" for m in replies)
    assert "Calcium: 1200 mg logged" in texts_seen[0]
    assert "Magnesium: 300 mg logged" in texts_seen[1]
    assert await entries(harness) == 2
    assert [m.plain_text for m in chat.bot_messages()].count(texts.OUTAGE_REPLY) == 1


async def test_an_outage_that_outlasts_the_retries_says_so(harness: Harness) -> None:
    """When the database stays away past the last retry he is told to send it again."""
    assert harness.app is not None
    harness.app.bot_data.outage_retries = OutageRetries(delays=(0.1, 0.1))
    chat = harness.chat()
    await onboard(chat)
    outage = Outage(harness)
    outage.begin()
    await chat.send("/log calcium 1200mg")  # the notice
    given_up = await chat.settle(expect_new=1)
    assert given_up[0].plain_text == texts.OUTAGE_GAVE_UP
    outage.end()
    assert await entries(harness) == 0
