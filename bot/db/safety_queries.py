"""Reads for the safety path: DXA T-scores and red-flag events. They never commit."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.db.models import LabResult, RedFlagEvent


async def t_scores_of(
    session: AsyncSession, *, user_ids: Sequence[int]
) -> dict[int, list[tuple[date, float]]]:
    """Each user's DXA T-scores (any site) as (day, score), oldest first."""
    query = (
        select(LabResult)
        .where(col(LabResult.user_id).in_(user_ids), LabResult.score_kind == "T")
        .order_by(col(LabResult.taken_on))
    )
    found: dict[int, list[tuple[date, float]]] = defaultdict(list)
    for row in (await session.exec(query)).all():
        found[row.user_id].append((row.taken_on, row.value_canonical))
    return found


async def red_flag_days_of(
    session: AsyncSession, *, user_ids: Sequence[int]
) -> dict[int, list[date]]:
    """Each user's red-flag days, oldest first."""
    query = (
        select(RedFlagEvent)
        .where(col(RedFlagEvent.user_id).in_(user_ids))
        .order_by(col(RedFlagEvent.local_day))
    )
    found: dict[int, list[date]] = defaultdict(list)
    for row in (await session.exec(query)).all():
        found[row.user_id].append(row.local_day)
    return found


async def red_flag_events_of(session: AsyncSession, *, user_id: int) -> Sequence[RedFlagEvent]:
    """His red-flag events, oldest first."""
    query = (
        select(RedFlagEvent)
        .where(RedFlagEvent.user_id == user_id)
        .order_by(col(RedFlagEvent.local_day), col(RedFlagEvent.id))
    )
    return (await session.exec(query)).all()


async def unresolved_red_flags(
    session: AsyncSession, *, user_ids: Sequence[int], before: date
) -> dict[int, list[RedFlagEvent]]:
    """Each user's red-flag events from before `before` that he has not answered 'better'
    or 'got checked' to, oldest first."""
    query = (
        select(RedFlagEvent)
        .where(
            col(RedFlagEvent.user_id).in_(user_ids),
            col(RedFlagEvent.resolved_on).is_(None),
            RedFlagEvent.local_day < before,
        )
        .order_by(col(RedFlagEvent.local_day), col(RedFlagEvent.id))
    )
    found: dict[int, list[RedFlagEvent]] = defaultdict(list)
    for event in (await session.exec(query)).all():
        found[event.user_id].append(event)
    return found
