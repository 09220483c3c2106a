"""Lift logs through the services: records once, custom and bodyweight lifts, per-set rows,
the jumps in one tap, and the day's sent prompt for /today's buttons."""

from __future__ import annotations

from datetime import timedelta

import pytest
from daily import NOW, TODAY, stored_account, stored_delivery

from bot.content import Content, load_content
from bot.db.engine import SessionFactory
from bot.db.log_queries import sets_of
from bot.db.models import DeliveryKind, DeliveryStatus
from bot.domain.profile import WeightUnit
from bot.domain.training import LiftLog, SetEntry
from bot.services import lift_logs
from bot.services.deliveries import answerable_delivery, sent_training_prompt
from bot.services.unit_of_work import UnitOfWork


@pytest.fixture(scope="module")
def content() -> Content:
    """The shipped catalogues."""
    return load_content()


def _log(key: str, *pairs: tuple[float, int]) -> LiftLog:
    sets = [SetEntry(load_kg=load, reps=reps) for load, reps in pairs]
    return LiftLog(lift_key=key, sets=sets, entered_unit=WeightUnit.KG)


async def test_a_record_is_reported_once_and_never_for_a_first_log(
    sessions: SessionFactory, content: Content
) -> None:
    """First log: no record; heavier: the record; the same source again: not new, no record."""
    me = await stored_account(sessions)
    catalog = content.exercises

    async def log(log: LiftLog, source: str) -> lift_logs.LiftLogged:
        async with UnitOfWork(sessions) as uow:
            return await lift_logs.log_lift(
                uow, account=me, day=TODAY, log=log, source_key=source, catalog=catalog, now=NOW
            )

    first = await log(_log("squat", (60, 5)), "m:1")
    assert first.new and first.record is None
    heavier = await log(_log("squat", (60, 5), (65, 5), (70, 3)), "m:2")
    assert heavier.record == SetEntry(load_kg=70, reps=3)
    again = await log(_log("squat", (60, 5), (65, 5), (70, 3)), "m:2")
    assert not again.new and again.record is None
    same = await log(_log("squat", (70, 3)), "m:3")
    assert same.new and same.record is None
    async with UnitOfWork(sessions) as uow:
        rows = await sets_of(uow.session, user_id=me.id)
    assert [(r.load_kg, r.reps, r.set_index) for r in rows if r.source_key == "m:2"] == [
        (60, 5, 0),
        (65, 5, 1),
        (70, 3, 2),
    ]


async def test_custom_and_bodyweight_lifts_are_named_and_recorded(
    sessions: SessionFactory, content: Content
) -> None:
    """A custom lift and the jumps store, get names, and appear in his records."""
    me = await stored_account(sessions, telegram_id=6)
    catalog = content.exercises
    async with UnitOfWork(sessions) as uow:
        custom = await lift_logs.log_lift(
            uow,
            account=me,
            day=TODAY,
            log=_log("custom:zercher squat", (50, 8)),
            source_key="m:1",
            catalog=catalog,
            now=NOW,
        )
        jumps = await lift_logs.log_lift(
            uow,
            account=me,
            day=TODAY,
            log=_log("jumping_chin_up", (0, 5), (0, 5)),
            source_key="m:2",
            catalog=catalog,
            now=NOW,
        )
        found = {r.lift_key: r for r in await lift_logs.records(uow, account=me)}
    assert (custom.lift_name, jumps.lift_name) == (
        "Zercher squat",
        "Jumping chin-ups with drop landings",
    )
    assert found["custom:zercher squat"].best.load_kg == 50
    assert (found["jumping_chin_up"].best.load_kg, found["jumping_chin_up"].best.reps) == (0, 5)


async def test_the_plans_jumps_log_as_prescribed_by_reps(
    sessions: SessionFactory, content: Content
) -> None:
    """One tap on the jumps stores the phase's sets × reps with no load, once."""
    me = await stored_account(sessions, telegram_id=7)
    delivery_id = await stored_delivery(sessions, me, DeliveryKind.TRAINING)
    async with UnitOfWork(sessions) as uow:
        delivery = await answerable_delivery(uow, account=me, delivery_id=delivery_id, today=TODAY)
        assert delivery is not None
        results = [
            await lift_logs.log_as_prescribed(
                uow,
                account=me,
                delivery=delivery,
                lift_key=content.exercises.impact.key,
                catalog=content.exercises,
                now=NOW,
            )
            for _ in range(2)
        ]
        rows = await sets_of(uow.session, user_id=me.id)
    assert [r.new for r in results if r is not None] == [True, False]
    assert {(r.load_kg, r.planned_reps) for r in rows} == {(0.0, rows[0].reps)}
    assert len(rows) == rows[0].planned_sets


async def test_sent_training_prompt_only_when_it_went_out(sessions: SessionFactory) -> None:
    """/today's buttons need a sent (or maybe sent) prompt of that day; pending is none."""
    me = await stored_account(sessions, telegram_id=8)
    sent = await stored_delivery(sessions, me, DeliveryKind.TRAINING)
    yesterday = TODAY - timedelta(days=1)
    await stored_delivery(
        sessions, me, DeliveryKind.TRAINING, day=yesterday, status=DeliveryStatus.PENDING
    )
    async with UnitOfWork(sessions) as uow:
        today = await sent_training_prompt(uow, account=me, day=TODAY)
        before = await sent_training_prompt(uow, account=me, day=yesterday)
        none = await sent_training_prompt(uow, account=me, day=TODAY + timedelta(days=1))
    assert today is not None and today.id == sent
    assert before is None and none is None
