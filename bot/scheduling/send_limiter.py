"""The bot's flood limiter, with a hook that runs once a message may go out.

The dispatcher records "sending" only when the limiter lets the message through, right
before the HTTP request, not before waiting its turn: a crash while waiting then leaves the
delivery merely claimed (sent later) instead of "maybe sent" (never resent). The hook rides
in a context variable, so handlers' replies are limited exactly as before.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from telegram import Bot
from telegram._utils.types import JSONDict
from telegram.ext import AIORateLimiter

Hook = Callable[[], Awaitable[None]]
T = TypeVar("T")
_before_send: ContextVar[Hook | None] = ContextVar("before_send", default=None)

Callback = Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]]


class SendLimiter(AIORateLimiter):
    """AIORateLimiter (overall rate, group rate, retries after 429) plus the before-send hook."""

    async def process_request(
        self,
        callback: Callback,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | JSONDict | list[JSONDict]:
        """Limit the request; run the current hook (if any) just before each attempt."""
        hook = _before_send.get()
        if hook is not None:
            inner = callback

            async def callback(*call_args: Any, **call_kwargs: Any) -> Any:
                await hook()  # must be idempotent: a retry after 429 calls it again
                return await inner(*call_args, **call_kwargs)

        return await super().process_request(
            callback, args, kwargs, endpoint, data, rate_limit_args
        )


@contextmanager
def _hooked(hook: Hook) -> Iterator[None]:
    token = _before_send.set(hook)
    try:
        yield
    finally:
        _before_send.reset(token)


async def send_when_allowed(bot: Bot, hook: Hook, send: Callable[[], Awaitable[T]]) -> T:
    """Await send(); `hook` runs once the limiter has let it through (or first, if the bot
    has no SendLimiter)."""
    if isinstance(getattr(bot, "rate_limiter", None), SendLimiter):
        with _hooked(hook):
            return await send()
    await hook()
    return await send()
