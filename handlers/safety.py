"""Safety: /cleared (a clinician cleared him), the screen's answers on a training prompt,
and how he is after a red flag."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

from bot.context import BoneContext
from bot.domain.profile import Question
from bot.domain.training import ClearanceReason
from bot.services import safety, training
from bot.services.deliveries import answerable_delivery
from bot.services.safety import CheckAnswer
from bot.services.status import hold_for_today
from handlers.callbacks import (
    CheckAnswerChoice,
    ClearedChoice,
    ClearedStep,
    RedFlagCheckTap,
    ScreenTap,
    ScreenTapAction,
)
from handlers.kit import Turn, Who, handler
from handlers.question_flow import send_question
from handlers.red_flags import end_of_local_day
from handlers.views import texts
from handlers.views.safety import (
    CHECK_LABELS,
    CLEARED_NOT_YET,
    CLEARED_QUESTION,
    CLEARED_SAVED,
    NOT_ON_PATH,
    RESUMED,
    SCREEN_FIRST,
    STILL_HELD,
    check_in_text,
    cleared_keyboard,
)
from handlers.views.training_prompt import has_cleared_button, outcome_keyboard, plan_text

ALREADY_SCREENED = "Already answered — /screen changes it."


async def _reason(turn: Turn) -> ClearanceReason | None:
    """Why he is on the cleared path today, if he is."""
    rules = turn.content.exercises.clearance_rules
    return await safety.clearance(turn.uow, account=turn.me, today=turn.today, rules=rules)


async def _ask_cleared(turn: Turn) -> None:
    """Confirm a clearance, or say kindly why there is nothing to confirm."""
    reason = await _reason(turn)
    if reason is None:
        await turn.reply(NOT_ON_PATH)
    elif reason is ClearanceReason.NOT_SCREENED:
        await send_question(turn, Question.SCREEN, lead=SCREEN_FIRST)
    else:
        await turn.reply(CLEARED_QUESTION, cleared_keyboard())


@handler(Who.READY)
async def cleared(turn: Turn) -> None:
    """/cleared: he says a clinician has cleared him for heavy lifting and jumps."""
    await _ask_cleared(turn)


@handler(Who.READY, stranger=texts.STALE_BUTTON, unfinished=texts.STALE_BUTTON)
async def on_cleared_button(turn: Turn) -> None:
    """The cleared-path note's button, then Yes / Not yet."""
    step = ClearedStep.unpack(turn.data)
    if step is None:
        await turn.answer(texts.STALE_BUTTON)
        return
    if step.choice is ClearedChoice.ASK:
        await turn.answer()
        await _ask_cleared(turn)
        return
    if step.choice is ClearedChoice.NOT_YET:
        await turn.answer()
        await turn.edit(f"{CLEARED_QUESTION}\n\n{CLEARED_NOT_YET}")
        return
    reason = await _reason(turn)
    if reason is None or reason is ClearanceReason.NOT_SCREENED:
        await turn.answer("Nothing to clear — nothing was changed.")
        if turn.message is not None and turn.message.reply_markup:
            await turn.edit_markup(None)
        return
    turn.became(await safety.record_cleared(turn.uow, account=turn.me, now=turn.now))
    await turn.answer("Saved.")
    day = turn.today.strftime("%d %b %Y")
    await turn.edit(f"{CLEARED_QUESTION}\n\n{CLEARED_SAVED.format(day=escape(day))}")


def _without_screen_rows(turn: Turn) -> tuple[InlineKeyboardMarkup | None, bool]:
    """The tapped message's buttons without the screen's row, and whether it had one."""
    message = turn.message
    markup = message.reply_markup if message is not None else None
    if markup is None:
        return None, False
    rows = [
        list(row)
        for row in markup.inline_keyboard
        if not any(ScreenTap.unpack(str(b.callback_data)) for b in row)
    ]
    changed = len(rows) != len(markup.inline_keyboard)
    return (InlineKeyboardMarkup(rows) if rows else None), changed


@handler(Who.READY, stranger=texts.STALE_BUTTON, unfinished=texts.STALE_BUTTON)
async def on_screen_tap(turn: Turn) -> None:
    """The screen on a training prompt: None of these (the full plan from now) or pick."""
    tap = ScreenTap.unpack(turn.data)
    if tap is None:
        await turn.answer(texts.STALE_BUTTON)
        return
    markup, had_screen = _without_screen_rows(turn)
    if turn.me.screened_on is not None:
        await turn.answer(ALREADY_SCREENED)
        if had_screen:
            await turn.edit_markup(markup)
        return
    if tap.action is ScreenTapAction.PICK:
        await turn.answer()
        await send_question(turn, Question.SCREEN)
        return
    me = await safety.record_screen(turn.uow, account=turn.me, findings=frozenset(), now=turn.now)
    turn.became(me)
    await turn.answer("Saved: none of these.")
    delivery = await answerable_delivery(
        turn.uow, account=me, delivery_id=tap.delivery_id, today=turn.today
    )
    if delivery is None or delivery.answered:
        if had_screen:
            await turn.edit_markup(markup)
    else:
        catalog = turn.content.exercises
        plan = await training.plan_for_day(
            turn.uow, account=me, day=delivery.local_day, catalog=catalog
        )
        await turn.edit(plan_text(plan, catalog), markup)
    await turn.reply(f"✅ Safety screen: <b>none of these</b>.\n{texts.SCREEN_CLEAR}")


def _urgent_message(turn: Turn, kind: str) -> str:
    """The catalogue's urgent message for a red flag's key."""
    flag = next((f for f in turn.content.red_flags.flags if f.key == kind), None)
    return flag.message if flag is not None else turn.content.red_flags.flags[0].message


@handler(Who.MEMBER, stranger=texts.STALE_BUTTON)
async def on_check_tap(turn: Turn) -> None:
    """Better / Got checked: training resumes (on the cleared path); Still bad: the urgent
    message again, and training stays held."""
    tap = RedFlagCheckTap.unpack(turn.data)
    delivery = None
    if tap is not None:
        delivery = await answerable_delivery(
            turn.uow, account=turn.me, delivery_id=tap.delivery_id, today=turn.today
        )
    if tap is None or delivery is None:
        await turn.answer(texts.STALE_BUTTON)
        return
    answer = CheckAnswer(tap.answer.value)
    check = await safety.answer_red_flag_check(
        turn.uow, account=turn.me, answer=answer, today=turn.today, delivery=delivery
    )
    if check is None:
        await turn.answer("Already noted.")
        return
    if tap.answer is CheckAnswerChoice.STILL_BAD:
        await turn.answer()
        await turn.reply(f"⚠️ <b>{escape(_urgent_message(turn, check.kind))}</b>\n\n{STILL_HELD}")
        until = end_of_local_day(turn.me, turn.now)
        turn.became(await hold_for_today(turn.uow, account=turn.me, until=until, now=turn.now))
        return
    await turn.answer("Noted.")
    catalog = turn.content.exercises
    plan = await training.plan_for_day(
        turn.uow, account=turn.me, day=delivery.local_day, catalog=catalog
    )
    head = check_in_text(check.day, delivery.local_day).split("\n")[0]
    markup = outcome_keyboard(
        delivery.id, training_day=plan.is_training_day, cleared_button=has_cleared_button(plan)
    )
    answered = f"{head}\n<b>{CHECK_LABELS[tap.answer]}</b> — {RESUMED}"
    await turn.edit(f"{answered}\n\n{plan_text(plan, catalog)}", markup)


PRIVATE = filters.ChatType.PRIVATE
HANDLERS: list[BaseHandler[Update, BoneContext, None]] = [
    CommandHandler("cleared", cleared, filters=PRIVATE),
    CallbackQueryHandler(on_cleared_button, pattern=ClearedStep.pattern()),
    CallbackQueryHandler(on_screen_tap, pattern=ScreenTap.pattern()),
    CallbackQueryHandler(on_check_tap, pattern=RedFlagCheckTap.pattern()),
]
