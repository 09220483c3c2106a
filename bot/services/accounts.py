"""The sender as services and handlers see him: a frozen Account, built from his row in one place.

Handlers never see a database row. A service that changes the profile loads the row through
`row_of` (the unit of work's identity map: no second query) and returns a fresh Account.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Row

from bot.db.models import User, UserStatus
from bot.db.user_queries import user_row
from bot.domain.profile import (
    AgeBand,
    AnastrozoleUse,
    LabUnits,
    Question,
    StartDate,
    Weekday,
    Weight,
    WeightUnit,
    from_mask,
)
from bot.domain.schedule import QuietHours
from bot.domain.training import ScreenFinding
from bot.services.unit_of_work import UnitOfWork


class AccountStatus(StrEnum):
    """Where he stands; the values are those stored in the user table."""

    ONBOARDING = UserStatus.ONBOARDING
    ACTIVE = UserStatus.ACTIVE
    PAUSED = UserStatus.PAUSED
    STOPPED = UserStatus.STOPPED
    BLOCKED = UserStatus.BLOCKED


@dataclass(frozen=True)
class Account:
    """One consented user: his profile with typed fields, and where he stands."""

    id: int
    telegram_id: int
    chat_id: int
    status: AccountStatus
    pending: str | None  # the open question (a Question value) or a pending action
    zone: str | None  # IANA zone name, once he has set it
    training_time: time | None
    checkin_time: time | None
    training_days: frozenset[Weekday] | None
    weight: Weight | None
    age_band: AgeBand | None
    anastrozole: AnastrozoleUse | None
    anastrozole_since: StartDate | None
    anastrozole_changed_on: date | None
    lab_units: LabUnits | None
    quiet: QuietHours | None
    summary_weekday: Weekday
    program_start: date | None
    paused_until: datetime | None
    consented_at: datetime
    screened_on: date | None = None  # when he answered the safety screen
    screen_findings: frozenset[ScreenFinding] = frozenset()  # what he said yes to
    screen_asked_on: date | None = None  # when a training prompt put the screen to him
    cleared_on: date | None = None  # when he said a clinician cleared him
    trt_changed_on: date | None = None  # when he started testosterone or changed its dose

    @property
    def is_set_up(self) -> bool:
        """He has answered the onboarding questions."""
        return self.status is not AccountStatus.ONBOARDING

    @property
    def tz(self) -> ZoneInfo:
        """His zone (UTC until he has set one)."""
        return ZoneInfo(self.zone) if self.zone else ZoneInfo("UTC")

    def local_now(self, now: datetime) -> datetime:
        """`now` on his wall clock."""
        return now.astimezone(self.tz) if self.zone else now.astimezone(UTC)

    def today(self, now: datetime) -> date:
        """His local date at `now`."""
        return self.local_now(now).date()

    @property
    def weight_unit(self) -> WeightUnit:
        """The unit he weighs himself in (kg until he says otherwise)."""
        return self.weight.unit if self.weight is not None else WeightUnit.KG

    @property
    def weight_kg(self) -> float | None:
        """His body weight in kg, if he gave it."""
        return self.weight.kg if self.weight is not None else None

    @property
    def pending_question(self) -> Question | None:
        """The profile question awaiting his answer, if the open item is one."""
        if self.pending is None or self.pending not in Question._value2member_map_:
            return None
        return Question(self.pending)


def account_of(user: User | Row[Any]) -> Account:
    """The Account view of a user row (an ORM object or a plain row of the user table): the
    one place a row becomes typed values."""
    assert user.id is not None, "a stored user has an id"
    return Account(
        id=user.id,
        telegram_id=user.telegram_id,
        chat_id=user.chat_id,
        status=AccountStatus(user.status),
        pending=user.pending_question,
        zone=user.timezone,
        training_time=user.training_time,
        checkin_time=user.nutrition_time,
        training_days=(
            from_mask(user.training_days_mask) if user.training_days_mask is not None else None
        ),
        weight=(
            Weight(kg=user.weight_kg, unit=WeightUnit(user.weight_unit or WeightUnit.KG))
            if user.weight_kg is not None
            else None
        ),
        age_band=AgeBand(user.age_band) if user.age_band else None,
        anastrozole=AnastrozoleUse(user.anastrozole_use) if user.anastrozole_use else None,
        anastrozole_since=(
            StartDate(day=user.anastrozole_since, approximate=user.anastrozole_since_approx)
            if user.anastrozole_since is not None
            else None
        ),
        anastrozole_changed_on=user.anastrozole_changed_on,
        trt_changed_on=user.trt_changed_on,
        lab_units=LabUnits(user.lab_units) if user.lab_units else None,
        quiet=(
            QuietHours(start=user.quiet_start, end=user.quiet_end)
            if user.quiet_start is not None and user.quiet_end is not None
            else None
        ),
        summary_weekday=Weekday(user.summary_weekday),
        program_start=user.program_start,
        paused_until=user.paused_until,
        consented_at=user.consented_at,
        screened_on=user.screened_on,
        screen_findings=findings_from(user.screen_findings),
        screen_asked_on=user.screen_asked_on,
        cleared_on=user.cleared_on,
    )


def findings_from(stored: str | None) -> frozenset[ScreenFinding]:
    """The screen's findings from their stored form ('osteoporosis,spine_fracture')."""
    known = ScreenFinding._value2member_map_
    return frozenset(
        ScreenFinding(key) for key in (stored or "").split(",") if key and key in known
    )


def findings_text(findings: frozenset[ScreenFinding]) -> str:
    """The stored form of the screen's findings ('' for none of them)."""
    return ",".join(sorted(finding.value for finding in findings))


async def find_account(uow: UnitOfWork, *, telegram_id: int) -> Account | None:
    """The consented user with this Telegram id, if any (one query).

    Read as a plain row, not an ORM object: every update does this, most never change the
    profile, and a service that does loads the row through `row_of`.
    """
    row = await user_row(uow.session, telegram_id=telegram_id)
    return account_of(row) if row is not None else None


async def row_of(uow: UnitOfWork, account: Account) -> User:
    """His row, for a service that changes it (from the session's identity map when loaded)."""
    user = await uow.session.get(User, account.id)
    if user is None:
        raise LookupError(f"user {account.id} is gone")  # deleted by a concurrent /delete
    return user
