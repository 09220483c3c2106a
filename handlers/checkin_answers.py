"""Taps on the evening check-in: one nutrient per step, then the day's summary."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.context import BoneContext
from bot.domain.lessons import NUTRITION_TOPICS
from bot.domain.text import InvalidAnswer
from bot.services.deliveries import DeliveryView
from bot.services.learning import todays_bite
from bot.services.nutrition import (
    CheckinAnswered,
    answer_checkin,
    same_as_yesterday,
    take_usual,
)
from bot.services.usual import save_usual_from_checkin, usual_of
from handlers.callbacks import CheckinShortcut, CheckinTap, Shortcut
from handlers.kit import Turn, Who, handler
from handlers.learn import send_todays_bite
from handlers.views import texts
from handlers.views.checkin_prompt import (
    save_usual_keyboard,
    step_keyboard,
    step_text,
    summary_text,
    usual_saved_text,
)

ALREADY_ANSWERED = "Already answered."
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
    await _show(turn, answered)


async def _show(turn: Turn, answered: CheckinAnswered) -> None:
    """The next step, or the summary when the check-in is done."""
    if answered.next_step is not None:
        await _ask(turn, answered.delivery, answered.next_step, after_usual=answered.after_usual)
    else:
        await _sum_up(turn, answered)


@handler(Who.MEMBER, stranger=texts.STALE_BUTTON)
async def on_checkin_shortcut(turn: Turn) -> None:
    """✅ Took my usual / Same as yesterday at the start; Save as my usual under the summary."""
    tap = CheckinShortcut.unpack(turn.data)
    if tap is None:
        await turn.answer(texts.STALE_BUTTON)
        return
    catalog = turn.content.nutrients
    if tap.choice is Shortcut.SAVE:
        await _save_usual(turn, tap.delivery_id)
        return
    if tap.choice is Shortcut.USUAL:
        items = await usual_of(turn.uow, account=turn.me, catalog=catalog)
        answered = await take_usual(
            turn.uow,
            account=turn.me,
            delivery_id=tap.delivery_id,
            items=items,
            catalog=catalog,
            now=turn.now,
        )
    else:
        answered = await same_as_yesterday(
            turn.uow, account=turn.me, delivery_id=tap.delivery_id, catalog=catalog, now=turn.now
        )
    if answered is None:
        await turn.answer(ALREADY_ANSWERED)
        return
    await turn.answer()
    if turn.message is not None:
        await _show(turn, answered)


async def _save_usual(turn: Turn, delivery_id: int) -> None:
    """Save tonight's amounts as his usual and say what was saved."""
    catalog = turn.content.nutrients
    saved = await save_usual_from_checkin(
        turn.uow, account=turn.me, delivery_id=delivery_id, catalog=catalog, now=turn.now
    )
    if not saved:
        await turn.answer(texts.STALE_BUTTON)
        return
    await turn.answer("Saved.")
    await turn.edit_markup(None)
    await turn.reply(usual_saved_text(saved, catalog, turn.me.weight_kg))


async def _sum_up(turn: Turn, answered: CheckinAnswered) -> None:
    """The check-in is done: show the day's summary, then today's bite."""
    day = answered.delivery.local_day
    summary = summary_text(f"{day:%a %d %b}", answered.statuses, answered.streak)
    await turn.edit(summary, save_usual_keyboard(answered.delivery.id))
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


async def _ask(turn: Turn, delivery: DeliveryView, step: int, *, after_usual: bool) -> None:
    """Rewrite the check-in to ask its next nutrient."""
    catalog, day_label = turn.content.nutrients, f"{delivery.local_day:%a %d %b}"
    await turn.edit(
        step_text(catalog, step, day_label, after_usual=after_usual),
        step_keyboard(catalog, delivery.id, step, weight_kg=turn.me.weight_kg),
    )


HANDLERS: list[BaseHandler[Update, BoneContext, None]] = [
    CallbackQueryHandler(on_checkin_tap, pattern=CheckinTap.pattern()),
    CallbackQueryHandler(on_checkin_shortcut, pattern=CheckinShortcut.pattern()),
]
