"""A set-up user and his deliveries, stored directly, for the daily-loop service tests."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from bot.db.engine import SessionFactory
from bot.db.models import Delivery, DeliveryStatus, User, UserStatus
from bot.services.accounts import Account, account_of

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # a Monday
TODAY = NOW.date()
EVERY_DAY = 0b1111111


async def stored_account(
    sessions: SessionFactory, telegram_id: int = 5, **fields: object
) -> Account:
    """A set-up, active user training every day since a week ago (UTC), screened with none
    of the findings, as an Account."""
    values: dict[str, object] = {
        "status": UserStatus.ACTIVE,
        "timezone": "UTC",
        "training_time": time(7, 0),
        "nutrition_time": time(20, 0),
        "training_days_mask": EVERY_DAY,
        "weight_kg": 80.0,
        "weight_unit": "kg",
        "program_start": date(2026, 2, 23),
        "screened_on": date(2026, 2, 23),  # answered the safety screen: none of these
        "screen_findings": "",
        **fields,
    }
    user = User(
        telegram_id=telegram_id,
        chat_id=telegram_id,
        consented_at=NOW,
        created_at=NOW,
        updated_at=NOW,
        **values,
    )
    async with sessions() as session:
        session.add(user)
        await session.commit()
        return account_of(user)


async def stored_delivery(
    sessions: SessionFactory,
    account: Account,
    kind: str,
    day: date = TODAY,
    status: str = DeliveryStatus.SENT,
    **fields: object,
) -> int:
    """A delivery of his, sent by default; its id."""
    delivery = Delivery(
        user_id=account.id,
        kind=kind,
        local_day=day,
        due_at=NOW,
        status=status,
        created_at=NOW,
        **fields,
    )
    async with sessions() as session:
        session.add(delivery)
        await session.commit()
        assert delivery.id is not None
        return delivery.id
