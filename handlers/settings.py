"""/settings and the one-line shortcuts (/timezone Berlin, /time 07:30, /weight 82kg, ...)."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

from bot.context import BoneContext
from bot.db.models import User, UserStatus
from bot.db.user_queries import get_user
from bot.domain.profile import ONBOARDING_ORDER, Question
from bot.domain.text import InvalidAnswer
from bot.services.profile import ask
from handlers import texts
from handlers.common import error_text, local_today, resources, sender_ids
from handlers.profile_summary import profile_lines
from handlers.question_flow import send_question, take_answer
from handlers.questions.base import Accept, Choose
from handlers.questions.registry import view_for

SHORTCUTS: dict[str, Question] = {
    "timezone": Question.TIMEZONE,
    "days": Question.TRAINING_DAYS,
    "weight": Question.WEIGHT,
    "age": Question.AGE,
    "anastrozole": Question.ANASTROZOLE,
    "units": Question.LAB_UNITS,
}
EVENING_WORDS = {"evening", "checkin", "check-in", "nutrition", "night"}
TRAINING_WORDS = {"training", "morning", "workout"}
EDITABLE = [q for q in ONBOARDING_ORDER if q is not Question.ANASTROZOLE_SINCE]


def settings_keyboard() -> InlineKeyboardMarkup:
    """One button per setting, two per row."""
    buttons = [
        InlineKeyboardButton(view_for(q).title, callback_data=f"s|{q.value}") for q in EDITABLE
    ]
    return InlineKeyboardMarkup([buttons[i : i + 2] for i in range(0, len(buttons), 2)])


async def _ready_user(session: AsyncSession, update: Update, context: BoneContext) -> User | None:
    """The user if onboarding is done; otherwise tell him what to do and return None."""
    message = update.effective_message
    assert message is not None
    telegram_id, _ = sender_ids(update)
    user = await get_user(session, telegram_id=telegram_id)
    if user is None:
        await message.reply_text(texts.START_FIRST)
        return None
    if user.status == UserStatus.ONBOARDING:
        question = Question(user.pending_question or ONBOARDING_ORDER[0])
        now = resources(context).clock.now()
        await send_question(
            context, session, user, question, now=now, lead=texts.FINISH_ONBOARDING_FIRST
        )
        return None
    return user


async def show_settings(update: Update, context: BoneContext) -> None:
    """His profile with a button to change each setting."""
    message = update.effective_message
    assert message is not None
    async with resources(context).sessions() as session:
        user = await _ready_user(session, update, context)
        if user is not None:
            await message.reply_text(
                f"<b>Your settings</b>\n{profile_lines(user)}\n\nTap one to change it.",
                reply_markup=settings_keyboard(),
            )


async def on_settings_button(update: Update, context: BoneContext) -> None:
    """A tap on a /settings button asks that question."""
    query = update.callback_query
    assert query is not None and query.data is not None
    key = query.data.partition("|")[2]
    res = resources(context)
    async with res.sessions() as session:
        user = await get_user(session, telegram_id=sender_ids(update)[0])
        if (
            user is None
            or user.status == UserStatus.ONBOARDING
            or key not in Question._value2member_map_
        ):
            await query.answer(texts.STALE_BUTTON)
            return
        await query.answer()
        await send_question(context, session, user, Question(key), now=res.clock.now())


async def _answer_typed(
    context: BoneContext, session: AsyncSession, user: User, question: Question, text: str
) -> None:
    """Use a shortcut's argument as the answer to `question`."""
    res = resources(context)
    now = res.clock.now()
    try:
        outcome = view_for(question).read_text(text, user, local_today(user, now))
    except InvalidAnswer as exc:
        await ask(session, user=user, question=question, now=now)
        await context.bot.send_message(user.chat_id, f"{error_text(exc)} Nothing was changed.")
        return
    if isinstance(outcome, Accept):
        await take_answer(context, session, user, question, outcome.value, now=now)
    elif isinstance(outcome, Choose):
        await ask(session, user=user, question=question, now=now)
        await context.bot.send_message(user.chat_id, outcome.text, reply_markup=outcome.markup)


async def shortcut(update: Update, context: BoneContext) -> None:
    """/timezone, /days, /weight, /age, /anastrozole, /units with or without an argument."""
    message = update.effective_message
    assert message is not None and message.text is not None
    command = message.text.split()[0].lstrip("/").split("@")[0].lower()
    question = SHORTCUTS[command]
    argument = " ".join(context.args or [])
    async with resources(context).sessions() as session:
        user = await _ready_user(session, update, context)
        if user is None:
            return
        if not argument:
            await send_question(
                context, session, user, question, now=resources(context).clock.now()
            )
            return
        await _answer_typed(context, session, user, question, argument)


async def set_times(update: Update, context: BoneContext) -> None:
    """/time 07:30 · /time evening 20:00 · /time 07:30 20:00."""
    words = [w.lower() for w in (context.args or [])]
    async with resources(context).sessions() as session:
        user = await _ready_user(session, update, context)
        if user is None:
            return
        now = resources(context).clock.now()
        if not words:
            await send_question(context, session, user, Question.TRAINING_TIME, now=now)
            return
        question = Question.TRAINING_TIME
        if words[0] in EVENING_WORDS | TRAINING_WORDS:
            question = Question.NUTRITION_TIME if words[0] in EVENING_WORDS else question
            words = words[1:]
            if not words:
                await send_question(context, session, user, question, now=now)
                return
        if len(words) == 2 and question is Question.TRAINING_TIME and not _is_meridiem(words[1]):
            await _answer_typed(context, session, user, Question.TRAINING_TIME, words[0])
            await _answer_typed(context, session, user, Question.NUTRITION_TIME, words[1])
            return
        await _answer_typed(context, session, user, question, " ".join(words))


def _is_meridiem(word: str) -> bool:
    return word.strip(".") in {"am", "pm", "a.m", "p.m"}


PRIVATE = filters.ChatType.PRIVATE
HANDLERS: list[BaseHandler[Update, BoneContext, None]] = [
    CommandHandler("settings", show_settings, filters=PRIVATE),
    CommandHandler(list(SHORTCUTS), shortcut, filters=PRIVATE),
    CommandHandler("time", set_times, filters=PRIVATE),
    CallbackQueryHandler(on_settings_button, pattern=r"^s\|"),
]
