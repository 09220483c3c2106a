"""My usual in the services: saved once, logged once per check-in, steps skipped, replace/add."""

from __future__ import annotations

import pytest
from daily import NOW, TODAY, stored_account, stored_delivery

from bot.content import Content, load_content
from bot.db.engine import SessionFactory
from bot.db.models import DeliveryKind
from bot.domain.nutrition import NutrientAmount
from bot.services import nutrition, usual
from bot.services.unit_of_work import UnitOfWork


@pytest.fixture(scope="module")
def content() -> Content:
    """The shipped lessons and catalogues."""
    return load_content()


STACK = (
    NutrientAmount("vitamin_d", 2000, "IU", 2000, "IU"),
    NutrientAmount("k2", 100, "µg", 100, "µg"),
    NutrientAmount("omega3", 0, "mg", 0, "mg"),  # nothing: not part of the stack
)


async def test_usual_is_saved_replaced_and_cleared(
    sessions: SessionFactory, content: Content
) -> None:
    """Saving replaces the whole stack, in catalog order, without zero items; clear forgets it."""
    me = await stored_account(sessions)
    catalog = content.nutrients
    async with UnitOfWork(sessions) as uow:
        saved = await usual.save_usual(uow, account=me, items=STACK, catalog=catalog, now=NOW)
        assert [i.nutrient_key for i in saved] == ["vitamin_d", "k2"]
        again = await usual.save_usual(uow, account=me, items=STACK[1:], catalog=catalog, now=NOW)
        assert [i.nutrient_key for i in again] == ["k2"]
        await usual.clear_usual(uow, account=me)
        assert await usual.usual_of(uow, account=me, catalog=catalog) == ()


async def test_took_my_usual_stores_once_and_skips_covered_steps(
    sessions: SessionFactory, content: Content
) -> None:
    """The stack is stored once; the check-in goes on only through steps it does not cover."""
    me = await stored_account(sessions)
    delivery_id = await stored_delivery(sessions, me, DeliveryKind.NUTRITION)
    catalog = content.nutrients
    async with UnitOfWork(sessions) as uow:
        items = await usual.save_usual(uow, account=me, items=STACK, catalog=catalog, now=NOW)
        took = await nutrition.take_usual(
            uow, account=me, delivery_id=delivery_id, items=items, catalog=catalog, now=NOW
        )
        assert took is not None and took.next_step == 0 and took.after_usual
        steps = []
        step: int | None = 0
        while step is not None:
            steps.append(catalog.keys[step])
            answered = await nutrition.answer_checkin(
                uow,
                account=me,
                delivery_id=delivery_id,
                step=step,
                choice=nutrition.SKIP,
                catalog=catalog,
                now=NOW,
            )
            assert answered is not None
            step = answered.next_step
        assert steps == ["calcium", "magnesium", "protein", "omega3"]
        again = await nutrition.take_usual(
            uow, account=me, delivery_id=delivery_id, items=items, catalog=catalog, now=NOW
        )
        assert again is None  # the check-in is done: a stale tap stores nothing
        totals = await nutrition.totals_on(uow, account=me, day=TODAY)
    assert totals == {"vitamin_d": 2000, "k2": 100}


async def test_typed_amount_replaces_or_adds_to_taps(
    sessions: SessionFactory, content: Content
) -> None:
    """replace_taps removes the day's tapped amounts for that nutrient; without it, adds."""
    me = await stored_account(sessions)
    delivery_id = await stored_delivery(sessions, me, DeliveryKind.NUTRITION)
    catalog = content.nutrients
    async with UnitOfWork(sessions) as uow:
        await nutrition.answer_checkin(
            uow, account=me, delivery_id=delivery_id, step=0, choice="hi", catalog=catalog, now=NOW
        )
        tapped = await nutrition.tapped_today(uow, account=me, day=TODAY, nutrient_key="calcium")
        assert tapped is not None and tapped.range_keys == ("hi",)
        typed = NutrientAmount("calcium", 1550, "mg", 1550, "mg")
        total = await nutrition.record_typed(
            uow, account=me, day=TODAY, amount=typed, source_key="m:1", now=NOW, replace_taps=True
        )
        assert total == 1550
        assert (
            await nutrition.tapped_today(uow, account=me, day=TODAY, nutrient_key="calcium") is None
        )
        added = NutrientAmount("calcium", 100, "mg", 100, "mg")
        total = await nutrition.record_typed(
            uow, account=me, day=TODAY, amount=added, source_key="m:2", now=NOW
        )
    assert total == 1650
