"""The one error handler: log without message text or token, answer politely, carry on."""

from __future__ import annotations

import asyncio
import logging

from telegram import Update
from telegram.error import Forbidden, TelegramError

from bot.context import BoneContext
from bot.outage_retries import is_database_outage
from bot.services.status import mark_blocked
from handlers.kit import Turn, Who, handler
from handlers.views import texts

log = logging.getLogger("bonecoach.errors")


async def on_error(update: object, context: BoneContext) -> None:
    """Log the failure by type and update id only, then tell the user it didn't go through.

    When the database was unreachable the update is kept and tried again later instead.
    """
    error = context.error
    update_id = update.update_id if isinstance(update, Update) else None
    if isinstance(update, Update) and is_database_outage(error):
        await _retry_later(update, context)
        return
    log.error(
        "update %s failed: %s",
        update_id,
        type(error).__name__,
        exc_info=(type(error), error, error.__traceback__) if error else None,
    )
    if not isinstance(update, Update):
        return
    if isinstance(error, Forbidden):
        await _mark_blocked(update, context)
        return
    chat = update.effective_chat
    if chat is None or chat.type != "private":
        return
    try:  # a message, not a callback answer: the query may already have been answered
        await context.bot.send_message(chat.id, texts.ERROR_REPLY)
    except TelegramError:
        log.warning("could not tell update %s's sender about the failure", update_id)


async def _retry_later(update: Update, context: BoneContext) -> None:
    """Hand the update to the handlers again after a pause; tell him once; give up at last."""
    chat = update.effective_chat
    private_chat = chat.id if chat is not None and chat.type == "private" else None
    decision = context.bot_data.outage_retries.decide(update.update_id, private_chat)
    metrics = context.bot_data.metrics
    if decision.delay is None:
        metrics.update_retries.labels("gave_up").inc()
        log.error("update %s dropped: the database stayed unreachable", update.update_id)
    else:
        metrics.update_retries.labels("retried").inc()
        log.warning(
            "update %s hit a database outage (%s); trying again in %gs",
            update.update_id,
            type(context.error).__name__,
            decision.delay,
        )
        context.application.create_task(
            _again(context.application.update_queue, update, decision.delay)
        )
    if decision.tell_user and private_chat is not None:
        text = texts.OUTAGE_REPLY if decision.delay is not None else texts.OUTAGE_GAVE_UP
        try:
            await context.bot.send_message(private_chat, text)
        except TelegramError:
            log.warning("could not tell update %s's sender about the outage", update.update_id)


async def _again(queue: asyncio.Queue[object], update: Update, delay: float) -> None:
    """Put the update back in the queue after `delay` seconds."""
    await asyncio.sleep(delay)
    await queue.put(update)


@handler(Who.ANYONE)  # no refusal: the error handler answers nobody here
async def _mark_blocked(turn: Turn) -> None:
    """Telegram refused because he blocked us: send nothing more until he writes /start."""
    if turn.maybe_me is not None:
        await mark_blocked(turn.uow, account_id=turn.maybe_me.id, now=turn.now)
