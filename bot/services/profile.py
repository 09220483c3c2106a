"""Consent, onboarding answers and profile changes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time
from enum import StrEnum

from sqlalchemy.exc import IntegrityError

from bot.db.models import User, UserStatus
from bot.db.user_queries import get_user
from bot.domain.profile import (
    ONBOARDING_ORDER,
    AgeBand,
    AnastrozoleUse,
    AnswerValue,
    LabUnits,
    Question,
    ScreenAnswer,
    StartDate,
    Weekday,
    Weight,
    ZoneName,
    follow_up,
    next_onboarding_question,
    to_mask,
)
from bot.domain.schedule import QuietHours, local_day_of
from bot.services.accounts import Account, account_of, findings_text, row_of
from bot.services.schedules import refresh_schedule
from bot.services.unit_of_work import UnitOfWork

SCHEDULE_QUESTIONS = frozenset(
    {Question.TIMEZONE, Question.TRAINING_TIME, Question.NUTRITION_TIME, Question.TRAINING_DAYS}
)
DEFAULT_QUIET_HOURS = QuietHours(start=time(22, 0), end=time(7, 0))


class PendingAction(StrEnum):
    """A typed answer awaited that is not a profile question (kept where the question is)."""

    CONFIRM_DELETE = "confirm_delete"  # /delete: he must type DELETE


@dataclass(frozen=True)
class Consented:
    """After a consent tap: his account, and whether this tap created it."""

    account: Account
    new: bool


@dataclass(frozen=True)
class SavedAnswer:
    """What happened after an answer was stored."""

    account: Account
    next_question: Question | None
    onboarding_finished: bool
    next_due: dict[str, datetime] = field(default_factory=dict)  # kind → next due, on a change


async def give_consent(
    uow: UnitOfWork, *, telegram_id: int, chat_id: int, now: datetime
) -> Consented:
    """Create the user on explicit consent; a second tap creates nothing."""
    existing = await get_user(uow.session, telegram_id=telegram_id)
    if existing is not None:
        return Consented(account_of(existing), new=False)
    user = User(
        telegram_id=telegram_id,
        chat_id=chat_id,
        status=UserStatus.ONBOARDING,
        pending_question=ONBOARDING_ORDER[0],
        consented_at=now,
        quiet_start=DEFAULT_QUIET_HOURS.start,
        quiet_end=DEFAULT_QUIET_HOURS.end,
        created_at=now,
        updated_at=now,
    )
    uow.session.add(user)
    try:
        await uow.commit()
    except IntegrityError:  # the same tap delivered twice, racing: keep the first
        await uow.rollback()
        existing = await get_user(uow.session, telegram_id=telegram_id)
        assert existing is not None
        return Consented(account_of(existing), new=False)
    return Consented(account_of(user), new=True)


def _apply(user: User, question: Question, value: AnswerValue) -> None:
    """Copy one typed answer onto the profile."""
    if question is Question.TIMEZONE and isinstance(value, ZoneName):
        user.timezone = value.name
    elif question is Question.TRAINING_TIME and isinstance(value, time):
        user.training_time = value
    elif question is Question.NUTRITION_TIME and isinstance(value, time):
        user.nutrition_time = value
    elif question is Question.TRAINING_DAYS and isinstance(value, frozenset):
        user.training_days_mask = to_mask(d for d in value if isinstance(d, Weekday))
    elif question is Question.WEIGHT and isinstance(value, Weight):
        user.weight_kg = round(value.kg, 2)
        user.weight_unit = value.unit.value
    elif question is Question.AGE and isinstance(value, AgeBand):
        user.age_band = value.value
    elif question is Question.ANASTROZOLE and isinstance(value, AnastrozoleUse):
        user.anastrozole_use = value.value
        if value is not AnastrozoleUse.YES:
            user.anastrozole_since = None
            user.anastrozole_since_approx = False
    elif question is Question.ANASTROZOLE_SINCE and isinstance(value, StartDate):
        user.anastrozole_since = value.day
        user.anastrozole_since_approx = value.approximate
    elif question is Question.LAB_UNITS and isinstance(value, LabUnits):
        user.lab_units = value.value
    elif question is Question.SCREEN and isinstance(value, ScreenAnswer):
        user.screen_findings = findings_text(value.findings)
    else:
        raise TypeError(f"{type(value).__name__} is not an answer to {question}")


async def save_answer(
    uow: UnitOfWork, *, account: Account, question: Question, value: AnswerValue, now: datetime
) -> SavedAnswer:
    """Store an answer and work out what to ask next (onboarding order, or a follow-up)."""
    user = await row_of(uow, account)
    _apply(user, question, value)
    if question is Question.SCREEN:
        user.screened_on = local_day_of(now, user.timezone or "UTC")
    onboarding = user.status == UserStatus.ONBOARDING
    if onboarding:
        upcoming = next_onboarding_question(question, anastrozole_use=user.anastrozole_use)
    else:
        upcoming = follow_up(question, anastrozole_use=user.anastrozole_use)
    finished = onboarding and upcoming is None
    user.pending_question = upcoming
    if finished:
        user.status = UserStatus.ACTIVE
        user.program_start = local_day_of(now, user.timezone or "UTC")
    user.updated_at = now
    uow.session.add(user)
    next_due: dict[str, datetime] = {}
    if finished:
        await refresh_schedule(uow.session, user=user, now=now)
    elif not onboarding and question in SCHEDULE_QUESTIONS:
        next_due = await refresh_schedule(uow.session, user=user, now=now, catch_up_today=True)
    await uow.commit()
    return SavedAnswer(account_of(user), upcoming, finished, next_due)


async def ask(
    uow: UnitOfWork, *, account: Account, question: Question | None, now: datetime
) -> Account:
    """Remember which question a typed answer or a button press should answer."""
    return await set_pending(uow, account=account, pending=question, now=now)


def first_unanswered(user: User) -> Question | None:
    """The first onboarding question without an answer (the follow-up only after a yes)."""
    answers: dict[Question, object] = {
        Question.TIMEZONE: user.timezone,
        Question.TRAINING_TIME: user.training_time,
        Question.NUTRITION_TIME: user.nutrition_time,
        Question.TRAINING_DAYS: user.training_days_mask,
        Question.WEIGHT: user.weight_kg,
        Question.AGE: user.age_band,
        Question.ANASTROZOLE: user.anastrozole_use,
        Question.ANASTROZOLE_SINCE: (
            user.anastrozole_since if user.anastrozole_use == AnastrozoleUse.YES else True
        ),
        Question.LAB_UNITS: user.lab_units,
        # Set up before the screen existed: asked at his next training prompt instead.
        Question.SCREEN: user.screened_on or user.program_start,
    }
    return next((q for q in ONBOARDING_ORDER if answers[q] is None), None)


async def set_pending(
    uow: UnitOfWork,
    *,
    account: Account,
    pending: Question | PendingAction | None,
    now: datetime,
) -> Account:
    """Remember what his next typed answer answers: a profile question or a pending action."""
    if account.pending == pending:
        return account
    user = await row_of(uow, account)
    user.pending_question = pending
    user.updated_at = now
    uow.session.add(user)
    await uow.commit()
    return account_of(user)


def pending_action(account: Account) -> PendingAction | None:
    """The non-question item awaiting his typed answer, if any."""
    if account.pending is None or account.pending_question is not None:
        return None
    try:
        return PendingAction(account.pending)
    except ValueError:  # a value no version of the bot writes
        return None
