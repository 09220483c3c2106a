"""Telling "the database is unreachable right now" apart from every other failure."""

from __future__ import annotations

import socket

from sqlalchemy import exc as sa_exc

# A restart or network cut shows up as one of these, depending on the driver and the moment.
_CONNECTION_ERRORS = (ConnectionError, socket.gaierror, TimeoutError)


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
