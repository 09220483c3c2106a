"""/export (all his rows as a zip) and /delete (asked twice, then everything goes)."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

from bot.context import BoneContext
from bot.db.user_data import delete_user_rows
from bot.db.user_queries import get_user
from bot.services.export import export_zip
from bot.services.profile import set_pending
from handlers import texts
from handlers.common import local_today, resources, sender_ids

PRIVATE = filters.ChatType.PRIVATE
DELETE_PENDING = "confirm_delete"
DELETE_WORD = "DELETE"


async def export(update: Update, context: BoneContext) -> None:
    """/export: a zip with data.json, one CSV per table and a README of the columns."""
    message = update.effective_message
    assert message is not None
    res = resources(context)
    async with res.sessions() as session:
        user = await get_user(session, telegram_id=sender_ids(update)[0])
        if user is None or user.id is None:
            await message.reply_text("I hold no data about you.")
            return
        today = local_today(user, res.clock.now())
        archive = await export_zip(session, user_id=user.id, today=today)
    await message.reply_document(
        archive,
        filename=f"bonecoach-export-{today.isoformat()}.zip",
        caption="All your BoneCoach data: JSON, one CSV per table, and a README of the columns.",
    )


async def delete_start(update: Update, context: BoneContext) -> None:
    """/delete: first a button, so nothing goes by accident."""
    message = update.effective_message
    assert message is not None
    async with resources(context).sessions() as session:
        user = await get_user(session, telegram_id=sender_ids(update)[0])
    if user is None:
        await message.reply_text("I hold no data about you — nothing to delete.")
        return
    await message.reply_text(
        "This erases <b>everything</b> BoneCoach stores about you: profile, logs, lab results, "
        "lessons read. It cannot be undone. /export first if you want a copy.",
        reply_markup=InlineKeyboardMarkup(
            [[InlineKeyboardButton("Delete all my data", callback_data="del|ask")]]
        ),
    )


async def delete_button(update: Update, context: BoneContext) -> None:
    """The second step: ask him to type DELETE."""
    query = update.callback_query
    assert query is not None
    res = resources(context)
    async with res.sessions() as session:
        user = await get_user(session, telegram_id=sender_ids(update)[0])
        if user is None:
            await query.answer(texts.STALE_BUTTON)
            return
        await set_pending(session, user=user, pending=DELETE_PENDING, now=res.clock.now())
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_text(
            f"To confirm, type <b>{DELETE_WORD}</b> (capitals). Anything else cancels."
        )


async def delete_confirm(update: Update, context: BoneContext, text: str) -> None:
    """The typed answer to the DELETE question: erase everything, or cancel."""
    message = update.effective_message
    assert message is not None
    res = resources(context)
    async with res.sessions() as session:
        user = await get_user(session, telegram_id=sender_ids(update)[0])
        if user is None or user.id is None:
            return
        if text.strip() != DELETE_WORD:
            await set_pending(session, user=user, pending=None, now=res.clock.now())
            await message.reply_text("Cancelled — nothing was deleted.")
            return
        await delete_user_rows(session, user_id=user.id)
    await message.reply_text(
        "Done. Every row about you is deleted. If you ever want to start again, send /start."
    )


HANDLERS: list[BaseHandler[Update, BoneContext, None]] = [
    CommandHandler("export", export, filters=PRIVATE),
    CommandHandler("delete", delete_start, filters=PRIVATE),
    CallbackQueryHandler(delete_button, pattern=r"^del\|ask$"),
]
