"""Bites on demand: /learn, "Tell me more", "Why?", quiz answers, today's bite."""

from __future__ import annotations

from html import escape

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

from bot.context import BoneContext
from bot.domain.lessons import TOPICS, first_on_topic
from bot.services.learning import TodaysBite, answer_question, mark_seen, seen_lessons
from handlers.callbacks import LessonTopic, QuizAnswer, QuizMe, TellMeMore, Why, any_of
from handlers.kit import Turn, Who, handler
from handlers.views import texts
from handlers.views.lessons import (
    TOPIC_LABELS,
    bite_keyboard,
    bite_text,
    question_keyboard,
    question_text,
    topics_keyboard,
)

PRIVATE = filters.ChatType.PRIVATE


async def show_bite(turn: Turn, lesson_id: str, lead: str = "") -> None:
    """Send one bite and remember he saw it (if he has an account)."""
    library = turn.content.lessons
    lesson = library.get(lesson_id)
    if lesson is None:
        await turn.reply(texts.STALE_BUTTON)
        return
    if turn.maybe_me is not None:
        await mark_seen(turn.uow, account=turn.me, lesson_id=lesson.id, today=turn.today)
    await turn.reply(bite_text(lesson, lead=lead), bite_keyboard(lesson, library))


async def send_todays_bite(context: BoneContext, chat_id: int, bite: TodaysBite) -> None:
    """Today's bite after a check-in: a due review question, or a new bite."""
    lesson = bite.lesson
    if bite.review and lesson.question is not None:
        await context.bot.send_message(
            chat_id, question_text(lesson, review=True), reply_markup=question_keyboard(lesson)
        )
        return
    library = context.bot_data.resources.content.lessons
    await context.bot.send_message(
        chat_id,
        bite_text(lesson, lead="<b>Today's bite</b>"),
        reply_markup=bite_keyboard(lesson, library),
    )


@handler(Who.ANYONE)
async def learn(turn: Turn) -> None:
    """/learn: the topic menu; /learn <topic>: the next bite on that topic."""
    wanted = turn.argument.lower()
    topics = [t for t in TOPICS if turn.content.lessons.by_topic(t)]
    if not wanted:
        await turn.reply("📚 <b>Pick a topic</b>", topics_keyboard(topics))
        return
    match = next(
        (t for t in topics if wanted in (t, TOPIC_LABELS.get(t, "").lower()) or wanted in t),
        None,
    )
    if match is None:
        await turn.reply(
            f"I have no topic called “{escape(wanted[:40])}”. Pick one:", topics_keyboard(topics)
        )
        return
    await _topic(turn, match)


async def _topic(turn: Turn, topic: str) -> None:
    """The first bite on a topic he has not read yet (or has read longest ago)."""
    seen = await seen_lessons(turn.uow, account=turn.me) if turn.maybe_me is not None else {}
    lesson = first_on_topic(turn.content.lessons.all, topic, seen)
    if lesson is not None:
        await show_bite(turn, lesson.id)


def _lesson_of(data: str) -> str | None:
    """The lesson a Tell me more, Why? or Quiz me button is about."""
    for codec in (Why, TellMeMore, QuizMe):
        button = codec.unpack(data)
        if button is not None:
            return button.lesson
    topic = LessonTopic.unpack(data)  # a topic that is no topic: looked up as a lesson
    return topic.topic if topic is not None else None


@handler(Who.ANYONE)
async def on_lesson_button(turn: Turn) -> None:
    """Tell me more, Why?, a topic from the menu, or Quiz me."""
    topic = LessonTopic.unpack(turn.data)
    if topic is not None and topic.topic in TOPICS:
        await turn.answer()
        await _topic(turn, topic.topic)
        return
    key = _lesson_of(turn.data)
    lesson = turn.content.lessons.get(key) if key is not None else None
    if lesson is None:
        await turn.answer(texts.STALE_BUTTON)
        return
    await turn.answer()
    if QuizMe.unpack(turn.data) is not None and lesson.question is not None:
        await turn.reply(question_text(lesson), question_keyboard(lesson))
        return
    await show_bite(turn, lesson.id)


@handler(Who.MEMBER, alert=True)
async def on_quiz_answer(turn: Turn) -> None:
    """Score a quiz answer once; a wrong one comes back for review."""
    quiz = QuizAnswer.unpack(turn.data)
    lesson = turn.content.lessons.get(quiz.lesson) if quiz is not None else None
    message = turn.message
    if (
        quiz is None
        or lesson is None
        or lesson.question is None
        or message is None
        or quiz.option >= len(lesson.question.options)
    ):
        await turn.answer(texts.STALE_BUTTON)
        return
    correct = await answer_question(
        turn.uow,
        account=turn.me,
        lesson=lesson,
        chosen=quiz.option,
        message_id=message.message_id,
        today=turn.today,
        now=turn.now,
    )
    if correct is None:
        await turn.answer("Already answered.")
        return
    await turn.answer("Right!" if correct else "Not quite.")
    right = lesson.question.options[lesson.question.answer]
    verdict = (
        "✅ Right." if correct else f"❌ Not quite — it's “{escape(right)}”. It will come back."
    )
    await turn.edit(f"{question_text(lesson)}\n\n{verdict}\n<i>{lesson.question.explain}</i>")


HANDLERS: list[BaseHandler[Update, BoneContext, None]] = [
    CommandHandler("learn", learn, filters=PRIVATE),
    CallbackQueryHandler(on_lesson_button, pattern=any_of(TellMeMore, Why, QuizMe, LessonTopic)),
    CallbackQueryHandler(on_quiz_answer, pattern=QuizAnswer.pattern()),
]
