"""Updates that failed only because the database was unreachable are tried again, not lost.

Telegram counts an update as delivered once we fetched it (polling) or answered 200
(webhook), so during a database restart the bot itself keeps the update and hands it to the
handlers again with growing pauses. Handlers are idempotent (DESIGN decision 4), so a retry
of half-done work changes nothing twice. The man hears once that we are on it.
`is_database_outage` tells an unreachable database apart from every other failure.
"""

from __future__ import annotations

import socket
import time
from collections import OrderedDict
from dataclasses import dataclass

from sqlalchemy import exc as sa_exc

# Pauses before each new attempt; after the last one we give up and say so (~10 minutes).
RETRY_DELAYS: tuple[float, ...] = (1, 2, 4, 8, 15, 30, 30, 60, 60, 60, 60, 60, 60, 60, 60)
TELL_AGAIN_AFTER = 600.0  # seconds: one notice per chat per outage
_REMEMBERED = 5_000  # update ids kept (oldest dropped): bounded memory however long it lasts
# A restart or network cut shows up as one of these, depending on the driver and the moment.
_CONNECTION_ERRORS = (ConnectionError, socket.gaierror, TimeoutError)


@dataclass(frozen=True)
class RetryDecision:
    """What to do with an update that hit an outage."""

    delay: float | None  # None: give up
    tell_user: bool  # first trouble in this chat for a while


class OutageRetries:
    """How often each update has been tried, and which chats were told; in memory only."""

    def __init__(self, delays: tuple[float, ...] = RETRY_DELAYS) -> None:
        self._delays = delays
        self._attempts: OrderedDict[int, int] = OrderedDict()
        self._told: dict[int, float] = {}

    def decide(self, update_id: int, chat_id: int | None) -> RetryDecision:
        """Count one more failed attempt of update_id and say whether and when to retry."""
        attempts = self._attempts.pop(update_id, 0)
        if attempts >= len(self._delays):
            return RetryDecision(delay=None, tell_user=chat_id is not None)
        self._attempts[update_id] = attempts + 1
        while len(self._attempts) > _REMEMBERED:
            self._attempts.popitem(last=False)
        tell = False
        if chat_id is not None:
            now = time.monotonic()
            told = self._told.get(chat_id)
            tell = told is None or now - told > TELL_AGAIN_AFTER
            if tell:
                self._told[chat_id] = now
                self._forget_old_notices(now)
        return RetryDecision(delay=self._delays[attempts], tell_user=tell)

    def _forget_old_notices(self, now: float) -> None:
        if len(self._told) > _REMEMBERED:
            self._told = {c: t for c, t in self._told.items() if now - t <= TELL_AGAIN_AFTER}


def is_database_outage(error: BaseException | None) -> bool:
    """True when `error` says the database could not be reached or the connection broke:
    worth trying the same work again later. Constraint violations and bugs are not."""
    if error is None:
        return False
    if isinstance(error, sa_exc.DBAPIError):
        if error.connection_invalidated:
            return True
        if isinstance(error, (sa_exc.OperationalError, sa_exc.InterfaceError)):
            return True
        return _is_connection_error(error.orig)
    if isinstance(error, sa_exc.TimeoutError):  # no pooled connection came free in time
        return True
    return _is_connection_error(error)


def _is_connection_error(error: BaseException | None) -> bool:
    seen = 0
    while error is not None and seen < 5:  # follow __cause__ a few levels, not forever
        if isinstance(error, _CONNECTION_ERRORS):
            return True
        if type(error).__module__.startswith("asyncpg") and "Connection" in type(error).__name__:
            return True  # ConnectionDoesNotExistError, CannotConnectNowError, ...
        error = error.__cause__ or error.__context__
        seen += 1
    return False
