"""My usual: his daily supplement stack, saved once and logged in one tap each evening."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import delete
from sqlmodel import col, select

from bot.db.log_queries import nutrition_on
from bot.db.models import NutritionEntry, UsualItem
from bot.domain.nutrition import NutrientAmount, NutrientCatalog
from bot.services.accounts import Account
from bot.services.deliveries import answerable_delivery
from bot.services.unit_of_work import UnitOfWork

USUAL = "usual"  # range_key of an entry from "Took my usual" when the item was typed


async def usual_of(
    uow: UnitOfWork, *, account: Account, catalog: NutrientCatalog
) -> tuple[NutrientAmount, ...]:
    """His usual stack, in catalog order (empty when none is saved)."""
    rows = (
        await uow.session.exec(select(UsualItem).where(col(UsualItem.user_id) == account.id))
    ).all()
    by_key = {row.nutrient: row for row in rows}
    return tuple(
        NutrientAmount(key, row.amount, row.unit, row.amount, row.unit, row.range_key)
        for key in catalog.keys
        if (row := by_key.get(key)) is not None
    )


async def save_usual(
    uow: UnitOfWork,
    *,
    account: Account,
    items: Sequence[NutrientAmount],
    catalog: NutrientCatalog,
    now: datetime,
) -> tuple[NutrientAmount, ...]:
    """Replace his usual with these items (one per nutrient, amounts above 0) and commit."""
    session = uow.session
    await session.exec(delete(UsualItem).where(col(UsualItem.user_id) == account.id))
    for item in items:
        if item.amount > 0:
            session.add(
                UsualItem(
                    user_id=account.id,
                    nutrient=item.nutrient_key,
                    amount=item.amount,
                    unit=item.unit,
                    range_key=item.range_key,
                    updated_at=now,
                )
            )
    await uow.commit()
    return await usual_of(uow, account=account, catalog=catalog)


async def day_as_stack(
    uow: UnitOfWork, *, account: Account, day: date, catalog: NutrientCatalog
) -> list[NutrientAmount]:
    """A day's totals as a stack: one item per nutrient logged above 0; a nutrient known only
    from one tapped band keeps the band's key (so it is shown by its label)."""
    entries: dict[str, list[NutritionEntry]] = defaultdict(list)
    for entry in await nutrition_on(uow.session, user_id=account.id, day=day):
        entries[entry.nutrient].append(entry)
    stack = []
    for key in catalog.keys:
        rows = entries.get(key, [])
        total = sum(e.amount for e in rows)
        if total > 0:
            band = rows[0].range_key if len(rows) == 1 and rows[0].range_key != USUAL else None
            stack.append(NutrientAmount(key, total, rows[0].unit, total, rows[0].unit, band))
    return stack


async def clear_usual(uow: UnitOfWork, *, account: Account) -> None:
    """Forget his usual stack."""
    await uow.session.exec(delete(UsualItem).where(col(UsualItem.user_id) == account.id))
    await uow.commit()


async def save_usual_from_checkin(
    uow: UnitOfWork,
    *,
    account: Account,
    delivery_id: int,
    catalog: NutrientCatalog,
    now: datetime,
) -> tuple[NutrientAmount, ...] | None:
    """'Save as my usual' under a finished check-in: that day's amounts become his usual.
    None for a button not on his check-in, an old one, or a day with nothing logged."""
    delivery = await answerable_delivery(
        uow, account=account, delivery_id=delivery_id, today=account.today(now)
    )
    if delivery is None:
        return None
    stack = await day_as_stack(uow, account=account, day=delivery.local_day, catalog=catalog)
    if not stack:
        return None
    return await save_usual(uow, account=account, items=stack, catalog=catalog, now=now)
