"""Taps on the evening check-in: one nutrient per step, then the day's summary."""

from __future__ import annotations

from telegram import Message, Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.context import BoneContext
from bot.db.user_queries import get_user
from bot.domain.lessons import NUTRITION_TOPICS
from bot.domain.nutrition import amount_for_range, assess_day
from bot.domain.profile import AgeBand
from bot.domain.text import InvalidAnswer
from bot.services.accounts import account_of
from bot.services.learning import todays_bite
from bot.services.nutrition import answer_checkin_step, totals_on
from bot.services.streaks import streaks_for
from bot.services.unit_of_work import UnitOfWork
from handlers import texts
from handlers.common import local_today, resources, sender_ids
from handlers.deliveries import own_delivery, parse_ids
from handlers.learn import send_todays_bite
from handlers.prompts.checkin_prompt import (
    SKIP,
    step_keyboard,
    step_text,
    summary_text,
)


async def on_checkin_tap(update: Update, context: BoneContext) -> None:
    """Store the tapped range for this step (once) and show the next nutrient or the summary."""
    query = update.callback_query
    assert query is not None and query.data is not None
    fields = parse_ids(query.data, 4)
    res = resources(context)
    catalog = res.content.nutrients
    async with res.sessions() as session:
        user = await get_user(session, telegram_id=sender_ids(update)[0])
        now = res.clock.now()
        delivery = None
        if fields is not None and fields[2].isdigit() and int(fields[2]) < len(catalog.nutrients):
            today = local_today(user, now)
            delivery = await own_delivery(
                session, user=user, delivery_id=int(fields[1]), today=today
            )
        if user is None or user.id is None or delivery is None or fields is None:
            await query.answer(texts.STALE_BUTTON)
            return
        step, choice = int(fields[2]), fields[3]
        nutrient = catalog.nutrients[step]
        try:
            amount = (
                None
                if choice == SKIP
                else amount_for_range(nutrient, choice, weight_kg=user.weight_kg)
            )
        except InvalidAnswer as exc:
            await query.answer(str(exc)[:200], show_alert=True)
            return
        last = len(catalog.nutrients) - 1
        stored = await answer_checkin_step(
            session, user=user, delivery=delivery, step=step, amount=amount, last_step=last, now=now
        )
        if not stored:
            await query.answer(texts.STALE_BUTTON)
            return
        await query.answer()
        if not isinstance(query.message, Message) or delivery.id is None:
            return
        day_label = delivery.local_day.strftime("%a %d %b")
        if step < last:
            await query.message.edit_text(
                step_text(catalog, step + 1, day_label),
                reply_markup=step_keyboard(
                    catalog, delivery.id, step + 1, weight_kg=user.weight_kg
                ),
            )
            return
        totals = await totals_on(session, user_id=user.id, day=delivery.local_day)
        statuses = assess_day(
            totals,
            age_band=AgeBand(user.age_band) if user.age_band else None,
            weight_kg=user.weight_kg,
            catalog=catalog,
        )
        streaks = await streaks_for(session, user=user, today=delivery.local_day)
        await query.message.edit_text(summary_text(day_label, statuses, streaks.checkins))
        bite = await todays_bite(
            UnitOfWork.joining(session),  # transitional, until this handler uses the kit
            account=account_of(user),
            library=res.content.lessons,
            today=delivery.local_day,
            topics=NUTRITION_TOPICS,
            now=now,
        )
    if bite is not None:
        await send_todays_bite(context, user.chat_id, bite)


HANDLERS: list[BaseHandler[Update, BoneContext, None]] = [
    CallbackQueryHandler(on_checkin_tap, pattern=r"^nc\|"),
]
