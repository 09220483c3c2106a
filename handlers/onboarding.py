"""/start and consent: nothing is stored before he agrees."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

from bot.context import BoneContext
from bot.domain.profile import ONBOARDING_ORDER
from bot.services.accounts import AccountStatus
from bot.services.profile import give_consent
from bot.services.status import come_back
from handlers.callbacks import Consent, ConsentAnswer
from handlers.kit import Turn, Who, handler
from handlers.question_flow import resume_onboarding, send_question
from handlers.views import texts
from handlers.views.profile import profile_lines

CONSENT_KEYBOARD = InlineKeyboardMarkup(
    [
        [
            InlineKeyboardButton(
                "✅ I agree — let's start", callback_data=Consent(ConsentAnswer.YES).pack()
            )
        ],
        [InlineKeyboardButton("Not now", callback_data=Consent(ConsentAnswer.NO).pack())],
    ]
)
AWAY = (AccountStatus.STOPPED, AccountStatus.BLOCKED)


@handler(Who.ANYONE)
async def start(turn: Turn) -> None:
    """Welcome a new user, resume a half-done setup, or bring back a stopped one."""
    if turn.maybe_me is None:
        await turn.reply(texts.WELCOME, CONSENT_KEYBOARD)
        return
    if turn.me.status in AWAY:
        turn.became(await come_back(turn.uow, account=turn.me, now=turn.now))
        await turn.reply("Welcome back! Messages are on again.")
    if not turn.me.is_set_up:
        await resume_onboarding(turn, lead="Let's pick up where we left off.")
        return
    await turn.reply(f"{texts.ALREADY_SET_UP}\n\n{profile_lines(turn.me)}\n\n/help")


@handler(Who.ANYONE)
async def on_consent(turn: Turn) -> None:
    """The consent buttons: agree creates the user and starts the questions."""
    consent = Consent.unpack(turn.data)
    if consent is not None and consent.answer is ConsentAnswer.NO:
        consented = turn.maybe_me is not None
        await turn.answer(texts.STALE_BUTTON if consented else None)
        if not consented:
            await turn.edit(texts.CONSENT_DECLINED)
        return
    await turn.answer()
    await begin_onboarding(turn, welcome=True)


async def begin_onboarding(turn: Turn, *, welcome: bool = False) -> None:
    """Store consent and ask the first question; a repeated consent does nothing more.

    `welcome` when he tapped the welcome's button: it is edited to say when he agreed.
    """
    consented = await give_consent(
        turn.uow, telegram_id=turn.telegram_id, chat_id=turn.chat_id, now=turn.now
    )
    if not consented.new:
        return  # a double tap: the first one already started the questions
    turn.became(consented.account)
    if welcome:
        agreed = turn.now.strftime("%d %b %Y")
        await turn.edit(f"{texts.WELCOME}\n\n✅ <b>You agreed on {agreed}.</b>")
    await send_question(turn, ONBOARDING_ORDER[0], lead="Great — a few quick questions.")


PRIVATE = filters.ChatType.PRIVATE
HANDLERS: list[BaseHandler[Update, BoneContext, None]] = [
    CommandHandler("start", start, filters=PRIVATE),
    CallbackQueryHandler(on_consent, pattern=Consent.pattern()),
]
