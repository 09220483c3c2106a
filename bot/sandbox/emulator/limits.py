"""Telegram's flood limits as token buckets, driven by an injectable monotonic clock."""

from __future__ import annotations

import math
import time
from collections.abc import Callable


class TokenBucket:
    """Holds up to capacity tokens and gains rate tokens per second; a send takes one."""

    def __init__(self, capacity: float, rate: float, now: float) -> None:
        if capacity < 1 or rate <= 0:
            raise ValueError("a token bucket needs capacity >= 1 and a positive rate")
        self.capacity = capacity
        self.rate = rate
        self.tokens = capacity
        self.updated = now

    def _refill(self, now: float) -> None:
        elapsed = max(0.0, now - self.updated)
        self.tokens = min(self.capacity, self.tokens + elapsed * self.rate)
        self.updated = max(self.updated, now)

    def wait_time(self, now: float) -> float:
        """Seconds until a token is available (0 when one is available now)."""
        self._refill(now)
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.rate

    def take(self, now: float) -> None:
        """Use one token; call only after wait_time returned 0."""
        self._refill(now)
        self.tokens -= 1


class RateLimiter:
    """An overall bucket, one bucket per chat, and a per-minute bucket per group chat.

    acquire() either takes a token from every bucket that applies or none of them and
    returns the integer retry_after (>= 1) Telegram would send.
    """

    def __init__(
        self,
        *,
        global_rate: float = 30.0,
        chat_rate: float = 1.0,
        chat_burst: int = 10,
        group_per_minute: float = 20.0,
        enabled: bool = True,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.enabled = enabled
        self.monotonic = monotonic
        self.chat_rate = chat_rate
        self.chat_burst = chat_burst
        self.group_per_minute = group_per_minute
        self.overall = TokenBucket(global_rate, global_rate, monotonic())
        self.chats: dict[int, TokenBucket] = {}
        self.groups: dict[int, TokenBucket] = {}

    def _buckets(self, chat_id: int, is_group: bool, now: float) -> list[TokenBucket]:
        buckets = [self.overall]
        if chat_id not in self.chats:
            self.chats[chat_id] = TokenBucket(self.chat_burst, self.chat_rate, now)
        buckets.append(self.chats[chat_id])
        if is_group:
            if chat_id not in self.groups:
                per_minute = self.group_per_minute
                self.groups[chat_id] = TokenBucket(per_minute, per_minute / 60, now)
            buckets.append(self.groups[chat_id])
        return buckets

    def acquire(self, chat_id: int, *, is_group: bool = False) -> int | None:
        """None when the send may go out now, else the retry_after in whole seconds."""
        if not self.enabled:
            return None
        now = self.monotonic()
        buckets = self._buckets(chat_id, is_group, now)
        wait = max(bucket.wait_time(now) for bucket in buckets)
        if wait > 0:
            return max(1, math.ceil(wait - 1e-9))
        for bucket in buckets:
            bucket.take(now)
        return None


class ManualClock:
    """A monotonic clock for tests: it moves only when advance() is called."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        """Move the clock forward."""
        self.now += seconds
