"""Today's bite over simulated weeks, and spaced review of missed questions."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.content import load_content
from bot.domain.lessons import NUTRITION_TOPICS, TRAINING_TOPICS, Level
from bot.services.accounts import Account
from bot.services.learning import answer_question, lesson_progress, mark_seen, todays_bite
from bot.services.profile import give_consent
from bot.services.unit_of_work import UnitOfWork

START = date(2026, 3, 2)
NOW = datetime(2026, 3, 2, 20, 0, tzinfo=UTC)


async def _user(session: AsyncSession) -> Account:
    consented = await give_consent(UnitOfWork.joining(session), telegram_id=77, chat_id=77, now=NOW)
    return consented.account


async def test_one_bite_a_day_no_repeats_until_all_seen(session: AsyncSession) -> None:
    """Every day brings one new bite, basics first, none repeated until the library is done."""
    user = await _user(session)
    library = load_content().lessons
    shown: list[str] = []
    for offset in range(len(library) + 5):
        day = START + timedelta(days=offset)
        topics = TRAINING_TOPICS if offset % 2 == 0 else NUTRITION_TOPICS
        bite = await todays_bite(
            UnitOfWork.joining(session),
            account=user,
            library=library,
            today=day,
            topics=topics,
            now=NOW,
        )
        again = await todays_bite(
            UnitOfWork.joining(session),
            account=user,
            library=library,
            today=day,
            topics=topics,
            now=NOW,
        )
        assert bite is not None
        assert again is None  # one bite a day, however often he checks in
        shown.append(bite.lesson.id)
    first_round = shown[: len(library)]
    assert len(set(first_round)) == len(library)
    levels = [library.get(i).level.rank for i in first_round]  # type: ignore[union-attr]
    assert levels[0] == 0
    assert levels.index(2) > levels.index(1) if 1 in levels and 2 in levels else True


async def test_training_day_brings_a_loading_bite(session: AsyncSession) -> None:
    """The first bite on a training day is about loading; on a check-in, about a nutrient."""
    user = await _user(session)
    library = load_content().lessons
    bite = await todays_bite(
        UnitOfWork.joining(session),
        account=user,
        library=library,
        today=START,
        topics=TRAINING_TOPICS,
        now=NOW,
    )
    assert bite is not None and set(bite.lesson.topics) & TRAINING_TOPICS
    bite = await todays_bite(
        UnitOfWork.joining(session),
        account=user,
        library=library,
        today=START + timedelta(days=1),
        topics=NUTRITION_TOPICS,
        now=NOW,
    )
    assert bite is not None and set(bite.lesson.topics) & NUTRITION_TOPICS


async def test_a_missed_question_comes_back_next_day_then_spreads_out(
    session: AsyncSession,
) -> None:
    """Wrong → asked again tomorrow; right answers push it to 3, then 7 days, then learned."""
    user = await _user(session)
    library = load_content().lessons
    lesson = next(x for x in library.all if x.question is not None)
    assert lesson.question is not None
    wrong = (lesson.question.answer + 1) % len(lesson.question.options)
    result = await answer_question(
        UnitOfWork.joining(session),
        account=user,
        lesson=lesson,
        chosen=wrong,
        message_id=1,
        today=START,
        now=NOW,
    )
    assert result is False
    again = await answer_question(
        UnitOfWork.joining(session),
        account=user,
        lesson=lesson,
        chosen=wrong,
        message_id=1,
        today=START,
        now=NOW,
    )
    assert again is None  # a double tap on the same question message counts once
    tomorrow = START + timedelta(days=1)
    bite = await todays_bite(
        UnitOfWork.joining(session),
        account=user,
        library=library,
        today=tomorrow,
        topics=TRAINING_TOPICS,
        now=NOW,
    )
    assert bite is not None and bite.review and bite.lesson.id == lesson.id
    day = tomorrow
    for message_id, gap in ((2, 3), (3, 7)):
        assert await answer_question(
            UnitOfWork.joining(session),
            account=user,
            lesson=lesson,
            chosen=lesson.question.answer,
            message_id=message_id,
            today=day,
            now=NOW,
        )
        early = await todays_bite(
            UnitOfWork.joining(session),
            account=user,
            library=library,
            today=day + timedelta(days=gap - 1),
            topics=TRAINING_TOPICS,
            now=NOW,
        )
        assert early is not None and not (early.review and early.lesson.id == lesson.id)
        day = day + timedelta(days=gap)
        due = await todays_bite(
            UnitOfWork.joining(session),
            account=user,
            library=library,
            today=day,
            topics=TRAINING_TOPICS,
            now=NOW,
        )
        assert due is not None and due.review and due.lesson.id == lesson.id


async def test_lesson_progress_counts_bites_per_level_and_quiz_answers(
    session: AsyncSession,
) -> None:
    """/progress's summary: bites read per level, right answers of those asked, none learned."""
    user = await _user(session)
    uow = UnitOfWork.joining(session)
    library = load_content().lessons
    right, wrong = [x for x in library.all if x.question is not None][:2]
    assert right.question is not None and wrong.question is not None
    await mark_seen(uow, account=user, lesson_id=right.id, today=START)
    choices = [
        (right, right.question.answer),
        (wrong, (wrong.question.answer + 1) % len(wrong.question.options)),
    ]
    for message_id, (lesson, chosen) in enumerate(choices, start=1):
        await answer_question(
            uow,
            account=user,
            lesson=lesson,
            chosen=chosen,
            message_id=message_id,
            today=START,
            now=NOW,
        )
    summary = await lesson_progress(uow, account=user, library=library)
    assert [level.level for level in summary.levels] == list(Level)
    assert sum(level.total for level in summary.levels) == len(library)
    assert {level.level: level.read for level in summary.levels if level.read} == Counter(
        [right.level, wrong.level]
    )
    assert (summary.right, summary.asked, summary.learned) == (1, 2, 0)
