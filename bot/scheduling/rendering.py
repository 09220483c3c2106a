"""What the dispatcher sends and who renders it: the contract between scheduling and handlers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import InlineKeyboardMarkup

from bot.db.models import Delivery, User


@dataclass(frozen=True)
class Outgoing:
    """A rendered message."""

    text: str
    markup: InlineKeyboardMarkup | None = None
    photo: bytes | None = None  # sent as a photo with `text` as its caption


class RenderOne(Protocol):
    """Builds the message for a delivery, or None when there is nothing to send any more."""

    async def __call__(
        self, session: AsyncSession, user: User, delivery: Delivery, now: datetime
    ) -> Outgoing | None:
        """Render one delivery."""
        ...


class Renderer(Protocol):
    """Prepares a claimed batch (what can be loaded for all at once), then renders each."""

    async def for_batch(
        self, session: AsyncSession, batch: Sequence[tuple[Delivery, User]]
    ) -> RenderOne:
        """A renderer for the deliveries of this batch."""
        ...
