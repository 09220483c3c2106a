"""Taps on the evening check-in: one nutrient per step, then the day's summary."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.context import BoneContext
from bot.domain.lessons import NUTRITION_TOPICS
from bot.domain.text import InvalidAnswer
from bot.services.learning import todays_bite
from bot.services.nutrition import answer_checkin
from handlers import texts
from handlers.callbacks import CheckinTap
from handlers.kit import Turn, Who, handler
from handlers.learn import send_todays_bite
from handlers.prompts.checkin_prompt import step_keyboard, step_text, summary_text

ALERT_LENGTH = 200  # Telegram shows at most 200 characters in an alert


@handler(Who.MEMBER, stranger=texts.STALE_BUTTON)
async def on_checkin_tap(turn: Turn) -> None:
    """Store the tapped range for this step (once) and show the next nutrient or the summary."""
    tap = CheckinTap.unpack(turn.data)
    catalog = turn.content.nutrients
    answered = None
    try:
        if tap is not None:
            answered = await answer_checkin(
                turn.uow,
                account=turn.me,
                delivery_id=tap.delivery_id,
                step=tap.step,
                choice=tap.option,
                catalog=catalog,
                now=turn.now,
            )
    except InvalidAnswer as exc:
        await turn.answer(str(exc)[:ALERT_LENGTH], alert=True)
        return
    if answered is None:
        await turn.answer(texts.STALE_BUTTON)
        return
    await turn.answer()
    if turn.message is None:
        return
    day, delivery_id = answered.delivery.local_day, answered.delivery.id
    day_label = day.strftime("%a %d %b")
    if answered.next_step is not None:
        step, weight_kg = answered.next_step, turn.me.weight_kg
        await turn.edit(
            step_text(catalog, step, day_label),
            step_keyboard(catalog, delivery_id, step, weight_kg=weight_kg),
        )
        return
    await turn.edit(summary_text(day_label, answered.statuses, answered.streak))
    bite = await todays_bite(
        turn.uow,
        account=turn.me,
        library=turn.content.lessons,
        today=day,
        topics=NUTRITION_TOPICS,
        now=turn.now,
    )
    if bite is not None:
        await send_todays_bite(turn.context, turn.chat_id, bite)


HANDLERS: list[BaseHandler[Update, BoneContext, None]] = [
    CallbackQueryHandler(on_checkin_tap, pattern=CheckinTap.pattern()),
]
