"""Taps on the training prompt: Done / Partly / Skipped, and logging lifts as prescribed."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.context import BoneContext
from bot.domain.lessons import TRAINING_TOPICS
from bot.domain.training import LIFT_LOG_EXAMPLES
from bot.services import lift_logs, training
from bot.services.deliveries import answerable_delivery
from bot.services.learning import todays_bite
from bot.services.training import PromptAnswered
from handlers.callbacks import LogAsPrescribed, TrainingEffort, TrainingOutcome
from handlers.kit import Turn, Who, handler
from handlers.learn import send_todays_bite
from handlers.lift_logging import record_line
from handlers.views import texts
from handlers.views.training_prompt import (
    OUTCOME_LABELS,
    TODAY_ANSWER,
    answered_keyboard,
    plan_text,
    with_today_answer,
)

LOG_BELOW = (
    f"\nLog your lifts below (or type /log {LIFT_LOG_EXAMPLES[1]}) and tap how it felt: "
    "both set your next loads."
)


def _saved_line(answered: PromptAnswered) -> str:
    """'✅ Done — saved. (was skipped)' and the streak, under the prompt."""
    line = f"\n\n<b>{OUTCOME_LABELS[answered.outcome]}</b> — saved."
    if answered.previous:
        line += f" (was {answered.previous})"
    if answered.streak > 1:
        line += f"\n🔥 {answered.streak} planned sessions in a row."
    return line


@handler(Who.MEMBER, stranger=texts.STALE_BUTTON)
async def on_outcome(turn: Turn) -> None:
    """Store his answer to the day's training prompt and show the day's status."""
    tap = TrainingOutcome.unpack(turn.data)
    answered = None
    if tap is not None:
        answered = await training.answer_prompt(
            turn.uow,
            account=turn.me,
            delivery_id=tap.delivery_id,
            outcome=tap.outcome,
            catalog=turn.content.exercises,
            now=turn.now,
        )
    if answered is None:
        await turn.answer(texts.STALE_BUTTON)
        return
    if not answered.changed:
        await turn.answer("Already saved.")
        return
    await turn.answer("Saved.")
    bite = None
    if answered.plan.is_training_day and answered.previous is None:  # his first answer today
        bite = await todays_bite(
            turn.uow,
            account=turn.me,
            library=turn.content.lessons,
            today=answered.delivery.local_day,
            topics=TRAINING_TOPICS,
            now=turn.now,
            first=turn.content.exercises.first_training_bites.lessons,
        )
    await _show_saved(turn, answered)
    if bite is not None:
        await send_todays_bite(turn.context, turn.chat_id, bite)


async def _show_saved(turn: Turn, answered: PromptAnswered) -> None:
    """Rewrite the tapped message: the plan (or the follow-up), his answer, lift buttons."""
    message = turn.message
    if message is None:
        return
    plan, delivery = answered.plan, answered.delivery
    line, markup = _saved_line(answered), None
    if plan.is_training_day and answered.outcome != "skipped":
        logged = await lift_logs.lifts_logged_on(turn.uow, account=turn.me, day=plan.day)
        markup = answered_keyboard(delivery.id, plan, logged, ask_effort=True)
        line += LOG_BELOW
    # The follow-up is a short message of its own: keep it short when answered there;
    # /today's message gets its answer line rewritten.
    text = message.text_html or ""
    if message.message_id == delivery.message_id:
        text = plan_text(plan, turn.content.exercises) + line
    elif TODAY_ANSWER in text:
        text = with_today_answer(text, answered.outcome) + (LOG_BELOW if markup else "")
    else:
        text += line
    await turn.edit(text, markup)


@handler(Who.MEMBER, stranger=texts.STALE_BUTTON)
async def on_log_as_prescribed(turn: Turn) -> None:
    """'Squat 5×5 @ 100 kg' tapped: log that lift exactly as planned, once."""
    tap = LogAsPrescribed.unpack(turn.data)
    delivery = logged = None
    if tap is not None:
        delivery = await answerable_delivery(
            turn.uow, account=turn.me, delivery_id=tap.delivery_id, today=turn.today
        )
    if tap is not None and delivery is not None:
        logged = await lift_logs.log_as_prescribed(
            turn.uow,
            account=turn.me,
            delivery=delivery,
            lift_key=tap.lift,
            catalog=turn.content.exercises,
            now=turn.now,
        )
    if delivery is None or logged is None:
        await turn.answer(texts.STALE_BUTTON)
        return
    record = record_line(logged.lift_name, logged.record, turn.me.weight_unit)
    await turn.answer(
        (record or f"{logged.lift_name} logged.") if logged.new else "Already logged."
    )
    if logged.new and turn.message is not None:
        lifts = await lift_logs.lifts_logged_on(turn.uow, account=turn.me, day=delivery.local_day)
        ask = await training.effort_wanted(turn.uow, account=turn.me, day=delivery.local_day)
        await turn.edit_markup(answered_keyboard(delivery.id, logged.plan, lifts, ask_effort=ask))


@handler(Who.MEMBER, stranger=texts.STALE_BUTTON)
async def on_effort(turn: Turn) -> None:
    """Easy / About right / Hard tapped: store how the session felt; the row goes away."""
    tap = TrainingEffort.unpack(turn.data)
    rated = None
    if tap is not None:
        rated = await training.rate_effort(
            turn.uow,
            account=turn.me,
            delivery_id=tap.delivery_id,
            effort=tap.effort,
            catalog=turn.content.exercises,
            now=turn.now,
        )
    if tap is None or rated is None:
        await turn.answer(texts.STALE_BUTTON)
        return
    if not rated.changed:
        await turn.answer("Already saved.")
        return
    await turn.answer(f"Saved: {rated.effort.words}. It sets your next loads.")
    if turn.message is not None:
        lifts = await lift_logs.lifts_logged_on(turn.uow, account=turn.me, day=rated.day)
        markup = answered_keyboard(tap.delivery_id, rated.plan, lifts, ask_effort=False)
        await turn.edit_markup(markup)


HANDLERS: list[BaseHandler[Update, BoneContext, None]] = [
    CallbackQueryHandler(on_effort, pattern=TrainingEffort.pattern()),
    CallbackQueryHandler(on_outcome, pattern=TrainingOutcome.pattern()),
    CallbackQueryHandler(on_log_as_prescribed, pattern=LogAsPrescribed.pattern()),
]
