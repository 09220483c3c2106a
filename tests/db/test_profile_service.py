"""Consent, answers and status changes, stored on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.db.engine import SessionFactory
from bot.db.models import UserStatus
from bot.db.user_queries import get_user
from bot.domain.profile import (
    AgeBand,
    AnastrozoleUse,
    LabUnits,
    Question,
    ScreenAnswer,
    ScreenFinding,
    StartDate,
    Weekday,
    Weight,
    WeightUnit,
    ZoneName,
)
from bot.services import status
from bot.services.accounts import Account, row_of
from bot.services.profile import first_unanswered, give_consent, save_answer
from bot.services.unit_of_work import UnitOfWork

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


async def _consented(session: AsyncSession, telegram_id: int = 42) -> Account:
    uow = UnitOfWork.joining(session)
    consented = await give_consent(uow, telegram_id=telegram_id, chat_id=telegram_id, now=NOW)
    return consented.account


async def test_consent_creates_one_user_even_when_tapped_twice(sessions: SessionFactory) -> None:
    """A repeated consent tap stores nothing twice."""
    async with UnitOfWork(sessions) as first:
        user = await give_consent(first, telegram_id=7, chat_id=7, now=NOW)
    async with UnitOfWork(sessions) as second:
        again = await give_consent(second, telegram_id=7, chat_id=7, now=NOW)
    assert user.new
    assert not again.new
    assert again.account.id == user.account.id
    assert user.account.pending_question == Question.TIMEZONE
    assert user.account.consented_at == NOW


async def test_onboarding_answers_fill_the_profile_and_finish(session: AsyncSession) -> None:
    """Answering every question in order completes onboarding and activates the user."""
    user = await _consented(session)
    uow = UnitOfWork.joining(session)
    answers = [
        (Question.TIMEZONE, ZoneName("Europe/Berlin")),
        (Question.TRAINING_TIME, time(7, 30)),
        (Question.NUTRITION_TIME, time(20, 0)),
        (Question.TRAINING_DAYS, frozenset({Weekday.MON, Weekday.THU})),
        (Question.WEIGHT, Weight(kg=82.0, unit=WeightUnit.KG)),
        (Question.AGE, AgeBand.B50_59),
        (Question.ANASTROZOLE, AnastrozoleUse.YES),
        (Question.ANASTROZOLE_SINCE, StartDate(date(2025, 3, 1), approximate=False)),
        (Question.LAB_UNITS, LabUnits.SI),
        (Question.SCREEN, ScreenAnswer(frozenset({ScreenFinding.SPINE_FRACTURE}))),
    ]
    for index, (question, value) in enumerate(answers):
        assert user.pending_question == question
        saved = await save_answer(uow, account=user, question=question, value=value, now=NOW)
        assert saved.onboarding_finished == (index == len(answers) - 1)
        user = saved.account
    stored = await get_user(session, telegram_id=42)
    assert stored is not None
    assert stored.status == UserStatus.ACTIVE
    assert stored.pending_question is None
    assert stored.training_days_mask == 0b1001
    assert stored.anastrozole_since == date(2025, 3, 1)
    assert stored.screened_on == NOW.date()
    assert stored.screen_findings == "spine_fracture"
    assert first_unanswered(stored) is None


async def test_a_user_set_up_before_the_screen_is_not_sent_back_to_onboarding(
    session: AsyncSession,
) -> None:
    """An existing user without a screen answer counts as set up (his prompt asks it)."""
    user = await _consented(session)
    uow = UnitOfWork.joining(session)
    row = await row_of(uow, user)
    row.timezone, row.training_time, row.nutrition_time = "UTC", time(7), time(20)
    row.training_days_mask, row.weight_kg, row.age_band = 1, 80.0, "50-59"
    row.anastrozole_use, row.lab_units, row.program_start = "no", "si", date(2026, 1, 5)
    assert first_unanswered(row) is None
    row.program_start = None
    assert first_unanswered(row) is Question.SCREEN


async def test_no_anastrozole_skips_the_start_date(session: AsyncSession) -> None:
    """Saying no goes straight to lab units and clears any earlier start date."""
    user = await _consented(session)
    uow = UnitOfWork.joining(session)
    (await row_of(uow, user)).anastrozole_since = date(2024, 1, 1)
    saved = await save_answer(
        uow, account=user, question=Question.ANASTROZOLE, value=AnastrozoleUse.NO, now=NOW
    )
    assert saved.next_question == Question.LAB_UNITS
    assert saved.account.anastrozole_since is None


async def test_settings_change_asks_no_further_question(session: AsyncSession) -> None:
    """Outside onboarding an answer is saved and nothing else is asked."""
    user = await _consented(session)
    uow = UnitOfWork.joining(session)
    (await row_of(uow, user)).status = UserStatus.ACTIVE
    saved = await save_answer(
        uow, account=user, question=Question.AGE, value=AgeBand.B40_49, now=NOW
    )
    assert saved.next_question is None
    assert not saved.onboarding_finished
    assert saved.account.age_band == "40-49"


async def test_timed_pause_ends_on_the_tick(session: AsyncSession) -> None:
    """A pause with an end is lifted once that instant has passed, not before."""
    user = await _consented(session)
    uow = UnitOfWork.joining(session)
    await status.pause(uow, account=user, until=NOW + timedelta(days=3), now=NOW)
    assert await status.end_expired_pauses(uow, now=NOW + timedelta(days=2)) == []
    resumed = await status.end_expired_pauses(uow, now=NOW + timedelta(days=3))
    assert [u.telegram_id for u in resumed] == [42]
    assert resumed[0].status == UserStatus.ACTIVE
    assert resumed[0].paused_until is None


async def test_start_after_stop_returns_to_unfinished_onboarding(session: AsyncSession) -> None:
    """/start after /stop goes back to the first unanswered question."""
    user = await _consented(session)
    uow = UnitOfWork.joining(session)
    saved = await save_answer(
        uow, account=user, question=Question.TIMEZONE, value=ZoneName("UTC"), now=NOW
    )
    stopped = await status.stop(uow, account=saved.account, now=NOW)
    assert stopped.status == UserStatus.STOPPED
    back = await status.come_back(uow, account=stopped, now=NOW)
    assert back.status == UserStatus.ONBOARDING
    assert back.pending_question == Question.TRAINING_TIME


async def test_instants_come_back_as_aware_utc(sessions: SessionFactory) -> None:
    """Datetimes read back from either database are timezone-aware UTC."""
    async with sessions() as session:
        await _consented(session, telegram_id=99)
    async with sessions() as session:
        user = await get_user(session, telegram_id=99)
    assert user is not None
    assert user.consented_at == NOW
    assert user.consented_at.tzinfo is not None
