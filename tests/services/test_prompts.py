"""What the dispatcher sends: the prompts service gives plain data, or None when not needed."""

from __future__ import annotations

from datetime import date, timedelta
from typing import cast

import pytest
from daily import NOW, TODAY, stored_account, stored_delivery

from bot.content import Content, load_content
from bot.db.engine import SessionFactory
from bot.db.models import Delivery, DeliveryKind, DeliveryStatus, TrainingSession
from bot.domain.profile import WeightUnit
from bot.domain.training import LiftLog, SetEntry
from bot.services import broadcasts, lift_logs
from bot.services.accounts import Account
from bot.services.deliveries import DeliveryView
from bot.services.lab_nudges import LabMessage
from bot.services.prompts import (
    BroadcastText,
    CheckinStart,
    Prompt,
    TrainingFollowUp,
    TrainingPrompt,
    WeeklySummary,
    prepare_batch,
)
from bot.services.unit_of_work import UnitOfWork


@pytest.fixture(scope="module")
def content() -> Content:
    """The shipped lessons and catalogues."""
    return load_content()


def view(delivery_id: int, kind: str, day: date = TODAY) -> DeliveryView:
    """A claimed delivery as the dispatcher hands it over."""
    return DeliveryView(id=delivery_id, kind=kind, local_day=day, message_id=None, answered=False)


class NoDatabase:
    """A unit of work that fails the test when a prompt reaches for the database."""

    @property
    def session(self) -> None:
        """Any use is a query the batch should have made already."""
        raise AssertionError("a query per prompt")


async def send(
    sessions: SessionFactory, content: Content, account: Account, delivery: DeliveryView
) -> Prompt | None:
    """What the service says to send for one delivery in a batch of its own."""
    async with UnitOfWork(sessions) as uow:
        prompts = await prepare_batch(uow, batch=[(delivery, account)], content=content)
        return await prompts.what_to_send(uow, account=account, delivery=delivery, now=NOW)


async def test_training_prompts_use_the_history_loaded_for_the_batch(
    sessions: SessionFactory, content: Content
) -> None:
    """A batch loads the training history once; each training prompt then needs no query."""
    me = await stored_account(sessions, 1)
    other = await stored_account(sessions, 2)
    log = LiftLog(
        lift_key="deadlift", sets=[SetEntry(reps=5, load_kg=100.0)], entered_unit=WeightUnit.KG
    )
    async with UnitOfWork(sessions) as uow:
        await lift_logs.log_lift(
            uow,
            account=me,
            day=TODAY - timedelta(days=2),
            log=log,
            source_key="m:1",
            catalog=content.exercises,
            now=NOW,
        )
    batch = [(view(1, DeliveryKind.TRAINING), me), (view(2, DeliveryKind.TRAINING), other)]
    async with UnitOfWork(sessions) as uow:
        prompts = await prepare_batch(uow, batch=batch, content=content)
    plans = {}
    for delivery, account in batch:
        prompt = await prompts.what_to_send(
            cast(UnitOfWork, NoDatabase()), account=account, delivery=delivery, now=NOW
        )
        assert isinstance(prompt, TrainingPrompt) and prompt.delivery_id == delivery.id
        assert prompt.why is not None
        plans[account.id] = {i.key: i.load_kg for i in prompt.plan.items}
    assert plans[me.id]["deadlift"] is not None
    assert plans[other.id]["deadlift"] is None


async def test_a_check_in_starts_with_the_first_nutrient(
    sessions: SessionFactory, content: Content
) -> None:
    """The check-in prompt carries its delivery, day, his weight and the first nutrient's why."""
    me = await stored_account(sessions)
    prompt = await send(sessions, content, me, view(4, DeliveryKind.NUTRITION))
    assert prompt == CheckinStart(4, TODAY, 80.0, prompt.why if prompt else None)
    assert isinstance(prompt, CheckinStart) and prompt.why is not None


async def test_a_follow_up_only_while_the_sent_prompt_is_unanswered(
    sessions: SessionFactory, content: Content
) -> None:
    """No follow-up before the morning prompt went out, nor after he answered it."""
    me = await stored_account(sessions)
    follow_up = view(9, DeliveryKind.FOLLOWUP)
    training = await stored_delivery(
        sessions, me, DeliveryKind.TRAINING, status=DeliveryStatus.PENDING
    )
    assert await send(sessions, content, me, follow_up) is None
    async with sessions() as session:
        row = await session.get(Delivery, training)
        assert row is not None
        row.status = DeliveryStatus.SENT
        await session.commit()
        assert await send(sessions, content, me, follow_up) == TrainingFollowUp(training)
        row.answered_at = NOW
        await session.commit()
    assert await send(sessions, content, me, follow_up) is None


async def test_the_weekly_summary_waits_for_his_first_full_week(
    sessions: SessionFactory, content: Content
) -> None:
    """A week that began before his programme sends nothing; a full week sends its numbers:
    planned sessions are the training-day prompts that went out, answers counted apart."""
    newcomer = await stored_account(sessions, 1, program_start=TODAY - timedelta(days=3))
    assert await send(sessions, content, newcomer, view(1, DeliveryKind.WEEKLY)) is None
    regular = await stored_account(sessions, 2, program_start=TODAY - timedelta(days=30))
    answers = {1: "done", 3: "partly", 5: "skipped", 6: None}  # days before TODAY
    for days_ago, outcome in answers.items():
        day = TODAY - timedelta(days=days_ago)
        await stored_delivery(
            sessions, regular, DeliveryKind.TRAINING, day=day, session_planned=True
        )
        if outcome is not None:
            async with sessions() as session:
                session.add(
                    TrainingSession(
                        user_id=regular.id,
                        local_day=day,
                        planned=True,
                        outcome=outcome,
                        created_at=NOW,
                        updated_at=NOW,
                    )
                )
                await session.commit()
    # an off-day dose prompt that went out, answered: not a planned session
    off_day = TODAY - timedelta(days=2)
    await stored_delivery(sessions, regular, DeliveryKind.TRAINING, day=off_day)
    summary = await send(sessions, content, regular, view(2, DeliveryKind.WEEKLY))
    assert isinstance(summary, WeeklySummary) and summary.summary_day == TODAY
    week = summary.week
    assert (week.start, week.end) == (TODAY - timedelta(days=7), TODAY - timedelta(days=1))
    assert (week.planned_sessions, week.done, week.partly, week.skipped) == (4, 1, 1, 1)
    assert week.sessions_text == "1 done, 1 partly, 1 skipped of 4 planned"


async def test_broadcasts_and_lab_nudges(sessions: SessionFactory, content: Content) -> None:
    """A broadcast sends its text; a lab nudge is remembered as given, so none follows at once."""
    me = await stored_account(sessions)
    async with UnitOfWork(sessions) as uow:
        draft = await broadcasts.draft(uow, text="Clinic closed", admin_id=99, now=NOW)
    kind = broadcasts.kind_for(draft.id)
    assert await send(sessions, content, me, view(1, kind)) == BroadcastText("Clinic closed")
    assert await send(sessions, content, me, view(2, broadcasts.kind_for(draft.id + 1))) is None
    assert await send(sessions, content, me, view(3, "no such kind")) is None
    first = await send(sessions, content, me, view(4, DeliveryKind.LABS))
    assert isinstance(first, LabMessage) and first.kind == "nudge"
    tomorrow = view(5, DeliveryKind.LABS, TODAY + timedelta(days=1))
    assert await send(sessions, content, me, tomorrow) is None
