"""The daily loop's services: answerable deliveries, answers, lift logs, /today and records."""

from __future__ import annotations

from datetime import timedelta

import pytest
from daily import NOW, TODAY, stored_account, stored_delivery

from bot.content import Content, load_content
from bot.db.engine import SessionFactory
from bot.db.models import DeliveryKind
from bot.domain.nutrition import range_options
from bot.domain.profile import WeightUnit
from bot.domain.text import InvalidAnswer
from bot.domain.training import LiftLog, SetEntry
from bot.services import lift_logs, nutrition, training
from bot.services.day_overview import day_overview
from bot.services.deliveries import answerable_delivery
from bot.services.unit_of_work import UnitOfWork


@pytest.fixture(scope="module")
def content() -> Content:
    """The shipped lessons and catalogues."""
    return load_content()


async def test_only_his_recent_deliveries_are_answerable(sessions: SessionFactory) -> None:
    """His prompt of today or yesterday answers; another man's, or an older one, does not."""
    me = await stored_account(sessions, 1)
    other = await stored_account(sessions, 2)
    today = await stored_delivery(sessions, me, DeliveryKind.TRAINING)
    yesterday = await stored_delivery(sessions, me, DeliveryKind.TRAINING, TODAY - timedelta(1))
    older = await stored_delivery(sessions, me, DeliveryKind.TRAINING, TODAY - timedelta(2))
    foreign = await stored_delivery(sessions, other, DeliveryKind.TRAINING)
    async with UnitOfWork(sessions) as uow:

        async def answerable(delivery_id: int) -> bool:
            found = await answerable_delivery(uow, account=me, delivery_id=delivery_id, today=TODAY)
            return found is not None

        assert await answerable(today) and await answerable(yesterday)
        assert not await answerable(older)
        assert not await answerable(foreign)
        assert not await answerable(foreign + 100)


async def test_a_training_answer_is_stored_once(sessions: SessionFactory, content: Content) -> None:
    """The first tap saves; the same tap again changes nothing; a bad outcome is refused."""
    me = await stored_account(sessions)
    delivery_id = await stored_delivery(sessions, me, DeliveryKind.TRAINING)
    catalog = content.exercises
    async with UnitOfWork(sessions) as uow:

        async def tap(outcome: str) -> training.PromptAnswered | None:
            return await training.answer_prompt(
                uow, account=me, delivery_id=delivery_id, outcome=outcome, catalog=catalog, now=NOW
            )

        first = await tap("done")
        assert first is not None and first.changed and first.previous is None
        assert first.delivery.id == delivery_id and first.plan.day == TODAY
        again = await tap("done")
        assert again is not None and not again.changed
        changed = await tap("skipped")
        assert changed is not None and changed.previous == "done"
        assert await tap("maybe") is None
    async with UnitOfWork(sessions) as uow:
        overview = await day_overview(
            uow, account=me, day=TODAY, exercises=catalog, nutrients=content.nutrients
        )
    assert overview.outcome == "skipped"


async def test_lifts_logged_typed_and_as_prescribed_and_recorded(
    sessions: SessionFactory, content: Content
) -> None:
    """A typed log and a prescribed tap are stored once each; last load and records follow."""
    me = await stored_account(sessions)
    delivery_id = await stored_delivery(sessions, me, DeliveryKind.TRAINING)
    catalog = content.exercises
    yesterday = TODAY - timedelta(days=1)
    typed = LiftLog(
        lift_key="deadlift",
        sets=[SetEntry(reps=5, load_kg=100.0), SetEntry(reps=5, load_kg=110.0)],
        entered_unit=WeightUnit.KG,
    )
    async with UnitOfWork(sessions) as uow:
        delivery = await answerable_delivery(uow, account=me, delivery_id=delivery_id, today=TODAY)
        assert delivery is not None
        assert await lift_logs.last_load_kg(uow, account=me, lift_key="deadlift") is None
        for expected in (True, False):
            logged = await lift_logs.log_lift(
                uow,
                account=me,
                day=yesterday,
                log=typed,
                source_key="m:1",
                catalog=catalog,
                now=NOW,
            )
            assert logged.new is expected and logged.lift_name == "Deadlift"

        async def as_prescribed(lift_key: str) -> lift_logs.LiftLogged | None:
            return await lift_logs.log_as_prescribed(
                uow, account=me, delivery=delivery, lift_key=lift_key, catalog=catalog, now=NOW
            )

        tapped = await as_prescribed("deadlift")
        assert tapped is not None and tapped.new and tapped.lift_name == "Deadlift"
        again = await as_prescribed("deadlift")
        assert again is not None and not again.new
        assert await as_prescribed("squat") is None  # no load suggested before his first squat
        assert await lift_logs.lifts_logged_on(uow, account=me, day=TODAY) == {"deadlift"}
        load = next(i.load_kg for i in tapped.plan.items if i.key == "deadlift")
        assert load is not None
        assert await lift_logs.last_load_kg(uow, account=me, lift_key="deadlift") == load
        records = {r.lift_key: r for r in await lift_logs.records(uow, account=me)}
    assert set(records) == {"deadlift"}
    assert records["deadlift"].best.load_kg == max(110.0, load)
    assert [t.day for t in records["deadlift"].recent] == [TODAY, yesterday]


async def test_a_check_in_moves_on_once_and_sums_up_at_the_end(
    sessions: SessionFactory, content: Content
) -> None:
    """Each step is stored once (a double tap is refused); the last one gives the summary."""
    me = await stored_account(sessions)
    delivery_id = await stored_delivery(sessions, me, DeliveryKind.NUTRITION)
    catalog = content.nutrients
    last = len(catalog.nutrients) - 1
    async with UnitOfWork(sessions) as uow:

        async def tap(step: int, choice: str) -> nutrition.CheckinAnswered | None:
            return await nutrition.answer_checkin(
                uow,
                account=me,
                delivery_id=delivery_id,
                step=step,
                choice=choice,
                catalog=catalog,
                now=NOW,
            )

        first = await tap(0, "hi")
        assert first is not None and first.next_step == 1 and first.statuses == ()
        assert await tap(0, "hi") is None
        for step in range(1, last):
            assert await tap(step, nutrition.SKIP) is not None
        with pytest.raises(InvalidAnswer):
            await tap(last, "no such option")
        option = range_options(catalog.nutrients[last], weight_kg=me.weight_kg)[-1].key
        done = await tap(last, option)
        assert done is not None and done.next_step is None
        assert {s.nutrient_key for s in done.statuses} == set(catalog.keys)
        assert await tap(last + 1, option) is None
        totals = await nutrition.totals_on(uow, account=me, day=TODAY)
    assert set(totals) == {catalog.nutrients[0].key, catalog.nutrients[last].key}
