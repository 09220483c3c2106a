"""/settings and the one-line shortcuts (/timezone Berlin, /time 07:30, /weight 82kg, ...)."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

from bot.context import BoneContext
from bot.domain.profile import ONBOARDING_ORDER, Question
from bot.domain.text import InvalidAnswer
from bot.services.profile import ask
from handlers.callbacks import SettingsPick
from handlers.kit import Turn, Who, handler
from handlers.question_flow import resume_onboarding, send_question, take_answer
from handlers.views import texts
from handlers.views.profile import profile_lines
from handlers.views.questions.base import Accept, Choose
from handlers.views.questions.registry import view_for
from handlers.views.texts import error_text

SHORTCUTS: dict[str, Question] = {
    "timezone": Question.TIMEZONE,
    "days": Question.TRAINING_DAYS,
    "weight": Question.WEIGHT,
    "age": Question.AGE,
    "anastrozole": Question.ANASTROZOLE,
    "units": Question.LAB_UNITS,
    "screen": Question.SCREEN,
}
EVENING_WORDS = {"evening", "checkin", "check-in", "nutrition", "night"}
TRAINING_WORDS = {"training", "morning", "workout"}
EDITABLE = [q for q in ONBOARDING_ORDER if q is not Question.ANASTROZOLE_SINCE]


def settings_keyboard() -> InlineKeyboardMarkup:
    """One button per setting, two per row."""
    buttons = [
        InlineKeyboardButton(view_for(q).title, callback_data=SettingsPick(q.value).pack())
        for q in EDITABLE
    ]
    return InlineKeyboardMarkup([buttons[i : i + 2] for i in range(0, len(buttons), 2)])


async def _set_up(turn: Turn) -> bool:
    """Whether he has finished onboarding; if not, ask his open question again."""
    if not turn.me.is_set_up:
        await resume_onboarding(turn, lead=texts.FINISH_ONBOARDING_FIRST)
    return turn.me.is_set_up


@handler(Who.MEMBER)
async def show_settings(turn: Turn) -> None:
    """His profile with a button to change each setting."""
    if await _set_up(turn):
        await turn.reply(
            f"<b>Your settings</b>\n{profile_lines(turn.me)}\n\nTap one to change it.",
            settings_keyboard(),
        )


@handler(Who.READY, stranger=texts.STALE_BUTTON, unfinished=texts.STALE_BUTTON)
async def on_settings_button(turn: Turn) -> None:
    """A tap on a /settings button asks that question."""
    pick = SettingsPick.unpack(turn.data)
    if pick is None or pick.question not in Question._value2member_map_:
        await turn.answer(texts.STALE_BUTTON)
        return
    await turn.answer()
    await send_question(turn, Question(pick.question))


async def _answer_typed(turn: Turn, question: Question, text: str) -> None:
    """Use a shortcut's argument as the answer to `question`."""
    try:
        outcome = view_for(question).read_text(text, turn.me, turn.today)
    except InvalidAnswer as exc:
        turn.became(await ask(turn.uow, account=turn.me, question=question, now=turn.now))
        await turn.reply(f"{error_text(exc)} Nothing was changed.")
        return
    if isinstance(outcome, Accept):
        await take_answer(turn, question, outcome.value)
    elif isinstance(outcome, Choose):
        turn.became(await ask(turn.uow, account=turn.me, question=question, now=turn.now))
        await turn.reply(outcome.text, outcome.markup)


@handler(Who.MEMBER)
async def shortcut(turn: Turn) -> None:
    """/timezone, /days, /weight, /age, /anastrozole, /units with or without an argument."""
    command = turn.text.split()[0].lstrip("/").split("@")[0].lower()
    question = SHORTCUTS[command]
    if not await _set_up(turn):
        return
    if not turn.argument:
        await send_question(turn, question)
        return
    await _answer_typed(turn, question, turn.argument)


@handler(Who.MEMBER)
async def set_times(turn: Turn) -> None:
    """/time 07:30 · /time evening 20:00 · /time 07:30 20:00."""
    words = [w.lower() for w in (turn.context.args or [])]
    if not await _set_up(turn):
        return
    question = Question.TRAINING_TIME
    if words and words[0] in EVENING_WORDS | TRAINING_WORDS:
        question = Question.NUTRITION_TIME if words[0] in EVENING_WORDS else question
        words = words[1:]
    if not words:
        await send_question(turn, question)
        return
    if len(words) == 2 and question is Question.TRAINING_TIME and not _is_meridiem(words[1]):
        await _answer_typed(turn, Question.TRAINING_TIME, words[0])
        await _answer_typed(turn, Question.NUTRITION_TIME, words[1])
        return
    await _answer_typed(turn, question, " ".join(words))


def _is_meridiem(word: str) -> bool:
    """Whether a word is am or pm (so "/time 7 pm" is one time, not two)."""
    return word.strip(".") in {"am", "pm", "a.m", "p.m"}


PRIVATE = filters.ChatType.PRIVATE
HANDLERS: list[BaseHandler[Update, BoneContext, None]] = [
    CommandHandler("settings", show_settings, filters=PRIVATE),
    CommandHandler(list(SHORTCUTS), shortcut, filters=PRIVATE),
    CommandHandler("time", set_times, filters=PRIVATE),
    CallbackQueryHandler(on_settings_button, pattern=SettingsPick.pattern()),
]
