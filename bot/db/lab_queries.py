"""Reads of lab results and plans. They never commit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.db.models import LabPlan, LabResult


async def results_of(
    session: AsyncSession, *, user_id: int, lab_key: str | None = None
) -> Sequence[LabResult]:
    """His results (of one lab, or all), oldest first."""
    query = select(LabResult).where(LabResult.user_id == user_id)
    if lab_key is not None:
        query = query.where(LabResult.lab_key == lab_key)
    return (await session.exec(query.order_by(col(LabResult.taken_on), col(LabResult.id)))).all()


async def result_on(
    session: AsyncSession, *, user_id: int, lab_key: str, taken_on: date
) -> LabResult | None:
    """The result of one lab on one day."""
    query = select(LabResult).where(
        LabResult.user_id == user_id, LabResult.lab_key == lab_key, LabResult.taken_on == taken_on
    )
    return (await session.exec(query)).first()


async def plans_of(session: AsyncSession, *, user_id: int) -> dict[str, LabPlan]:
    """His lab plans by lab key."""
    rows = (await session.exec(select(LabPlan).where(LabPlan.user_id == user_id))).all()
    return {row.lab_key: row for row in rows}
