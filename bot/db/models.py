"""SQLModel tables. Every instant is UTC; local times are wall-clock times in the user's zone."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import BigInteger, Column
from sqlmodel import Field, SQLModel

from bot.db.types import UTCDateTime

SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UserStatus:
    """Where a user stands; stored as text so the table stays readable."""

    ONBOARDING = "onboarding"
    ACTIVE = "active"
    PAUSED = "paused"
    STOPPED = "stopped"
    BLOCKED = "blocked"


class UserBase(SQLModel):
    """The profile fields a user sets in onboarding and /settings."""

    timezone: str | None = Field(default=None, max_length=64)
    training_time: time | None = None
    nutrition_time: time | None = None
    training_days_mask: int | None = None
    weight_kg: float | None = None
    weight_unit: str | None = Field(default=None, max_length=8)
    age_band: str | None = Field(default=None, max_length=16)
    anastrozole_use: str | None = Field(default=None, max_length=16)
    anastrozole_since: date | None = None
    anastrozole_since_approx: bool = False
    lab_units: str | None = Field(default=None, max_length=16)


class User(UserBase, table=True):
    """One Telegram user who has consented to BoneCoach storing his data."""

    __tablename__ = "bc_user"

    id: int | None = Field(default=None, primary_key=True)
    telegram_id: int = Field(sa_column=Column(BigInteger, nullable=False, unique=True))
    chat_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    status: str = Field(default=UserStatus.ONBOARDING, max_length=16, index=True)
    pending_question: str | None = Field(default=None, max_length=32)
    consented_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    paused_until: datetime | None = Field(
        default=None, sa_column=Column(UTCDateTime(), nullable=True, index=True)
    )
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
