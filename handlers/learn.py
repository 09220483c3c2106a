"""Bites on demand: /learn, "Tell me more", "Why?", quiz answers, /progress."""

from __future__ import annotations

from html import escape

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Message, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

from bot.context import BoneContext
from bot.db.lesson_queries import progress_of
from bot.db.models import User
from bot.db.user_queries import get_user
from bot.domain.lessons import LEARNED_BOX, TOPICS, first_on_topic
from bot.services.accounts import account_of
from bot.services.learning import TodaysBite, answer_question, mark_seen, seen_lessons
from bot.services.unit_of_work import UnitOfWork
from handlers import texts
from handlers.common import local_today, resources, sender_ids
from handlers.lesson_views import (
    TOPIC_LABELS,
    bite_keyboard,
    bite_text,
    question_keyboard,
    question_text,
    topics_keyboard,
)

PRIVATE = filters.ChatType.PRIVATE


async def show_bite(update: Update, context: BoneContext, lesson_id: str, lead: str = "") -> None:
    """Send one bite and remember he saw it (if he has an account)."""
    res = resources(context)
    lesson = res.content.lessons.get(lesson_id)
    chat = update.effective_chat
    assert chat is not None
    if lesson is None:
        await context.bot.send_message(chat.id, texts.STALE_BUTTON)
        return
    async with res.sessions() as session:
        user = await get_user(session, telegram_id=sender_ids(update)[0])
        if user is not None:
            await mark_seen(  # transitional, until this handler uses the kit
                UnitOfWork.joining(session),
                account=account_of(user),
                lesson_id=lesson.id,
                today=local_today(user, res.clock.now()),
            )
    await context.bot.send_message(
        chat.id,
        bite_text(lesson, lead=lead),
        reply_markup=bite_keyboard(lesson, res.content.lessons),
    )


async def send_todays_bite(context: BoneContext, chat_id: int, bite: TodaysBite) -> None:
    """Today's bite after a check-in: a due review question, or a new bite."""
    lesson = bite.lesson
    if bite.review and lesson.question is not None:
        await context.bot.send_message(
            chat_id, question_text(lesson, review=True), reply_markup=question_keyboard(lesson)
        )
        return
    library = resources(context).content.lessons
    await context.bot.send_message(
        chat_id,
        bite_text(lesson, lead="<b>Today's bite</b>"),
        reply_markup=bite_keyboard(lesson, library),
    )


async def learn(update: Update, context: BoneContext) -> None:
    """/learn: the topic menu; /learn <topic>: the next bite on that topic."""
    message = update.effective_message
    assert message is not None
    res = resources(context)
    wanted = " ".join(context.args or []).strip().lower()
    topics = [t for t in TOPICS if res.content.lessons.by_topic(t)]
    if not wanted:
        await message.reply_text("📚 <b>Pick a topic</b>", reply_markup=topics_keyboard(topics))
        return
    match = next(
        (t for t in topics if wanted in (t, TOPIC_LABELS.get(t, "").lower()) or wanted in t),
        None,
    )
    if match is None:
        await message.reply_text(
            f"I have no topic called “{escape(wanted[:40])}”. Pick one:",
            reply_markup=topics_keyboard(topics),
        )
        return
    await _topic(update, context, match)


async def _topic(update: Update, context: BoneContext, topic: str) -> None:
    res = resources(context)
    async with res.sessions() as session:
        user = await get_user(session, telegram_id=sender_ids(update)[0])
        seen = (
            await seen_lessons(UnitOfWork.joining(session), account=account_of(user))
            if user is not None
            else {}
        )
    lesson = first_on_topic(res.content.lessons.all, topic, seen)
    if lesson is not None:
        await show_bite(update, context, lesson.id)


async def on_lesson_button(update: Update, context: BoneContext) -> None:
    """Tell me more, Why?, a topic from the menu, or Quiz me."""
    query = update.callback_query
    assert query is not None and query.data is not None
    action, _, key = query.data.partition("|")
    res = resources(context)
    if action == "lt" and key in TOPICS:
        await query.answer()
        await _topic(update, context, key)
        return
    lesson = res.content.lessons.get(key)
    if lesson is None:
        await query.answer(texts.STALE_BUTTON)
        return
    await query.answer()
    if action == "qz" and lesson.question is not None:
        chat = update.effective_chat
        assert chat is not None
        await context.bot.send_message(
            chat.id, question_text(lesson), reply_markup=question_keyboard(lesson)
        )
        return
    await show_bite(update, context, lesson.id)


async def on_quiz_answer(update: Update, context: BoneContext) -> None:
    """Score a quiz answer once; a wrong one comes back for review."""
    query = update.callback_query
    assert query is not None and query.data is not None
    parts = query.data.split("|")
    res = resources(context)
    lesson = res.content.lessons.get(parts[1]) if len(parts) == 3 else None
    message = query.message if isinstance(query.message, Message) else None
    if lesson is None or lesson.question is None or not parts[2].isdigit() or message is None:
        await query.answer(texts.STALE_BUTTON)
        return
    chosen = int(parts[2])
    if chosen >= len(lesson.question.options):
        await query.answer(texts.STALE_BUTTON)
        return
    async with res.sessions() as session:
        user = await get_user(session, telegram_id=sender_ids(update)[0])
        if user is None:
            await query.answer(texts.START_FIRST, show_alert=True)
            return
        now = res.clock.now()
        correct = await answer_question(
            UnitOfWork.joining(session),
            account=account_of(user),
            lesson=lesson,
            chosen=chosen,
            message_id=message.message_id,
            today=local_today(user, now),
            now=now,
        )
    if correct is None:
        await query.answer("Already answered.")
        return
    await query.answer("Right!" if correct else "Not quite.")
    right = lesson.question.options[lesson.question.answer]
    verdict = (
        "✅ Right." if correct else f"❌ Not quite — it's “{escape(right)}”. It will come back."
    )
    await message.edit_text(
        f"{question_text(lesson)}\n\n{verdict}\n<i>{lesson.question.explain}</i>"
    )


async def learning_summary(session: AsyncSession, user: User, context: BoneContext) -> str:
    """Bites read per level and quiz results, in a few lines."""
    assert user.id is not None
    rows = {p.lesson_id: p for p in await progress_of(session, user_id=user.id)}
    library = resources(context).content.lessons
    lines = ["📚 <b>Learning</b>"]
    for level in ("fundamentals", "intermediate", "academic"):
        ids = [x.id for x in library.all if x.level.value == level]
        read = sum(1 for i in ids if i in rows)
        lines.append(f"{level.title()}: {read} of {len(ids)} bites read")
    learned = sum(1 for p in rows.values() if p.box == LEARNED_BOX)
    right = sum(p.correct for p in rows.values())
    asked = right + sum(p.wrong for p in rows.values())
    lines.append(f"Quiz: {right} of {asked} right · {learned} questions learned for good")
    return "\n".join(lines)


HANDLERS: list[BaseHandler[Update, BoneContext, None]] = [
    CommandHandler("learn", learn, filters=PRIVATE),
    CallbackQueryHandler(on_lesson_button, pattern=r"^(more|why|qz|lt)\|"),
    CallbackQueryHandler(on_quiz_answer, pattern=r"^qa\|"),
]
