"""Nutrition: entries from check-in taps and typed /log lines, and how the day stands."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, update
from sqlmodel import col

from bot.db.log_queries import add_nutrient_entry, nutrition_on
from bot.db.models import Delivery, NutritionEntry
from bot.db.upsert import insert_ignore
from bot.domain.nutrition import (
    NutrientAmount,
    NutrientCatalog,
    NutrientStatus,
    amount_for_range,
    assess_day,
    range_options,
)
from bot.services.accounts import Account
from bot.services.deliveries import DeliveryView, answerable_delivery
from bot.services.streaks import streaks_for
from bot.services.unit_of_work import UnitOfWork

SKIP = "skip"  # the check-in option that stores nothing for a nutrient


@dataclass(frozen=True)
class CheckinAnswered:
    """One check-in step stored: the next step to ask, or the day's summary after the last."""

    delivery: DeliveryView
    next_step: int | None  # None: that was the last step
    statuses: tuple[NutrientStatus, ...]  # the day's nutrients, once the check-in is done
    streak: int  # check-ins in a row, once the check-in is done


def _row(
    user_id: int,
    day: date,
    amount: NutrientAmount,
    source_key: str,
    delivery_id: int | None,
    now: datetime,
) -> dict[str, object]:
    """The column values of one nutrient entry."""
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
    uow: UnitOfWork,
    *,
    account: Account,
    day: date,
    amount: NutrientAmount,
    source_key: str,
    now: datetime,
    replace_taps: bool = False,
) -> float | None:
    """Store a typed entry once per message and return the nutrient's total for the day
    (read in the same transaction); None if this message was already stored. With
    replace_taps, the day's tapped bands for that nutrient are removed in the same commit."""
    row = _row(account.id, day, amount, source_key, None, now)
    total = await add_nutrient_entry(uow.session, row=row)
    if total is not None and replace_taps:
        removed = await uow.session.exec(
            delete(NutritionEntry)
            .where(
                col(NutritionEntry.user_id) == account.id,
                col(NutritionEntry.local_day) == day,
                col(NutritionEntry.nutrient) == amount.nutrient_key,
                col(NutritionEntry.range_key).is_not(None),
            )
            .returning(col(NutritionEntry.amount))
        )
        total -= sum(removed.scalars().all())
    await uow.commit()
    return total


@dataclass(frozen=True)
class TappedToday:
    """The day's tapped bands (check-in or usual) for one nutrient."""

    range_keys: tuple[str, ...]
    amount: float


async def tapped_today(
    uow: UnitOfWork, *, account: Account, day: date, nutrient_key: str
) -> TappedToday | None:
    """What he tapped today for this nutrient, if anything (typed entries are not taps)."""
    rows = [
        e
        for e in await nutrition_on(uow.session, user_id=account.id, day=day)
        if e.nutrient == nutrient_key and e.range_key is not None
    ]
    if not rows:
        return None
    return TappedToday(tuple(e.range_key for e in rows if e.range_key), sum(e.amount for e in rows))


async def answer_checkin(
    uow: UnitOfWork,
    *,
    account: Account,
    delivery_id: int,
    step: int,
    choice: str,
    catalog: NutrientCatalog,
    now: datetime,
) -> CheckinAnswered | None:
    """Store one tap of the evening check-in (once) and move the check-in on, atomically.

    None for a button not on his check-in, an old one, or a step already answered (a double
    tap). InvalidAnswer for an option the nutrient does not have.
    """
    if not 0 <= step < len(catalog.nutrients):
        return None
    delivery = await answerable_delivery(
        uow, account=account, delivery_id=delivery_id, today=account.today(now)
    )
    if delivery is None:
        return None
    nutrient = catalog.nutrients[step]
    amount = (
        None if choice == SKIP else amount_for_range(nutrient, choice, weight_kg=account.weight_kg)
    )
    last = len(catalog.nutrients) - 1
    if not await _move_on(uow, account, delivery, step, amount, last, now):
        return None
    if step < last:
        return CheckinAnswered(delivery, step + 1, (), 0)
    statuses = await day_statuses(uow, account=account, day=delivery.local_day, catalog=catalog)
    streaks = await streaks_for(uow, account=account, today=delivery.local_day)
    return CheckinAnswered(delivery, None, tuple(statuses), streaks.checkins)


async def _move_on(
    uow: UnitOfWork,
    account: Account,
    delivery: DeliveryView,
    step: int,
    amount: NutrientAmount | None,
    last_step: int,
    now: datetime,
) -> bool:
    """Store one answer (None = skipped) and advance the check-in; False when that step was
    already answered (a double tap or a stale button): nothing stored."""
    session = uow.session
    moved = await session.exec(
        update(Delivery)
        .where(col(Delivery.id) == delivery.id, col(Delivery.progress) == step)
        .values(progress=step + 1, answered_at=now if step >= last_step else None)
    )
    if moved.rowcount != 1:  # another tap got there first: this one is stale
        await uow.commit()  # nothing changed; ends the transaction
        return False
    if amount is not None:
        source = f"c:{delivery.id}:{amount.nutrient_key}"
        row = _row(account.id, delivery.local_day, amount, source, delivery.id, now)
        await insert_ignore(session, NutritionEntry, [row])
    await uow.commit()
    return True


async def totals_on(uow: UnitOfWork, *, account: Account, day: date) -> dict[str, float]:
    """Each nutrient's total for the day, in its canonical unit."""
    totals: dict[str, float] = defaultdict(float)
    for entry in await nutrition_on(uow.session, user_id=account.id, day=day):
        totals[entry.nutrient] += entry.amount
    return dict(totals)


async def day_statuses(
    uow: UnitOfWork, *, account: Account, day: date, catalog: NutrientCatalog
) -> list[NutrientStatus]:
    """How each nutrient stands for the day against his age band and weight; a nutrient known
    only from one tapped band is shown as that band ("over 4000 IU"), not its stored estimate."""
    entries = await nutrition_on(uow.session, user_id=account.id, day=day)
    totals: dict[str, float] = defaultdict(float)
    by_nutrient: dict[str, list[NutritionEntry]] = defaultdict(list)
    for entry in entries:
        totals[entry.nutrient] += entry.amount
        by_nutrient[entry.nutrient].append(entry)
    shown = {}
    for key, rows in by_nutrient.items():
        if len(rows) == 1 and rows[0].range_key is not None and key in catalog.keys:
            options = range_options(catalog.get(key), weight_kg=account.weight_kg)
            label = next(
                (o.label for o in options if o.key == rows[0].range_key and o.high > o.low), None
            )
            if label is not None:
                shown[key] = label
    return assess_day(
        dict(totals),
        age_band=account.age_band,
        weight_kg=account.weight_kg,
        catalog=catalog,
        shown=shown,
    )
