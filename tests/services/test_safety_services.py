"""Safety services on both databases: who is on the cleared path, red-flag events and the
check after them, the screen at a prompt, and a new lifter's first bites."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from daily import NOW, TODAY, stored_account, stored_delivery

from bot.content import Content, load_content
from bot.db.engine import SessionFactory
from bot.db.models import DeliveryKind, LabResult
from bot.domain.training import ClearanceReason, ItemKind
from bot.services import safety, training
from bot.services.accounts import Account, account_of, row_of
from bot.services.deliveries import DeliveryView
from bot.services.learning import todays_bite
from bot.services.prompts import RedFlagCheckIn, TrainingPrompt, prepare_batch
from bot.services.safety import CheckAnswer
from bot.services.unit_of_work import UnitOfWork

YESTERDAY = TODAY - timedelta(days=1)


@pytest.fixture(scope="module")
def content() -> Content:
    """The shipped lessons and catalogues."""
    return load_content()


async def reason(
    sessions: SessionFactory, content: Content, me: Account, day: date = TODAY
) -> ClearanceReason | None:
    """Why he is on the cleared path on `day`."""
    async with UnitOfWork(sessions) as uow:
        return await safety.clearance(
            uow, account=me, today=day, rules=content.exercises.clearance_rules
        )


async def t_score(sessions: SessionFactory, me: Account, value: float, day: date) -> None:
    """A logged DXA spine T-score."""
    async with sessions() as session:
        session.add(
            LabResult(
                user_id=me.id,
                lab_key="dxa_spine",
                taken_on=day,
                value_entered=value,
                unit_entered="T",
                value_canonical=value,
                unit_canonical="T",
                score_kind="T",
                created_at=NOW,
                updated_at=NOW,
            )
        )
        await session.commit()


async def red_flag(sessions: SessionFactory, me: Account, day: date) -> None:
    """A red flag he reported on `day`."""
    async with UnitOfWork(sessions) as uow:
        await safety.record_red_flag(uow, account=me, kind="sudden_back_pain", today=day, now=NOW)


async def test_screen_t_score_red_flag_and_clearance(
    sessions: SessionFactory, content: Content
) -> None:
    """A clean screen: full plan; a T-score of −2.7 or a red flag: the cleared path; a
    clearance covers them; a red flag after it puts him back; it lapses after 6 weeks."""
    me = await stored_account(sessions)
    assert await reason(sessions, content, me) is None
    await t_score(sessions, me, -2.4, TODAY - timedelta(days=30))
    assert await reason(sessions, content, me) is None
    await t_score(sessions, me, -2.7, TODAY - timedelta(days=20))
    assert await reason(sessions, content, me) is ClearanceReason.LOW_T_SCORE
    async with UnitOfWork(sessions) as uow:
        me = await safety.record_cleared(uow, account=me, now=NOW - timedelta(days=2))
    assert await reason(sessions, content, me) is None
    await red_flag(sessions, me, TODAY)
    assert await reason(sessions, content, me) is ClearanceReason.RED_FLAG
    assert await reason(sessions, content, me, TODAY + timedelta(weeks=7)) is None


async def test_an_unscreened_user_plans_the_safer_session(
    sessions: SessionFactory, content: Content
) -> None:
    """plan_for_day puts a user who never answered the screen on the cleared path."""
    me = await stored_account(sessions, screened_on=None, screen_findings=None)
    async with UnitOfWork(sessions) as uow:
        plan = await training.plan_for_day(uow, account=me, day=TODAY, catalog=content.exercises)
    assert plan.cleared_path is ClearanceReason.NOT_SCREENED
    assert "deadlift" not in [i.key for i in plan.items]
    assert all(i.kind is not ItemKind.IMPACT for i in plan.items)


async def test_a_red_flag_is_stored_once_a_day_with_its_kind_only(
    sessions: SessionFactory,
) -> None:
    """The same flag twice in a day is one event: its day and its key."""
    me = await stored_account(sessions)
    await red_flag(sessions, me, TODAY)
    await red_flag(sessions, me, TODAY)
    async with UnitOfWork(sessions) as uow:
        events = await safety.red_flag_events(uow, account=me)
    assert [(e.day, e.kind, e.resolution) for e in events] == [(TODAY, "sudden_back_pain", None)]


async def test_the_check_after_a_red_flag_stays_open_until_better(
    sessions: SessionFactory,
) -> None:
    """The day after: a check is open; still bad keeps it; got checked closes it."""
    me = await stored_account(sessions)
    await red_flag(sessions, me, YESTERDAY)
    async with UnitOfWork(sessions) as uow:
        assert await safety.open_red_flag_check(uow, account=me, today=YESTERDAY) is None
        check = await safety.open_red_flag_check(uow, account=me, today=TODAY)
        assert check == safety.RedFlagCheck(YESTERDAY, "sudden_back_pain")
        answered = await safety.answer_red_flag_check(
            uow, account=me, answer=CheckAnswer.STILL_BAD, today=TODAY
        )
        assert answered == check
        assert await safety.open_red_flag_check(uow, account=me, today=TODAY) == check
        await safety.answer_red_flag_check(uow, account=me, answer=CheckAnswer.CHECKED, today=TODAY)
        assert await safety.open_red_flag_check(uow, account=me, today=TODAY) is None
        again = await safety.answer_red_flag_check(
            uow, account=me, answer=CheckAnswer.BETTER, today=TODAY
        )
        assert again is None
        events = await safety.red_flag_events(uow, account=me)
    assert [e.resolution for e in events] == ["checked"]


def view(delivery_id: int, day: date = TODAY) -> DeliveryView:
    """A claimed training delivery."""
    return DeliveryView(delivery_id, DeliveryKind.TRAINING, day, None, answered=False)


async def test_prompts_hold_training_and_ask_the_screen_once(
    sessions: SessionFactory, content: Content
) -> None:
    """With an open check the prompt is the check-in; an unscreened user's prompt carries
    the screen once (then it is remembered as asked)."""
    held = await stored_account(sessions, 1)
    new = await stored_account(sessions, 2, screened_on=None, screen_findings=None)
    await red_flag(sessions, held, YESTERDAY)
    batch = [(view(1), held), (view(2), new)]
    async with UnitOfWork(sessions) as uow:
        prompts = await prepare_batch(uow, batch=batch, content=content)
        check = await prompts.what_to_send(uow, account=held, delivery=view(1), now=NOW)
        first = await prompts.what_to_send(uow, account=new, delivery=view(2), now=NOW)
    assert check == RedFlagCheckIn(1, TODAY, safety.RedFlagCheck(YESTERDAY, "sudden_back_pain"))
    assert isinstance(first, TrainingPrompt) and first.ask_screen
    assert first.plan.cleared_path is ClearanceReason.NOT_SCREENED
    async with UnitOfWork(sessions) as uow:
        asked = await stored_again(uow, new)
        later = view(3, TODAY + timedelta(days=1))
        prompts = await prepare_batch(uow, batch=[(later, asked)], content=content)
        second = await prompts.what_to_send(uow, account=asked, delivery=later, now=NOW)
    assert isinstance(second, TrainingPrompt) and not second.ask_screen


async def stored_again(uow: UnitOfWork, account: Account) -> Account:
    """His account as stored now."""
    return account_of(await row_of(uow, account))


async def test_no_follow_up_while_training_is_held(
    sessions: SessionFactory, content: Content
) -> None:
    """The evening follow-up does not ask about a session that is on hold."""
    me = await stored_account(sessions)
    await stored_delivery(sessions, me, DeliveryKind.TRAINING)
    await red_flag(sessions, me, YESTERDAY)
    follow_up = DeliveryView(9, DeliveryKind.FOLLOWUP, TODAY, None, answered=False)
    async with UnitOfWork(sessions) as uow:
        prompts = await prepare_batch(uow, batch=[(follow_up, me)], content=content)
        assert await prompts.what_to_send(uow, account=me, delivery=follow_up, now=NOW) is None


async def test_the_first_training_bites_are_technique_then_spine(
    sessions: SessionFactory, content: Content
) -> None:
    """A new lifter's first two training-day bites are the catalogue's, in order."""
    me = await stored_account(sessions)
    first = content.exercises.first_training_bites.lessons
    ids = []
    for offset in range(3):
        async with UnitOfWork(sessions) as uow:
            bite = await todays_bite(
                uow,
                account=me,
                library=content.lessons,
                today=TODAY + timedelta(days=offset),
                topics=frozenset({"loading"}),
                now=NOW + timedelta(days=offset),
                first=first,
            )
        assert bite is not None
        ids.append(bite.lesson.id)
    assert ids[:2] == ["technique-first", "avoid-loaded-flexion"] == list(first)
    assert ids[2] not in first
