"""One unit of work per update: one session, committed by the service that finishes a use case.

Anchor: the unit of work of "Architecture Patterns with Python" (cosmicpython). A handler
opens one per update (handlers/kit.py) and passes it to every service it calls, so an update
holds one database connection, never two. Whatever was not committed when the block ends is
rolled back, and the session is closed.
"""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.db.engine import SessionFactory


class UnitOfWork:
    """`async with UnitOfWork(sessions) as uow:` … `await uow.commit()`."""

    def __init__(self, sessions: SessionFactory) -> None:
        self._sessions: SessionFactory | None = sessions
        self._session: AsyncSession | None = None
        self._opened: AsyncSession | None = None  # what the factory gave, entered and exited

    @classmethod
    def joining(cls, session: AsyncSession) -> UnitOfWork:
        """A unit of work over a session someone else opened and will close (the dispatcher's
        batch, a test's session): services work in it without opening another."""
        uow = cls.__new__(cls)
        uow._sessions = None
        uow._session = session
        uow._opened = None
        return uow

    async def __aenter__(self) -> Self:
        if self._sessions is None:
            raise RuntimeError("a joined unit of work is not entered: its owner closes it")
        # Entered like `async with sessions() as session`, so a factory that wraps the
        # session (the outage test's, which refuses to connect) works here too.
        opened = self._sessions()
        self._session = await opened.__aenter__()
        self._opened = opened
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        session, self._session = self._session, None
        opened, self._opened = self._opened, None
        if session is None or opened is None:
            return
        # Closing rolls back whatever was not committed and gives the connection back (the
        # pool resets it): no separate rollback round trip.
        await opened.__aexit__(None, None, None)

    @property
    def session(self) -> AsyncSession:
        """The session of this unit of work: for services and queries, never for handlers."""
        if self._session is None:
            raise RuntimeError("the unit of work is not open: use `async with UnitOfWork(...)`")
        return self._session

    async def commit(self) -> None:
        """Make the staged changes durable (services call this where a use case is done)."""
        await self.session.commit()

    async def rollback(self) -> None:
        """Drop the staged changes (e.g. after losing an insert race)."""
        await self.session.rollback()
