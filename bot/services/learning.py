"""Lessons: what he has seen, his answers, today's bite and spaced review."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.db.delivery_queries import plan_delivery
from bot.db.lesson_queries import due_reviews, progress_for, progress_of
from bot.db.models import DeliveryStatus, LessonProgress, User
from bot.domain.lessons import Lesson, LessonLibrary, after_answer, pick_bite
from bot.services.once import first_time

BITE = "bite"


@dataclass(frozen=True)
class TodaysBite:
    """The bite to send today; `review` when it is a question coming back."""

    lesson: Lesson
    review: bool


async def mark_seen(session: AsyncSession, *, user: User, lesson_id: str, today: date) -> None:
    """Remember that he read a lesson (staged; the caller's commit stores it)."""
    assert user.id is not None
    row = await progress_for(session, user_id=user.id, lesson_id=lesson_id)
    if row is None:
        row = LessonProgress(
            user_id=user.id, lesson_id=lesson_id, first_seen_on=today, last_seen_on=today
        )
    else:
        row.last_seen_on, row.times_seen = today, row.times_seen + 1
    session.add(row)


async def seen_lessons(session: AsyncSession, *, user: User) -> dict[str, date]:
    """Lesson id → the day he last saw it."""
    assert user.id is not None
    return {p.lesson_id: p.last_seen_on for p in await progress_of(session, user_id=user.id)}


async def todays_bite(
    session: AsyncSession,
    *,
    user: User,
    library: LessonLibrary,
    today: date,
    topics: frozenset[str],
    now: datetime,
) -> TodaysBite | None:
    """The day's one bite (None if it was already given today): a due review first."""
    assert user.id is not None
    # The row only reserves the day's bite; it is born "sent" so the dispatcher ignores it.
    if not await plan_delivery(
        session,
        user_id=user.id,
        kind=BITE,
        local_day=today,
        due_at=now,
        now=now,
        status=DeliveryStatus.SENT,
    ):
        await session.commit()  # nothing changed; commit keeps loaded objects usable
        return None
    bite: TodaysBite | None = None
    for due in await due_reviews(session, user_id=user.id, today=today):
        lesson = library.get(due.lesson_id)
        if lesson is not None and lesson.question is not None:
            bite = TodaysBite(lesson, review=True)
            break
    if bite is None:
        lesson = pick_bite(library.all, await seen_lessons(session, user=user), topics)
        bite = TodaysBite(lesson, review=False) if lesson else None
    if bite is not None:
        await mark_seen(session, user=user, lesson_id=bite.lesson.id, today=today)
    await session.commit()
    return bite


async def answer_question(
    session: AsyncSession,
    *,
    user: User,
    lesson: Lesson,
    chosen: int,
    message_id: int,
    today: date,
    now: datetime,
) -> bool | None:
    """Score his answer once per question message; None when this message was answered."""
    assert user.id is not None and lesson.question is not None
    if not await first_time(session, user=user, message_id=message_id, now=now):
        await session.commit()  # nothing changed; commit keeps loaded objects usable
        return None
    correct = chosen == lesson.question.answer
    row = await progress_for(session, user_id=user.id, lesson_id=lesson.id)
    if row is None:
        row = LessonProgress(
            user_id=user.id, lesson_id=lesson.id, first_seen_on=today, last_seen_on=today
        )
    row.box, row.review_on = after_answer(row.box, correct=correct, today=today)
    if correct:
        row.correct += 1
    else:
        row.wrong += 1
    session.add(row)
    await session.commit()
    return correct
