"""Taps on the evening check-in: one nutrient per step, then the day's summary."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.context import BoneContext
from bot.domain.lessons import NUTRITION_TOPICS
from bot.domain.text import InvalidAnswer
from bot.services.deliveries import DeliveryView
from bot.services.learning import todays_bite
from bot.services.nutrition import CheckinAnswered, answer_checkin
from handlers.callbacks import CheckinTap
from handlers.kit import Turn, Who, handler
from handlers.learn import send_todays_bite
from handlers.views import texts
from handlers.views.checkin_prompt import step_keyboard, step_text, summary_text

ALERT_LENGTH = 200  # Telegram shows at most 200 characters in an alert


@handler(Who.MEMBER, stranger=texts.STALE_BUTTON)
async def on_checkin_tap(turn: Turn) -> None:
    """Store the tapped range for this step (once) and show the next nutrient or the summary."""
    tap = CheckinTap.unpack(turn.data)
    answered = None
    try:
        if tap is not None:
            answered = await answer_checkin(
                turn.uow,
                account=turn.me,
                delivery_id=tap.delivery_id,
                step=tap.step,
                choice=tap.option,
                catalog=turn.content.nutrients,
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
    if answered.next_step is not None:
        await _ask(turn, answered.delivery, answered.next_step)
    else:
        await _sum_up(turn, answered)


async def _sum_up(turn: Turn, answered: CheckinAnswered) -> None:
    """The check-in is done: show the day's summary, then today's bite."""
    day = answered.delivery.local_day
    await turn.edit(summary_text(f"{day:%a %d %b}", answered.statuses, answered.streak))
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


async def _ask(turn: Turn, delivery: DeliveryView, step: int) -> None:
    """Rewrite the check-in to ask its next nutrient."""
    catalog, day_label = turn.content.nutrients, f"{delivery.local_day:%a %d %b}"
    await turn.edit(
        step_text(catalog, step, day_label),
        step_keyboard(catalog, delivery.id, step, weight_kg=turn.me.weight_kg),
    )


HANDLERS: list[BaseHandler[Update, BoneContext, None]] = [
    CallbackQueryHandler(on_checkin_tap, pattern=CheckinTap.pattern()),
]
