"""Reads of his lesson progress. They never commit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.db.models import LessonProgress


async def progress_of(session: AsyncSession, *, user_id: int) -> Sequence[LessonProgress]:
    """Every lesson he has seen."""
    query = select(LessonProgress).where(LessonProgress.user_id == user_id)
    return (await session.exec(query)).all()


async def progress_for(
    session: AsyncSession, *, user_id: int, lesson_id: str
) -> LessonProgress | None:
    """His progress on one lesson."""
    query = select(LessonProgress).where(
        LessonProgress.user_id == user_id, LessonProgress.lesson_id == lesson_id
    )
    return (await session.exec(query)).first()


async def due_reviews(
    session: AsyncSession, *, user_id: int, today: date
) -> Sequence[LessonProgress]:
    """Questions due for review, oldest due first."""
    query = (
        select(LessonProgress)
        .where(LessonProgress.user_id == user_id)
        .where(col(LessonProgress.review_on).is_not(None), col(LessonProgress.review_on) <= today)
        .order_by(col(LessonProgress.review_on), col(LessonProgress.lesson_id))
    )
    return (await session.exec(query)).all()
