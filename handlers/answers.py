"""Answers to the pending question: button presses, typed text and shared locations."""

from __future__ import annotations

from telegram import KeyboardButton, Message, ReplyKeyboardMarkup, ReplyKeyboardRemove, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, MessageHandler, filters

from bot.context import BoneContext
from bot.db.user_queries import get_user
from bot.domain.profile import Question, ZoneName
from bot.domain.text import InvalidAnswer
from bot.geo.timezone_lookup import zone_at
from handlers import texts
from handlers.ask import answer_text, looks_like_question
from handlers.common import error_text, local_today, resources, sender_ids
from handlers.help_commands import unknown_command
from handlers.onboarding import begin_onboarding
from handlers.privacy import delete_confirm
from handlers.question_flow import take_answer
from handlers.questions.base import CALLBACK_PREFIX, Accept, Choose, Redraw, Refuse, RequestLocation
from handlers.questions.registry import view_for
from handlers.red_flags import answer_red_flag

TYPED_CONSENT = frozenset({"i agree", "agree", "i consent"})
LOCATION_KEYBOARD = ReplyKeyboardMarkup(
    [[KeyboardButton("📍 Send my location", request_location=True)], ["Cancel"]],
    resize_keyboard=True,
    one_time_keyboard=True,
)


def _split(data: str) -> tuple[Question, str] | None:
    prefix, _, rest = data.partition("|")
    key, _, payload = rest.partition("|")
    if prefix != CALLBACK_PREFIX or key not in Question._value2member_map_:
        return None
    return Question(key), payload


async def on_question_button(update: Update, context: BoneContext) -> None:
    """A tap on a question's button: take it if that question is still open."""
    query = update.callback_query
    assert query is not None and query.data is not None
    telegram_id, _ = sender_ids(update)
    parsed = _split(query.data)
    res = resources(context)
    async with res.sessions() as session:
        user = await get_user(session, telegram_id=telegram_id)
        if user is None:
            await query.answer(texts.START_FIRST, show_alert=True)
            return
        if parsed is None or user.pending_question != parsed[0]:
            await query.answer(texts.STALE_BUTTON)
            if isinstance(query.message, Message) and query.message.reply_markup:
                await query.message.edit_reply_markup(None)
            return
        question, payload = parsed
        now = res.clock.now()
        try:
            outcome = view_for(question).read_button(payload, user, local_today(user, now))
        except InvalidAnswer as exc:
            await query.answer(str(exc), show_alert=True)
            return
        message = query.message if isinstance(query.message, Message) else None
        if isinstance(outcome, Accept):
            await query.answer()
            await take_answer(
                context, session, user, question, outcome.value, now=now, answered=message
            )
        elif isinstance(outcome, Redraw):
            await query.answer()
            if message is not None:
                await message.edit_reply_markup(outcome.markup)
        elif isinstance(outcome, Refuse):
            await query.answer(outcome.text, show_alert=True)
        elif isinstance(outcome, RequestLocation):
            await query.answer()
            await context.bot.send_message(
                user.chat_id,
                "Tap <b>📍 Send my location</b> below. I only use it once, to find your "
                "time zone, and I don't store it.",
                reply_markup=LOCATION_KEYBOARD,
            )
        elif isinstance(outcome, Choose):
            await query.answer()
            await context.bot.send_message(user.chat_id, outcome.text, reply_markup=outcome.markup)


async def on_text(update: Update, context: BoneContext) -> None:
    """Typed text: an answer to the pending question, or a pointer to /help."""
    message = update.effective_message
    assert message is not None and message.text is not None
    telegram_id, _ = sender_ids(update)
    res = resources(context)
    async with res.sessions() as session:
        user = await get_user(session, telegram_id=telegram_id)
        if user is None and message.text.strip().strip(".!").casefold() in TYPED_CONSENT:
            await begin_onboarding(context, telegram_id=telegram_id, chat_id=message.chat_id)
            return
        if message.text.startswith("/"):
            await unknown_command(update, context)
            return
        if await answer_red_flag(update, context, session, user, message.text):
            return
        if (user is None or user.pending_question is None) and looks_like_question(message.text):
            await answer_text(update, context, message.text)
            return
        if user is None or user.pending_question is None:
            hint = texts.START_FIRST if user is None else texts.FALLBACK_TEXT
            await message.reply_text(hint)
            return
        if user.pending_question not in Question._value2member_map_:
            await delete_confirm(update, context, message.text)
            return
        question = Question(user.pending_question)
        now = res.clock.now()
        if question is Question.TIMEZONE and message.text.strip().lower() == "cancel":
            await message.reply_text(
                "OK — type a city instead, or tap a zone above.",
                reply_markup=ReplyKeyboardRemove(),
            )
            return
        try:
            outcome = view_for(question).read_text(message.text, user, local_today(user, now))
        except InvalidAnswer as exc:
            await message.reply_text(error_text(exc))
            return
        if isinstance(outcome, Accept):
            await take_answer(context, session, user, question, outcome.value, now=now)
        elif isinstance(outcome, Choose):
            await message.reply_text(outcome.text, reply_markup=outcome.markup)
        else:
            await message.reply_text(texts.FALLBACK_TEXT)


async def on_location(update: Update, context: BoneContext) -> None:
    """A shared location answers the time zone question; we keep only the zone."""
    message = update.effective_message
    assert message is not None and message.location is not None
    telegram_id, _ = sender_ids(update)
    res = resources(context)
    async with res.sessions() as session:
        user = await get_user(session, telegram_id=telegram_id)
        if user is None or user.pending_question != Question.TIMEZONE:
            await message.reply_text("Thanks — I only use a location to set your time zone.")
            return
        zone = zone_at(message.location.latitude, message.location.longitude)
        await take_answer(
            context,
            session,
            user,
            Question.TIMEZONE,
            ZoneName(zone),
            now=res.clock.now(),
            remove_reply_keyboard=True,
        )


PRIVATE = filters.ChatType.PRIVATE
HANDLERS: list[BaseHandler[Update, BoneContext, None]] = [
    CallbackQueryHandler(on_question_button, pattern=rf"^{CALLBACK_PREFIX}\|"),
    MessageHandler(PRIVATE & filters.LOCATION, on_location),
    MessageHandler(PRIVATE & filters.TEXT & ~filters.COMMAND & filters.UpdateType.MESSAGE, on_text),
]
