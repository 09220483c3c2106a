"""Answers to the pending question: button presses, typed text and shared locations."""

from __future__ import annotations

from telegram import KeyboardButton, ReplyKeyboardMarkup, ReplyKeyboardRemove, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, MessageHandler, filters

from bot.context import BoneContext
from bot.domain.labs.awaiting import LabWait
from bot.domain.medication import is_medication_question
from bot.domain.profile import Question, ZoneName
from bot.domain.text import InvalidAnswer
from bot.geo.timezone_lookup import zone_at
from bot.services.profile import PendingAction, pending_action
from handlers.ask import answer_text, looks_like_question
from handlers.callbacks import QuestionAnswer
from handlers.help_commands import reply_unknown_command
from handlers.kit import Turn, Who, handler
from handlers.labs import answer_typed as answer_typed_lab
from handlers.onboarding import begin_onboarding
from handlers.privacy import delete_confirm
from handlers.question_flow import take_answer
from handlers.safety_gate import answer_medication_question, safety_gate
from handlers.views import texts
from handlers.views.questions.base import Accept, Choose, Redraw, Refuse, RequestLocation
from handlers.views.questions.registry import view_for
from handlers.views.texts import error_text

TYPED_CONSENT = frozenset({"i agree", "agree", "i consent"})
LOCATION_KEYBOARD = ReplyKeyboardMarkup(
    [[KeyboardButton("📍 Send my location", request_location=True)], ["Cancel"]],
    resize_keyboard=True,
    one_time_keyboard=True,
)
SHARE_LOCATION = (
    "Tap <b>📍 Send my location</b> below. I only use it once, to find your time zone, and I "
    "don't store it."
)


def _open_question(turn: Turn) -> tuple[Question, str] | None:
    """The question this button answers and its payload, if that question is still open."""
    button = QuestionAnswer.unpack(turn.data)
    question = turn.me.pending_question
    if button is None or question is None or button.question != question:
        return None
    return question, button.payload


@handler(Who.MEMBER, alert=True)
async def on_question_button(turn: Turn) -> None:
    """A tap on a question's button: take it if that question is still open."""
    opened = _open_question(turn)
    if opened is None:
        await turn.answer(texts.STALE_BUTTON)
        if turn.message is not None and turn.message.reply_markup:
            await turn.edit_markup(None)
        return
    question, payload = opened
    try:
        outcome = view_for(question).read_button(payload, turn.me, turn.today)
    except InvalidAnswer as exc:
        await turn.answer(str(exc), alert=True)
        return
    if isinstance(outcome, Refuse):
        await turn.answer(outcome.text, alert=True)
        return
    await turn.answer()
    if isinstance(outcome, Accept):
        await take_answer(turn, question, outcome.value, answered=turn.message is not None)
    elif isinstance(outcome, Redraw):
        await turn.edit_markup(outcome.markup)
    elif isinstance(outcome, RequestLocation):
        await turn.reply(SHARE_LOCATION, LOCATION_KEYBOARD)
    elif isinstance(outcome, Choose):
        await turn.reply(outcome.text, outcome.markup)


# Answers to these questions name his medicine ("yes, since March", "stopped in 2023"): only a
# typed answer they cannot read is checked for a medication question.
NAMES_MEDICINE = frozenset({Question.ANASTROZOLE, Question.ANASTROZOLE_SINCE})


@handler(Who.ANYONE)
async def on_text(turn: Turn) -> None:
    """Typed text: the safety gate, then an answer to the pending question, or a pointer."""
    text, me = turn.text, turn.maybe_me
    if me is None and text.strip().strip(".!").casefold() in TYPED_CONSENT:
        await begin_onboarding(turn)
        return
    if text.startswith("/"):
        await reply_unknown_command(turn)
        return
    question = me.pending_question if me is not None else None
    lab_wait = LabWait.unpack(me.pending) if me is not None else None
    # A value typed after a lab button ("20-70 µg/L") is read as that before any medication
    # check; red flags always come first, and text it can't read meets the medication check.
    medication = question not in NAMES_MEDICINE and lab_wait is None
    if await safety_gate(turn, text, medication=medication):
        return
    if lab_wait is not None and await answer_typed_lab(turn, lab_wait, text):
        return
    if lab_wait is not None and is_medication_question(text):
        await answer_medication_question(turn)
        return
    if me is None or me.pending is None or lab_wait is not None:
        if looks_like_question(text):
            await answer_text(turn, text)
        else:
            await turn.reply(texts.START_FIRST if me is None else texts.FALLBACK_TEXT)
        return
    if pending_action(me) is PendingAction.CONFIRM_DELETE:
        await delete_confirm(turn, text)
    elif me.pending_question is not None:
        await _answer_typed(turn, me.pending_question, text)


async def _answer_typed(turn: Turn, question: Question, text: str) -> None:
    """Read a typed answer to the open question: take it, offer choices, or say why not."""
    if question is Question.TIMEZONE and text.strip().lower() == "cancel":
        await turn.reply("OK — type a city instead, or tap a zone above.", ReplyKeyboardRemove())
        return
    try:
        outcome = view_for(question).read_text(text, turn.me, turn.today)
    except InvalidAnswer as exc:
        if question in NAMES_MEDICINE and is_medication_question(text):
            await answer_medication_question(turn)
            return
        await turn.reply(error_text(exc))
        return
    if isinstance(outcome, Accept):
        await take_answer(turn, question, outcome.value)
    elif isinstance(outcome, Choose):
        await turn.reply(outcome.text, outcome.markup)
    else:
        await turn.reply(texts.FALLBACK_TEXT)


@handler(Who.ANYONE)
async def on_caption(turn: Turn) -> None:
    """A photo or document with a caption: the safety gate reads the caption; we cannot read
    the file itself."""
    message = turn.message
    caption = message.caption or "" if message is not None else ""
    if await safety_gate(turn, caption):
        return
    await turn.reply("I can only read text and button taps. " + texts.FALLBACK_TEXT)


@handler(Who.ANYONE)
async def on_edited(turn: Turn) -> None:
    """He corrected an earlier message: the safety gate reads the new text (nothing else does,
    and nothing is said when it finds nothing)."""
    message = turn.update.edited_message
    if message is not None:
        await safety_gate(turn, message.text or message.caption or "")


@handler(Who.ANYONE)
async def on_location(turn: Turn) -> None:
    """A shared location answers the time zone question; we keep only the zone."""
    message = turn.message
    location = message.location if message is not None else None
    me = turn.maybe_me
    if location is None or me is None or me.pending_question is not Question.TIMEZONE:
        await turn.reply("Thanks — I only use a location to set your time zone.")
        return
    zone = zone_at(location.latitude, location.longitude)
    await take_answer(turn, Question.TIMEZONE, ZoneName(zone), remove_reply_keyboard=True)


PRIVATE = filters.ChatType.PRIVATE
HANDLERS: list[BaseHandler[Update, BoneContext, None]] = [
    CallbackQueryHandler(on_question_button, pattern=QuestionAnswer.pattern()),
    MessageHandler(PRIVATE & filters.LOCATION, on_location),
    MessageHandler(PRIVATE & filters.CAPTION & filters.UpdateType.MESSAGE, on_caption),
    MessageHandler(
        PRIVATE & (filters.TEXT | filters.CAPTION) & filters.UpdateType.EDITED_MESSAGE, on_edited
    ),
    MessageHandler(PRIVATE & filters.TEXT & ~filters.COMMAND & filters.UpdateType.MESSAGE, on_text),
]
