"""Lessons: what he has seen, his answers, today's bite and spaced review."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.db.delivery_queries import plan_delivery
from bot.db.lesson_queries import due_reviews, progress_for, progress_of
from bot.db.models import DeliveryStatus, LessonProgress
from bot.domain.lessons import LEARNED_BOX, Lesson, LessonLibrary, Level, after_answer, pick_bite
from bot.services.accounts import Account
from bot.services.once import first_time
from bot.services.unit_of_work import UnitOfWork

BITE = "bite"


@dataclass(frozen=True)
class TodaysBite:
    """The bite to send today; `review` when it is a question coming back."""

    lesson: Lesson
    review: bool


async def _stage_seen(session: AsyncSession, *, user_id: int, lesson_id: str, today: date) -> None:
    """Remember that he read a lesson (staged; the use case commits)."""
    row = await progress_for(session, user_id=user_id, lesson_id=lesson_id)
    if row is None:
        row = LessonProgress(
            user_id=user_id, lesson_id=lesson_id, first_seen_on=today, last_seen_on=today
        )
    else:
        row.last_seen_on, row.times_seen = today, row.times_seen + 1
    session.add(row)


async def mark_seen(uow: UnitOfWork, *, account: Account, lesson_id: str, today: date) -> None:
    """He read a lesson: remember it (the next bites and /progress count it)."""
    await _stage_seen(uow.session, user_id=account.id, lesson_id=lesson_id, today=today)
    await uow.commit()


async def seen_lessons(uow: UnitOfWork, *, account: Account) -> dict[str, date]:
    """Lesson id → the day he last saw it."""
    rows = await progress_of(uow.session, user_id=account.id)
    return {p.lesson_id: p.last_seen_on for p in rows}


async def todays_bite(
    uow: UnitOfWork,
    *,
    account: Account,
    library: LessonLibrary,
    today: date,
    topics: frozenset[str],
    now: datetime,
    first: Sequence[str] = (),
) -> TodaysBite | None:
    """The day's one bite (None if it was already given today): the first of `first` he has
    not read (a new lifter's technique bites), else a due review, else the next bite."""
    session = uow.session
    # The row only reserves the day's bite; it is born "sent" so the dispatcher ignores it.
    if not await plan_delivery(
        session,
        user_id=account.id,
        kind=BITE,
        local_day=today,
        due_at=now,
        now=now,
        status=DeliveryStatus.SENT,
    ):
        await uow.commit()  # nothing changed; commit keeps loaded objects usable
        return None
    bite: TodaysBite | None = None
    seen = await seen_lessons(uow, account=account) if first else {}
    for lesson_id in first:
        lesson = library.get(lesson_id)
        if lesson is not None and lesson_id not in seen:
            bite = TodaysBite(lesson, review=False)
            break
    for due in [] if bite else await due_reviews(session, user_id=account.id, today=today):
        lesson = library.get(due.lesson_id)
        if lesson is not None and lesson.question is not None:
            bite = TodaysBite(lesson, review=True)
            break
    if bite is None:
        lesson = pick_bite(library.all, await seen_lessons(uow, account=account), topics)
        bite = TodaysBite(lesson, review=False) if lesson else None
    if bite is not None:
        await _stage_seen(session, user_id=account.id, lesson_id=bite.lesson.id, today=today)
    await uow.commit()
    return bite


async def answer_question(
    uow: UnitOfWork,
    *,
    account: Account,
    lesson: Lesson,
    chosen: int,
    message_id: int,
    today: date,
    now: datetime,
) -> bool | None:
    """Score his answer once per question message; None when this message was answered."""
    assert lesson.question is not None
    session = uow.session
    if not await first_time(session, user_id=account.id, message_id=message_id, now=now):
        await uow.commit()  # nothing changed; commit keeps loaded objects usable
        return None
    correct = chosen == lesson.question.answer
    row = await progress_for(session, user_id=account.id, lesson_id=lesson.id)
    if row is None:
        row = LessonProgress(
            user_id=account.id, lesson_id=lesson.id, first_seen_on=today, last_seen_on=today
        )
    row.box, row.review_on = after_answer(row.box, correct=correct, today=today)
    if correct:
        row.correct += 1
    else:
        row.wrong += 1
    session.add(row)
    await uow.commit()
    return correct


@dataclass(frozen=True)
class LevelProgress:
    """How many of one level's bites he has read."""

    level: Level
    read: int
    total: int


@dataclass(frozen=True)
class LessonProgressSummary:
    """What /progress says about learning: bites read per level, and his quiz answers."""

    levels: tuple[LevelProgress, ...]  # fundamentals, intermediate, academic
    right: int
    asked: int
    learned: int  # questions answered right often enough to leave review


async def lesson_progress(
    uow: UnitOfWork, *, account: Account, library: LessonLibrary
) -> LessonProgressSummary:
    """Bites read per level and how his quiz answers went."""
    rows = {p.lesson_id: p for p in await progress_of(uow.session, user_id=account.id)}
    levels = []
    for level in Level:
        ids = [x.id for x in library.all if x.level is level]
        levels.append(LevelProgress(level, sum(1 for i in ids if i in rows), len(ids)))
    right = sum(p.correct for p in rows.values())
    return LessonProgressSummary(
        levels=tuple(levels),
        right=right,
        asked=right + sum(p.wrong for p in rows.values()),
        learned=sum(1 for p in rows.values() if p.box == LEARNED_BOX),
    )
