"""A scheduled message as the rest of the bot sees it, and which ones he may still answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from bot.db.delivery_queries import delivery_for
from bot.db.models import Delivery, DeliveryKind, DeliveryStatus
from bot.services.accounts import Account
from bot.services.unit_of_work import UnitOfWork

ANSWERABLE_FOR = timedelta(days=1)  # today's prompt, or yesterday's answered after midnight
DELIVERED = (DeliveryStatus.SENT, DeliveryStatus.UNCONFIRMED)  # sent, or maybe sent: not again


@dataclass(frozen=True)
class DeliveryView:
    """One delivery: what it is, for which of his local days, and the message it became."""

    id: int
    kind: str
    local_day: date
    message_id: int | None  # the Telegram message, once sent
    answered: bool


def view_of(delivery: Delivery) -> DeliveryView:
    """The view of a stored delivery."""
    assert delivery.id is not None, "a stored delivery has an id"
    return DeliveryView(
        id=delivery.id,
        kind=delivery.kind,
        local_day=delivery.local_day,
        message_id=delivery.message_id,
        answered=delivery.answered_at is not None,
    )


async def answerable_delivery(
    uow: UnitOfWork, *, account: Account, delivery_id: int, today: date
) -> DeliveryView | None:
    """His delivery, still answerable (of his today or yesterday); None for a button on
    someone else's message or on an old one."""
    delivery = await uow.session.get(Delivery, delivery_id)
    if delivery is None or delivery.user_id != account.id:
        return None
    if not today - ANSWERABLE_FOR <= delivery.local_day <= today:
        return None
    return view_of(delivery)


async def sent_training_prompt(
    uow: UnitOfWork, *, account: Account, day: date
) -> DeliveryView | None:
    """The day's training prompt if it went out (sent, or maybe sent), else None: /today
    carries its answer buttons, so an answer taken back with /undo can be given again."""
    delivery = await delivery_for(
        uow.session, user_id=account.id, kind=DeliveryKind.TRAINING, local_day=day
    )
    if delivery is None or delivery.status not in DELIVERED:
        return None
    return view_of(delivery)
