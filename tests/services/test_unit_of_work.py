"""The unit of work and the Account view, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from bot.db.engine import SessionFactory
from bot.db.models import User, UserStatus
from bot.domain.profile import AgeBand, AnastrozoleUse, LabUnits, StartDate, Weekday, WeightUnit
from bot.domain.schedule import QuietHours
from bot.services.accounts import AccountStatus, account_of, find_account, row_of
from bot.services.unit_of_work import UnitOfWork

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _user(telegram_id: int = 5, **fields: object) -> User:
    return User(
        telegram_id=telegram_id,
        chat_id=telegram_id,
        consented_at=NOW,
        created_at=NOW,
        updated_at=NOW,
        **fields,
    )


async def test_what_a_service_did_not_commit_is_rolled_back(sessions: SessionFactory) -> None:
    """Leaving the block drops uncommitted changes and keeps committed ones."""
    async with UnitOfWork(sessions) as uow:
        uow.session.add(_user(1))
        await uow.commit()
        uow.session.add(_user(2))
    async with UnitOfWork(sessions) as uow:
        assert await find_account(uow, telegram_id=1) is not None
        assert await find_account(uow, telegram_id=2) is None


async def test_a_unit_of_work_must_be_entered(sessions: SessionFactory) -> None:
    """Using the session outside `async with` is a clear error, not a stray connection."""
    with pytest.raises(RuntimeError, match="not open"):
        _ = UnitOfWork(sessions).session


async def test_a_joined_unit_of_work_leaves_the_session_to_its_owner(
    sessions: SessionFactory,
) -> None:
    """A unit of work over someone else's session works in it and cannot be entered."""
    async with sessions() as session:
        uow = UnitOfWork.joining(session)
        assert uow.session is session
        with pytest.raises(RuntimeError, match="owner"):
            await uow.__aenter__()


async def test_row_of_comes_from_the_identity_map(sessions: SessionFactory) -> None:
    """A service loading his row after the account was found issues no second query."""
    async with UnitOfWork(sessions) as uow:
        uow.session.add(_user(3))
        await uow.commit()
    async with UnitOfWork(sessions) as uow:
        account = await find_account(uow, telegram_id=3)
        assert account is not None
        first = await row_of(uow, account)
        assert await row_of(uow, account) is first
        assert first in uow.session.identity_map.values()


def test_an_account_has_typed_fields() -> None:
    """Stored text and masks become enums, sets and value objects in one place."""
    user = _user(
        id=9,
        status=UserStatus.ACTIVE,
        timezone="Europe/Berlin",
        training_time=time(7, 30),
        nutrition_time=time(20, 0),
        training_days_mask=0b0010101,
        weight_kg=82.0,
        weight_unit="lb",
        age_band="50-59",
        anastrozole_use="yes",
        anastrozole_since=date(2025, 3, 1),
        anastrozole_since_approx=True,
        lab_units="si",
        quiet_start=time(22, 0),
        quiet_end=time(7, 0),
        summary_weekday=6,
    )
    account = account_of(user)
    assert account.status is AccountStatus.ACTIVE
    assert account.training_days == frozenset({Weekday.MON, Weekday.WED, Weekday.FRI})
    assert account.weight is not None and account.weight.unit is WeightUnit.LB
    assert account.weight_kg == 82.0
    assert account.age_band is AgeBand.B50_59
    assert account.anastrozole is AnastrozoleUse.YES
    assert account.anastrozole_since == StartDate(date(2025, 3, 1), approximate=True)
    assert account.lab_units is LabUnits.SI
    assert account.quiet == QuietHours(start=time(22, 0), end=time(7, 0))
    assert account.summary_weekday is Weekday.SUN
    assert account.today(datetime(2026, 3, 1, 23, 30, tzinfo=UTC)) == date(2026, 3, 2)


def test_a_new_account_has_nothing_answered_yet() -> None:
    """Before onboarding answers, the typed fields are None and times are read in UTC."""
    account = account_of(_user(id=1))
    assert account.status is AccountStatus.ONBOARDING
    assert not account.is_set_up
    assert account.training_days is None and account.weight is None and account.quiet is None
    assert account.weight_unit is WeightUnit.KG
    assert account.today(datetime(2026, 3, 1, 23, 30, tzinfo=UTC)) == date(2026, 3, 1)
