"""/start and consent: nothing is stored before he agrees."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

from bot.context import BoneContext
from bot.db.models import UserStatus
from bot.db.user_queries import get_user
from bot.domain.profile import ONBOARDING_ORDER, Question
from bot.services.accounts import account_of, row_of
from bot.services.profile import give_consent
from bot.services.status import come_back
from bot.services.unit_of_work import UnitOfWork
from handlers import texts
from handlers.common import resources, sender_ids
from handlers.profile_summary import profile_lines
from handlers.question_flow import send_question

CONSENT_YES = "consent|yes"
CONSENT_NO = "consent|no"
CONSENT_KEYBOARD = InlineKeyboardMarkup(
    [
        [InlineKeyboardButton("✅ I agree — let's start", callback_data=CONSENT_YES)],
        [InlineKeyboardButton("Not now", callback_data=CONSENT_NO)],
    ]
)


async def start(update: Update, context: BoneContext) -> None:
    """Welcome a new user, resume a half-done setup, or bring back a stopped one."""
    message = update.effective_message
    assert message is not None
    telegram_id, _ = sender_ids(update)
    res = resources(context)
    async with res.sessions() as session:
        user = await get_user(session, telegram_id=telegram_id)
        if user is None:
            await message.reply_text(texts.WELCOME, reply_markup=CONSENT_KEYBOARD)
            return
        now = res.clock.now()
        if user.status in (UserStatus.STOPPED, UserStatus.BLOCKED):
            user = await row_of(  # transitional: this handler still works on rows
                UnitOfWork.joining(session),
                await come_back(UnitOfWork.joining(session), account=account_of(user), now=now),
            )
            await message.reply_text("Welcome back! Messages are on again.")
        if user.status == UserStatus.ONBOARDING:
            question = Question(user.pending_question or ONBOARDING_ORDER[0])
            await send_question(
                context, session, user, question, now=now, lead="Let's pick up where we left off."
            )
            return
        await message.reply_text(f"{texts.ALREADY_SET_UP}\n\n{profile_lines(user)}\n\n/help")


async def on_consent(update: Update, context: BoneContext) -> None:
    """The consent buttons: agree creates the user and starts the questions."""
    query = update.callback_query
    assert query is not None
    telegram_id, chat_id = sender_ids(update)
    message = query.message if isinstance(query.message, Message) else None
    if query.data == CONSENT_NO:
        async with resources(context).sessions() as session:
            consented = await get_user(session, telegram_id=telegram_id) is not None
        await query.answer(texts.STALE_BUTTON if consented else None)
        if message is not None and not consented:
            await message.edit_text(texts.CONSENT_DECLINED)
        return
    await query.answer()
    await begin_onboarding(context, telegram_id=telegram_id, chat_id=chat_id, welcome=message)


async def begin_onboarding(
    context: BoneContext, *, telegram_id: int, chat_id: int, welcome: Message | None = None
) -> None:
    """Store consent and ask the first question; a repeated consent does nothing more."""
    res = resources(context)
    async with res.sessions() as session:
        now = res.clock.now()
        user, created = await give_consent(
            session, telegram_id=telegram_id, chat_id=chat_id, now=now
        )
        if not created:
            return  # a double tap: the first one already started the questions
        if welcome is not None:
            await welcome.edit_text(
                f"{texts.WELCOME}\n\n✅ <b>You agreed on {now.strftime('%d %b %Y')}.</b>"
            )
        await send_question(
            context,
            session,
            user,
            ONBOARDING_ORDER[0],
            now=now,
            lead="Great — a few quick questions.",
        )


PRIVATE = filters.ChatType.PRIVATE
HANDLERS: list[BaseHandler[Update, BoneContext, None]] = [
    CommandHandler("start", start, filters=PRIVATE),
    CallbackQueryHandler(on_consent, pattern=r"^consent\|(yes|no)$"),
]
