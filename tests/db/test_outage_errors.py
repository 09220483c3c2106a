"""Which failures count as a database outage (retry later) and which do not."""

from __future__ import annotations

import pytest
from sqlalchemy import exc as sa_exc

from bot.outage_retries import OutageRetries, is_database_outage


@pytest.mark.parametrize(
    "error",
    [
        sa_exc.OperationalError("SELECT 1", {}, ConnectionRefusedError(111, "refused")),
        sa_exc.InterfaceError("SELECT 1", {}, Exception("connection is closed")),
        sa_exc.DBAPIError("SELECT 1", {}, Exception("x"), connection_invalidated=True),
        sa_exc.DBAPIError("SELECT 1", {}, ConnectionResetError(104, "reset")),
        sa_exc.TimeoutError("QueuePool limit reached"),
        ConnectionRefusedError(111, "refused"),
        OSError("wrapper").with_traceback(None),
    ],
)
def test_connection_failures_are_outages(error: BaseException) -> None:
    """Refused, reset, invalidated or pool-timeout errors mean: try again later."""
    if type(error) is OSError:
        error.__cause__ = ConnectionResetError(104, "reset")
    assert is_database_outage(error)


@pytest.mark.parametrize(
    "error",
    [
        None,
        sa_exc.IntegrityError("INSERT", {}, Exception("duplicate key")),
        sa_exc.DBAPIError("SELECT", {}, ValueError("bad value")),
        ValueError("a bug"),
        KeyError("also a bug"),
    ],
)
def test_other_failures_are_not_outages(error: BaseException | None) -> None:
    """Constraint violations and bugs are not retried: retrying cannot fix them."""
    assert not is_database_outage(error)


def test_retries_back_off_then_give_up_and_tell_each_chat_once() -> None:
    """Delays follow the table, the chat hears once, and the last failure gives up."""
    retries = OutageRetries(delays=(1, 2))
    first = retries.decide(update_id=7, chat_id=5)
    second = retries.decide(update_id=7, chat_id=5)
    other = retries.decide(update_id=8, chat_id=5)
    last = retries.decide(update_id=7, chat_id=5)
    assert (first.delay, first.tell_user) == (1, True)
    assert (second.delay, second.tell_user) == (2, False)
    assert (other.delay, other.tell_user) == (1, False)
    assert (last.delay, last.tell_user) == (None, True)


def test_channel_updates_are_retried_without_a_notice() -> None:
    """No private chat to tell: the retry still happens, silently."""
    decision = OutageRetries(delays=(1,)).decide(update_id=1, chat_id=None)
    assert (decision.delay, decision.tell_user) == (1, False)
