"""What the dispatcher sends and who renders it: the contract between scheduling and handlers.

The dispatcher hands a Renderer each claimed batch as (delivery, account) views, then asks
it for each delivery's message. The app's renderer is PromptRenderer: the prompts service
says what to send (plain data, bot/services/prompts.py) and the handlers' formatter gives it
its form (handlers/prompts/), so neither side reaches into the other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from telegram import InlineKeyboardMarkup

from bot.content import Content
from bot.services.accounts import Account
from bot.services.deliveries import DeliveryView
from bot.services.prompts import Prompt, prepare_batch
from bot.services.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class Outgoing:
    """A rendered message."""

    text: str
    markup: InlineKeyboardMarkup | None = None
    photo: bytes | None = None  # sent as a photo with `text` as its caption


class RenderOne(Protocol):
    """Builds the message for a delivery, or None when there is nothing to send any more."""

    async def __call__(
        self, uow: UnitOfWork, account: Account, delivery: DeliveryView, now: datetime
    ) -> Outgoing | None:
        """Render one delivery."""
        ...


class Renderer(Protocol):
    """Prepares a claimed batch (what can be loaded for all at once), then renders each."""

    async def for_batch(
        self, uow: UnitOfWork, batch: Sequence[tuple[DeliveryView, Account]]
    ) -> RenderOne:
        """A renderer for the deliveries of this batch."""
        ...


class FormatPrompt(Protocol):
    """Gives a prompt its form: text and buttons (the handlers' side)."""

    def __call__(self, prompt: Prompt, content: Content) -> Outgoing:
        """Format one prompt."""
        ...


class PromptRenderer:
    """The app's Renderer: what to send from the prompts service, in the formatter's form."""

    def __init__(self, content: Content, format_prompt: FormatPrompt) -> None:
        self._content = content
        self._format = format_prompt

    async def for_batch(
        self, uow: UnitOfWork, batch: Sequence[tuple[DeliveryView, Account]]
    ) -> RenderOne:
        """A renderer for one claimed batch (its training history loaded in one query)."""
        prompts = await prepare_batch(uow, batch=batch, content=self._content)

        async def render(
            uow: UnitOfWork, account: Account, delivery: DeliveryView, now: datetime
        ) -> Outgoing | None:
            """The message for one delivery of the batch, or None if it is not needed."""
            prompt = await prompts.what_to_send(uow, account=account, delivery=delivery, now=now)
            return None if prompt is None else self._format(prompt, self._content)

        return render
