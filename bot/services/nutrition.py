"""Nutrition: entries from check-in taps and typed /log lines, and how the day stands."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

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
from bot.services.usual import USUAL

SKIP = "skip"  # the check-in option that stores nothing for a nutrient


@dataclass(frozen=True)
class CheckinAnswered:
    """One check-in step stored: the next step to ask, or the day's summary after the last."""

    delivery: DeliveryView
    next_step: int | None  # None: that was the last step
    statuses: tuple[NutrientStatus, ...]  # the day's nutrients, once the check-in is done
    streak: int  # check-ins in a row, once the check-in is done
    after_usual: bool = False  # his usual is logged tonight: the steps left ask about food


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
    """Store one tap of the evening check-in (once) and move the check-in on, atomically;
    steps for nutrients his usual already covered tonight are skipped.

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
    covered = await _covered_by_usual(uow, account, delivery)
    target = _next_step(catalog, step + 1, covered)
    rows = [] if amount is None else [_checkin_row(account, delivery, amount, now)]
    if not await _move_on(uow, delivery, step, target, rows, catalog, now):
        return None
    return await _answered(uow, account, delivery, target, catalog, after_usual=bool(covered))


async def take_usual(
    uow: UnitOfWork,
    *,
    account: Account,
    delivery_id: int,
    items: tuple[NutrientAmount, ...],
    catalog: NutrientCatalog,
    now: datetime,
) -> CheckinAnswered | None:
    """'✅ Took my usual' at the check-in's start: store his stack once and go on to the steps
    for what it lacks (or the summary). None if the check-in already moved on (a double tap)."""
    delivery = await answerable_delivery(
        uow, account=account, delivery_id=delivery_id, today=account.today(now)
    )
    if delivery is None or not items:
        return None
    covered = {item.nutrient_key for item in items}
    target = _next_step(catalog, 0, covered)
    rows = [
        _row(
            account.id,
            delivery.local_day,
            replace(item, range_key=item.range_key or USUAL),
            f"c:{delivery.id}:u:{item.nutrient_key}",
            delivery.id,
            now,
        )
        for item in items
    ]
    if not await _move_on(uow, delivery, 0, target, rows, catalog, now):
        return None
    return await _answered(uow, account, delivery, target, catalog, after_usual=True)


async def same_as_yesterday(
    uow: UnitOfWork,
    *,
    account: Account,
    delivery_id: int,
    catalog: NutrientCatalog,
    now: datetime,
) -> CheckinAnswered | None:
    """'Same as yesterday' at the check-in's start: copy yesterday's entries once and finish
    the check-in. None if the check-in moved on already or nothing was logged yesterday."""
    delivery = await answerable_delivery(
        uow, account=account, delivery_id=delivery_id, today=account.today(now)
    )
    if delivery is None:
        return None
    yesterday = delivery.local_day - timedelta(days=1)
    previous = await nutrition_on(uow.session, user_id=account.id, day=yesterday)
    if not previous:
        return None
    rows = [
        {
            **_row(
                account.id,
                delivery.local_day,
                NutrientAmount(e.nutrient, e.amount, e.unit, e.entered_value, e.entered_unit),
                f"c:{delivery.id}:y:{e.id}",
                delivery.id,
                now,
            ),
            "range_key": e.range_key,
        }
        for e in previous
    ]
    done = len(catalog.nutrients)
    if not await _move_on(uow, delivery, 0, done, rows, catalog, now):
        return None
    return await _answered(uow, account, delivery, done, catalog, after_usual=False)


async def had_entries(uow: UnitOfWork, *, account: Account, day: date) -> bool:
    """Whether he logged any nutrient on that day."""
    return bool(await nutrition_on(uow.session, user_id=account.id, day=day))


def _checkin_row(
    account: Account, delivery: DeliveryView, amount: NutrientAmount, now: datetime
) -> dict[str, object]:
    source = f"c:{delivery.id}:{amount.nutrient_key}"
    return _row(account.id, delivery.local_day, amount, source, delivery.id, now)


def _next_step(catalog: NutrientCatalog, start: int, covered: set[str]) -> int:
    """The first step from `start` whose nutrient is not covered; len(catalog) when none."""
    keys = catalog.keys
    return next((i for i in range(start, len(keys)) if keys[i] not in covered), len(keys))


async def _covered_by_usual(uow: UnitOfWork, account: Account, delivery: DeliveryView) -> set[str]:
    """Nutrients his usual stored in this check-in."""
    prefix = f"c:{delivery.id}:u:"
    entries = await nutrition_on(uow.session, user_id=account.id, day=delivery.local_day)
    return {e.nutrient for e in entries if e.source_key.startswith(prefix)}


async def _answered(
    uow: UnitOfWork,
    account: Account,
    delivery: DeliveryView,
    step: int,
    catalog: NutrientCatalog,
    *,
    after_usual: bool,
) -> CheckinAnswered:
    """The next step to ask, or the day's summary when the check-in is done."""
    if step < len(catalog.nutrients):
        return CheckinAnswered(delivery, step, (), 0, after_usual=after_usual)
    statuses = await day_statuses(uow, account=account, day=delivery.local_day, catalog=catalog)
    streaks = await streaks_for(uow, account=account, today=delivery.local_day)
    return CheckinAnswered(delivery, None, tuple(statuses), streaks.checkins, after_usual)


async def _move_on(
    uow: UnitOfWork,
    delivery: DeliveryView,
    step: int,
    target: int,
    rows: list[dict[str, object]],
    catalog: NutrientCatalog,
    now: datetime,
) -> bool:
    """Store the rows and move the check-in from `step` to `target` (done past the last step);
    False when that step was already answered (a double tap or a stale button): nothing
    stored."""
    session = uow.session
    done = target >= len(catalog.nutrients)
    moved = await session.exec(
        update(Delivery)
        .where(col(Delivery.id) == delivery.id, col(Delivery.progress) == step)
        .values(progress=target, answered_at=now if done else None)
    )
    if moved.rowcount != 1:  # another tap got there first: this one is stale
        await uow.commit()  # nothing changed; ends the transaction
        return False
    if rows:
        await insert_ignore(session, NutritionEntry, rows)
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
