"""SQLModel tables. Every instant is UTC; local times are wall-clock times in the user's zone."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import BigInteger, Boolean, Column, Index, UniqueConstraint, false
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
    quiet_start: time | None = None
    quiet_end: time | None = None
    summary_weekday: int = 6
    program_start: date | None = None
    anastrozole_changed_on: date | None = None
    trt_changed_on: date | None = None  # he started testosterone or changed its dose (/trt)
    # The safety screen: when he answered it, what he said yes to (comma-separated finding
    # keys, "" for none of them), when it was put to him at a prompt, and when he said a
    # clinician cleared him for heavy lifting and jumps.
    screened_on: date | None = None
    screen_findings: str | None = Field(default=None, max_length=64)
    screen_asked_on: date | None = None
    cleared_on: date | None = None


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


class DeliveryKind:
    """What a scheduled message is."""

    TRAINING = "training"
    NUTRITION = "nutrition"
    FOLLOWUP = "followup"
    WEEKLY = "weekly"
    LABS = "labs"


class DeliveryStatus:
    """A delivery's life: planned, claimed by the dispatcher, on the wire, then an outcome."""

    PENDING = "pending"
    CLAIMED = "claimed"
    SENDING = "sending"
    SENT = "sent"
    UNCONFIRMED = "unconfirmed"  # a crash while on the wire: treated as sent, never resent
    SKIPPED = "skipped"
    FAILED = "failed"


class Schedule(SQLModel, table=True):
    """When each kind of message is next due for a user; the tick's only scan (indexed)."""

    __tablename__ = "schedule"
    __table_args__ = (UniqueConstraint("user_id", "kind"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="bc_user.id", ondelete="CASCADE")
    kind: str = Field(max_length=16)
    local_day: date
    next_due_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False, index=True))


class Delivery(SQLModel, table=True):
    """One scheduled message for one user on one local day: planned once, sent at most once."""

    __tablename__ = "delivery"
    __table_args__ = (
        UniqueConstraint("user_id", "kind", "local_day"),
        Index("ix_delivery_status_due_at", "status", "due_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="bc_user.id", ondelete="CASCADE", index=True)
    kind: str = Field(max_length=16)
    local_day: date
    due_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    status: str = Field(default=DeliveryStatus.PENDING, max_length=16)
    attempts: int = 0
    claimed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    claim_token: str | None = Field(default=None, max_length=32)  # the claiming run
    sent_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    message_id: int | None = Field(default=None, sa_column=Column(BigInteger))
    progress: int = 0
    outcome: str | None = Field(default=None, max_length=32)
    answered_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    # A training prompt that carried a training-day session (set when rendered): a planned
    # session for adherence, whatever his training days are later.
    session_planned: bool = Field(
        default=False, sa_column=Column(Boolean, nullable=False, server_default=false())
    )


class TrainingSession(SQLModel, table=True):
    """His answer to a day's training prompt: done, partly or skipped (one per local day)."""

    __tablename__ = "training_session"
    __table_args__ = (UniqueConstraint("user_id", "local_day"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="bc_user.id", ondelete="CASCADE")
    local_day: date
    planned: bool
    outcome: str = Field(max_length=16)
    effort: str | None = Field(default=None, max_length=8)  # easy / right / hard, if he rated it
    delivery_id: int | None = Field(default=None, foreign_key="delivery.id", ondelete="SET NULL")
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class TrainingSet(SQLModel, table=True):
    """One logged work set; `source_key` names the message or tap it came from (idempotency)."""

    __tablename__ = "training_set"
    __table_args__ = (
        UniqueConstraint("user_id", "source_key", "set_index"),
        Index("ix_training_set_user_lift_day", "user_id", "lift_key", "local_day"),
    )

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="bc_user.id", ondelete="CASCADE")
    local_day: date
    lift_key: str = Field(max_length=32)
    set_index: int
    reps: int
    planned_reps: int | None = None
    planned_sets: int | None = None
    load_kg: float
    entered_unit: str = Field(max_length=8)
    source_key: str = Field(max_length=64)
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class NutritionEntry(SQLModel, table=True):
    """One nutrient amount for a local day, from a check-in tap or a typed /log."""

    __tablename__ = "nutrition_entry"
    __table_args__ = (
        UniqueConstraint("user_id", "source_key"),
        Index("ix_nutrition_entry_user_day", "user_id", "local_day"),
    )

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="bc_user.id", ondelete="CASCADE")
    local_day: date
    nutrient: str = Field(max_length=16)
    amount: float
    unit: str = Field(max_length=8)
    entered_value: float
    entered_unit: str = Field(max_length=8)
    range_key: str | None = Field(default=None, max_length=8)
    delivery_id: int | None = Field(default=None, foreign_key="delivery.id", ondelete="SET NULL")
    source_key: str = Field(max_length=64)
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class UsualItem(SQLModel, table=True):
    """One nutrient of his usual daily stack ("my usual"): what one tap stores each evening."""

    __tablename__ = "usual_item"
    __table_args__ = (UniqueConstraint("user_id", "nutrient"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="bc_user.id", ondelete="CASCADE")
    nutrient: str = Field(max_length=16)
    amount: float
    unit: str = Field(max_length=8)
    range_key: str | None = Field(default=None, max_length=8)  # a tapped band, if it was one
    updated_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class HandledMessage(SQLModel, table=True):
    """A message whose effect must not repeat if Telegram delivers it again (e.g. /undo)."""

    __tablename__ = "handled_message"
    __table_args__ = (UniqueConstraint("user_id", "message_id"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="bc_user.id", ondelete="CASCADE")
    message_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class LessonProgress(SQLModel, table=True):
    """What he has read of one lesson, and where its question sits in his review boxes."""

    __tablename__ = "lesson_progress"
    __table_args__ = (UniqueConstraint("user_id", "lesson_id"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="bc_user.id", ondelete="CASCADE")
    lesson_id: str = Field(max_length=64)
    first_seen_on: date
    last_seen_on: date
    times_seen: int = 1
    box: int | None = None  # Leitner box of its question: None = not answered yet
    correct: int = 0
    wrong: int = 0
    review_on: date | None = Field(default=None, index=True)


class RedFlagEvent(SQLModel, table=True):
    """A red flag he reported: the day and which flag (its catalogue key), never his words."""

    __tablename__ = "red_flag_event"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="bc_user.id", ondelete="CASCADE", index=True)
    local_day: date
    kind: str = Field(max_length=32)
    resolved_on: date | None = None  # he said he is better or got checked
    resolution: str | None = Field(default=None, max_length=16)
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class LabResult(SQLModel, table=True):
    """One lab value, as entered and in the catalogue's canonical unit; one per lab and day."""

    __tablename__ = "lab_result"
    __table_args__ = (
        UniqueConstraint("user_id", "lab_key", "taken_on"),
        Index("ix_lab_result_user_lab", "user_id", "lab_key"),
    )

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="bc_user.id", ondelete="CASCADE")
    lab_key: str = Field(max_length=16)
    taken_on: date
    value_entered: float
    unit_entered: str = Field(max_length=16)
    value_canonical: float
    unit_canonical: str = Field(max_length=16)
    score_kind: str | None = Field(default=None, max_length=1)
    ref_low: float | None = None  # the reference range printed on his own lab report,
    ref_high: float | None = None  # in the canonical unit (None: not given)
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class LabPlan(SQLModel, table=True):
    """His plan for one lab: on or off, his own interval, a booking, a snooze, the last nudge."""

    __tablename__ = "lab_plan"
    __table_args__ = (UniqueConstraint("user_id", "lab_key"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="bc_user.id", ondelete="CASCADE")
    lab_key: str = Field(max_length=16)
    active: bool = True
    custom_interval_days: int | None = None
    booked_on: date | None = None
    snoozed_until: date | None = None
    last_nudged_on: date | None = None
    result_asked_on: date | None = None
    updated_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class Broadcast(SQLModel, table=True):
    """An operator's message to all active users, sent through the delivery pipeline."""

    __tablename__ = "broadcast"

    id: int | None = Field(default=None, primary_key=True)
    text: str = Field(max_length=4096)
    created_by: int = Field(sa_column=Column(BigInteger, nullable=False))
    status: str = Field(default="draft", max_length=16)  # draft | sending | done | cancelled
    total: int = 0
    admin_chat_id: int | None = Field(default=None, sa_column=Column(BigInteger))
    progress_message_id: int | None = Field(default=None, sa_column=Column(BigInteger))
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
