"""The one error handler: log without message text or token, answer politely, carry on."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Forbidden, TelegramError

from bot.context import BoneContext
from bot.db.user_queries import get_user
from bot.services.status import mark_blocked
from handlers import texts

log = logging.getLogger("bonecoach.errors")


async def on_error(update: object, context: BoneContext) -> None:
    """Log the failure by type and update id only, then tell the user it didn't go through."""
    error = context.error
    update_id = update.update_id if isinstance(update, Update) else None
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


async def _mark_blocked(update: Update, context: BoneContext) -> None:
    """Telegram refused because he blocked us: send nothing more until he writes /start."""
    if update.effective_user is None:
        return
    res = context.bot_data.resources
    async with res.sessions() as session:
        user = await get_user(session, telegram_id=update.effective_user.id)
        if user is not None:
            await mark_blocked(session, user=user, now=res.clock.now())
