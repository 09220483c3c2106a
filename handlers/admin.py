"""Operator commands for ADMIN_IDS only: /stats, /broadcast. Others get the unknown-command
answer."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

from bot.context import BoneContext
from bot.db.models import Broadcast
from bot.services import broadcasts
from bot.services.stats import collect_stats
from handlers import texts
from handlers.common import resources, sender_ids
from handlers.help_commands import unknown_command

PRIVATE = filters.ChatType.PRIVATE


def is_admin(update: Update, context: BoneContext) -> bool:
    """The sender's Telegram id is in ADMIN_IDS."""
    return sender_ids(update)[0] in resources(context).settings.admin_ids


async def stats(update: Update, context: BoneContext) -> None:
    """/stats: users by status, 7-day adherence, deliveries and lab reminders."""
    message = update.effective_message
    assert message is not None
    if not is_admin(update, context):
        await unknown_command(update, context)
        return
    res = resources(context)
    async with res.sessions() as session:
        numbers = await collect_stats(session, now=res.clock.now())
    users = ", ".join(f"{k} {v}" for k, v in sorted(numbers.users_by_status.items())) or "none"
    deliveries = ", ".join(f"{k} {v}" for k, v in sorted(numbers.deliveries_7d.items())) or "none"
    training = f"{numbers.sessions_done_7d} sessions done of {numbers.training_prompts_7d} prompts"
    nutrition = f"{numbers.checkin_days_7d} check-in days of {numbers.nutrition_prompts_7d} prompts"
    await message.reply_text(
        "📊 <b>BoneCoach stats</b>\n"
        f"Users: {escape(users)}\n"
        f"Deliveries (7 days): {escape(deliveries)}\n"
        f"Adherence (7 days): {training}; {nutrition}\n"
        f"Labs: {numbers.labs_booked} booked · {numbers.lab_nudges_7d} lab reminders sent (7 days)"
    )


async def broadcast(update: Update, context: BoneContext) -> None:
    """/broadcast <text>: a preview and a confirmation button; nothing goes out before it."""
    message = update.effective_message
    assert message is not None
    if not is_admin(update, context):
        await unknown_command(update, context)
        return
    text = (message.text or "").partition(" ")[2].strip()
    if not text:
        await message.reply_text("Send it like /broadcast Clinic closed Monday. Nothing was sent.")
        return
    res = resources(context)
    async with res.sessions() as session:
        draft_row = await broadcasts.draft(
            session, text=text[:4000], admin_id=sender_ids(update)[0], now=res.clock.now()
        )
        reach = await broadcasts.active_user_count(session)
    buttons = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    f"Send to {reach} users", callback_data=f"bcast|{draft_row.id}|go"
                ),
                InlineKeyboardButton("Cancel", callback_data=f"bcast|{draft_row.id}|no"),
            ]
        ]
    )
    await message.reply_text(f"<b>Preview</b>\n\n{escape(text[:4000])}", reply_markup=buttons)


async def on_broadcast_button(update: Update, context: BoneContext) -> None:
    """Confirm (plan one delivery per active user, then tick now) or cancel."""
    query = update.callback_query
    assert query is not None and query.data is not None
    if not is_admin(update, context):
        await query.answer(texts.STALE_BUTTON)
        return
    parts = query.data.split("|")
    res = resources(context)
    message = query.message if isinstance(query.message, Message) else None
    async with res.sessions() as session:
        row = await session.get(Broadcast, int(parts[1])) if parts[1].isdigit() else None
        if row is None or row.status != "draft" or message is None:
            await query.answer(texts.STALE_BUTTON)
            return
        await query.answer()
        if parts[2] != "go":
            row.status = "cancelled"
            session.add(row)
            await session.commit()
            await message.edit_text("Broadcast cancelled. Nothing was sent.")
            return
        progress = await message.reply_text("📣 Broadcast queued…")
        count = await broadcasts.confirm(
            session,
            broadcast=row,
            chat_id=message.chat_id,
            message_id=progress.message_id,
            now=res.clock.now(),
        )
    await message.edit_reply_markup(None)
    await progress.edit_text(f"📣 Broadcast sending to {count} users…")
    context.application.create_task(context.bot_data.ticker.tick())


HANDLERS: list[BaseHandler[Update, BoneContext, None]] = [
    CommandHandler("stats", stats, filters=PRIVATE),
    CommandHandler("broadcast", broadcast, filters=PRIVATE & filters.UpdateType.MESSAGE),
    CallbackQueryHandler(on_broadcast_button, pattern=r"^bcast\|"),
]
