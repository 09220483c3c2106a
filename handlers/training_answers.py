"""Taps on the training prompt: Done / Partly / Skipped, and logging lifts as prescribed."""

from __future__ import annotations

from telegram import Message, Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.context import BoneContext
from bot.db.user_queries import get_user
from bot.domain.lessons import TRAINING_TOPICS
from bot.domain.training import LiftLog, SetEntry
from bot.services.accounts import account_of
from bot.services.learning import todays_bite
from bot.services.streaks import streaks_for
from bot.services.training import (
    OUTCOMES,
    lifts_logged_on,
    log_lift,
    plan_for_day,
    save_outcome,
    weight_unit,
)
from bot.services.unit_of_work import UnitOfWork
from handlers import texts
from handlers.common import local_today, resources, sender_ids
from handlers.deliveries import own_delivery, parse_ids
from handlers.learn import send_todays_bite
from handlers.prompts.training_prompt import OUTCOME_LABELS, lift_log_keyboard, plan_text


async def on_outcome(update: Update, context: BoneContext) -> None:
    """Store his answer to the day's training prompt and show the day's status."""
    query = update.callback_query
    assert query is not None and query.data is not None
    fields = parse_ids(query.data, 3)
    res = resources(context)
    async with res.sessions() as session:
        user = await get_user(session, telegram_id=sender_ids(update)[0])
        now = res.clock.now()
        today = local_today(user, now)
        delivery = None
        if fields is not None and fields[2] in OUTCOMES:
            delivery = await own_delivery(
                session, user=user, delivery_id=int(fields[1]), today=today
            )
        if user is None or delivery is None or fields is None:
            await query.answer(texts.STALE_BUTTON)
            return
        plan = await plan_for_day(
            session, user=user, day=delivery.local_day, catalog=res.content.exercises
        )
        saved = await save_outcome(
            session,
            user=user,
            day=delivery.local_day,
            outcome=fields[2],
            planned=plan.is_training_day,
            delivery=delivery,
            now=now,
        )
        if not saved.changed:
            await query.answer("Already saved.")
            return
        await query.answer("Saved.")
        streaks = await streaks_for(session, user=user, today=today)
        line = f"\n\n<b>{OUTCOME_LABELS[saved.outcome]}</b> — saved."
        if saved.previous:
            line += f" (was {saved.previous})"
        if streaks.training > 1:
            line += f"\n🔥 {streaks.training} planned sessions in a row."
        markup = None
        if plan.is_training_day and saved.outcome != "skipped":
            markup = lift_log_keyboard(delivery.id or 0, plan, set())
            line += "\nLog your lifts below (or type /log squat 5x5 100kg) — it sets next loads."
        bite = None
        if plan.is_training_day and saved.previous is None:
            bite = await todays_bite(
                UnitOfWork.joining(session),  # transitional, until this handler uses the kit
                account=account_of(user),
                library=res.content.lessons,
                today=delivery.local_day,
                topics=TRAINING_TOPICS,
                now=now,
            )
        if isinstance(query.message, Message):
            # The follow-up is a short message of its own: keep it short when answered there.
            is_prompt = query.message.message_id == delivery.message_id
            body = plan_text(plan) if is_prompt else (query.message.text_html or "")
            await query.message.edit_text(body + line, reply_markup=markup)
        if bite is not None:
            await send_todays_bite(context, user.chat_id, bite)


async def on_log_as_prescribed(update: Update, context: BoneContext) -> None:
    """'Squat 5×5 @ 100 kg' tapped: log that lift exactly as planned, once."""
    query = update.callback_query
    assert query is not None and query.data is not None
    fields = parse_ids(query.data, 3)
    res = resources(context)
    async with res.sessions() as session:
        user = await get_user(session, telegram_id=sender_ids(update)[0])
        now = res.clock.now()
        delivery = None
        if fields is not None:
            today = local_today(user, now)
            delivery = await own_delivery(
                session, user=user, delivery_id=int(fields[1]), today=today
            )
        if user is None or delivery is None or fields is None:
            await query.answer(texts.STALE_BUTTON)
            return
        plan = await plan_for_day(
            session, user=user, day=delivery.local_day, catalog=res.content.exercises
        )
        item = next((i for i in plan.items if i.key == fields[2] and i.load_kg is not None), None)
        if item is None or item.load_kg is None:
            await query.answer(texts.STALE_BUTTON)
            return
        log = LiftLog(
            lift_key=item.key,
            sets=[SetEntry(reps=item.reps, load_kg=item.load_kg) for _ in range(item.sets)],
            entered_unit=weight_unit(user),
        )
        new = await log_lift(
            session,
            user=user,
            day=delivery.local_day,
            log=log,
            planned=item,
            source_key=f"b:{delivery.id}:{item.key}",
            now=now,
        )
        await query.answer(f"{item.name} logged." if new else "Already logged.")
        if new and isinstance(query.message, Message) and delivery.id is not None:
            logged = await lifts_logged_on(session, user=user, day=delivery.local_day)
            await query.message.edit_reply_markup(lift_log_keyboard(delivery.id, plan, logged))


HANDLERS: list[BaseHandler[Update, BoneContext, None]] = [
    CallbackQueryHandler(on_outcome, pattern=r"^tr\|"),
    CallbackQueryHandler(on_log_as_prescribed, pattern=r"^tl\|"),
]
