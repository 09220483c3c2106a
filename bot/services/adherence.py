"""Adherence, counted one way everywhere: planned sessions (training-day prompts that went
out) and his answers to them. /today, the weekly summary and its chart, /progress and the
clinician report all take their training numbers from here (bot/domain/training/adherence.py
holds the rule)."""

from __future__ import annotations

from datetime import date

from sqlmodel import col, select

from bot.db.models import Delivery, DeliveryKind, TrainingSession
from bot.domain.training import Adherence, Outcome, PlannedSession, adherence
from bot.services.accounts import Account
from bot.services.deliveries import DELIVERED
from bot.services.unit_of_work import UnitOfWork


async def planned_sessions(
    uow: UnitOfWork, *, account: Account, first: date, last: date
) -> list[PlannedSession]:
    """The planned sessions from `first` to `last` (inclusive) and his answers, oldest first."""
    query = (
        select(col(Delivery.local_day), col(TrainingSession.outcome))
        .outerjoin(
            TrainingSession,
            (col(TrainingSession.user_id) == col(Delivery.user_id))
            & (col(TrainingSession.local_day) == col(Delivery.local_day)),
        )
        .where(
            col(Delivery.user_id) == account.id,
            col(Delivery.kind) == DeliveryKind.TRAINING,
            col(Delivery.session_planned).is_(True),
            col(Delivery.status).in_(DELIVERED),
            col(Delivery.local_day) >= first,
            col(Delivery.local_day) <= last,
        )
        .order_by(col(Delivery.local_day))
    )
    rows = (await uow.session.exec(query)).all()
    return [PlannedSession(day, _outcome(outcome)) for day, outcome in rows]


def _outcome(value: str | None) -> Outcome | None:
    """A stored answer as an Outcome (None: unanswered, or a value this version doesn't know)."""
    try:
        return Outcome(value) if value is not None else None
    except ValueError:
        return None


async def adherence_between(
    uow: UnitOfWork, *, account: Account, first: date, last: date, today: date
) -> Adherence:
    """Planned, done, partly, skipped and unanswered sessions from `first` to `last`, and the
    run of trained sessions up to the span's end, seen on `today`."""
    sessions = await planned_sessions(uow, account=account, first=first, last=last)
    return adherence(sessions, first=first, last=last, today=today)
