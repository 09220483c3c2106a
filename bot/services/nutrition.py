"""Nutrition: entries from check-in taps and typed /log lines, and the day's totals."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

from sqlalchemy import update
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.db.log_queries import nutrient_total, nutrition_on
from bot.db.models import Delivery, NutritionEntry, User
from bot.db.upsert import insert_ignore
from bot.domain.nutrition import NutrientAmount


def _row(
    user_id: int,
    day: date,
    amount: NutrientAmount,
    source_key: str,
    delivery_id: int | None,
    now: datetime,
) -> dict[str, object]:
    return {
        "user_id": user_id,
        "local_day": day,
        "nutrient": amount.nutrient_key,
        "amount": amount.amount,
        "unit": amount.unit,
        "entered_value": amount.entered_value,
        "entered_unit": amount.entered_unit,
        "range_key": amount.range_key,
        "delivery_id": delivery_id,
        "source_key": source_key,
        "created_at": now,
    }


async def record_typed(
    session: AsyncSession,
    *,
    user: User,
    day: date,
    amount: NutrientAmount,
    source_key: str,
    now: datetime,
) -> float | None:
    """Store a typed entry once per message and return the nutrient's total for the day
    (read in the same transaction); None if this message was already stored."""
    assert user.id is not None
    row = _row(user.id, day, amount, source_key, None, now)
    inserted = await insert_ignore(session, NutritionEntry, [row])
    total = await nutrient_total(session, user_id=user.id, day=day, nutrient=amount.nutrient_key)
    await session.commit()
    return total if inserted > 0 else None


async def answer_checkin_step(
    session: AsyncSession,
    *,
    user: User,
    delivery: Delivery,
    step: int,
    amount: NutrientAmount | None,
    last_step: int,
    now: datetime,
) -> bool:
    """Store one check-in answer (None = skipped) and move the check-in on, atomically.

    False when that step was already answered (a double tap or a stale button): nothing stored.
    """
    assert user.id is not None and delivery.id is not None
    moved = await session.exec(
        update(Delivery)
        .where(col(Delivery.id) == delivery.id, col(Delivery.progress) == step)
        .values(progress=step + 1, answered_at=now if step >= last_step else None)
    )
    if moved.rowcount != 1:  # another tap got there first: this one is stale
        await session.commit()  # nothing changed; commit keeps loaded objects usable
        return False
    if amount is not None:
        source = f"c:{delivery.id}:{amount.nutrient_key}"
        row = _row(user.id, delivery.local_day, amount, source, delivery.id, now)
        await insert_ignore(session, NutritionEntry, [row])
    await session.commit()
    await session.refresh(delivery)
    return True


async def totals_on(session: AsyncSession, *, user_id: int, day: date) -> dict[str, float]:
    """Each nutrient's total for the day, in its canonical unit."""
    totals: dict[str, float] = defaultdict(float)
    for entry in await nutrition_on(session, user_id=user_id, day=day):
        totals[entry.nutrient] += entry.amount
    return dict(totals)
