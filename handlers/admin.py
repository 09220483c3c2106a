"""Operator commands for ADMIN_IDS only: /stats, /broadcast. Others get the unknown-command
answer."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

from bot.context import BoneContext
from bot.services import broadcasts
from bot.services.stats import collect_stats
from handlers.callbacks import BroadcastChoice
from handlers.help_commands import unknown_command
from handlers.kit import Turn, Who, handler
from handlers.views import texts

PRIVATE = filters.ChatType.PRIVATE
GO, NO = "go", "no"
MAX_TEXT = 4000  # leaves room for the preview's heading within Telegram's 4096


def is_admin(turn: Turn) -> bool:
    """The sender's Telegram id is in ADMIN_IDS."""
    return turn.telegram_id in turn.settings.admin_ids


# Operators need no account: the sender is not looked up (nor refused).
@handler(Who.ANYONE, lookup=False)
async def stats(turn: Turn) -> None:
    """/stats: users by status, 7-day adherence, deliveries and lab reminders."""
    if not is_admin(turn):
        await unknown_command(turn.update, turn.context)
        return
    numbers = await collect_stats(turn.uow, now=turn.now)
    users = ", ".join(f"{k} {v}" for k, v in sorted(numbers.users_by_status.items())) or "none"
    deliveries = ", ".join(f"{k} {v}" for k, v in sorted(numbers.deliveries_7d.items())) or "none"
    training = f"{numbers.sessions_done_7d} sessions done of {numbers.training_prompts_7d} prompts"
    nutrition = f"{numbers.checkin_days_7d} check-in days of {numbers.nutrition_prompts_7d} prompts"
    await turn.reply(
        "📊 <b>BoneCoach stats</b>\n"
        f"Users: {escape(users)}\n"
        f"Deliveries (7 days): {escape(deliveries)}\n"
        f"Adherence (7 days): {training}; {nutrition}\n"
        f"Labs: {numbers.labs_booked} booked · {numbers.lab_nudges_7d} lab reminders sent (7 days)"
    )


@handler(Who.ANYONE, lookup=False)
async def broadcast(turn: Turn) -> None:
    """/broadcast <text>: a preview and a confirmation button; nothing goes out before it."""
    if not is_admin(turn):
        await unknown_command(turn.update, turn.context)
        return
    text = turn.text.partition(" ")[2].strip()[:MAX_TEXT]
    if not text:
        await turn.reply("Send it like /broadcast Clinic closed Monday. Nothing was sent.")
        return
    draft = await broadcasts.draft(turn.uow, text=text, admin_id=turn.telegram_id, now=turn.now)
    buttons = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    f"Send to {draft.reach} users",
                    callback_data=BroadcastChoice(draft.id, GO).pack(),
                ),
                InlineKeyboardButton("Cancel", callback_data=BroadcastChoice(draft.id, NO).pack()),
            ]
        ]
    )
    await turn.reply(f"<b>Preview</b>\n\n{escape(text)}", buttons)


@handler(Who.ANYONE, lookup=False)
async def on_broadcast_button(turn: Turn) -> None:
    """Confirm (plan one delivery per active user, then tick now) or cancel."""
    choice = BroadcastChoice.unpack(turn.data)
    message = turn.message
    if not is_admin(turn) or choice is None or message is None:
        await turn.answer(texts.STALE_BUTTON)
        return
    if not await broadcasts.is_draft(turn.uow, broadcast_id=choice.broadcast_id):
        await turn.answer(texts.STALE_BUTTON)
        return
    await turn.answer()
    if choice.choice != GO:
        await broadcasts.cancel(turn.uow, broadcast_id=choice.broadcast_id)
        await turn.edit("Broadcast cancelled. Nothing was sent.")
        return
    progress = await turn.reply("📣 Broadcast queued…")
    count = await broadcasts.confirm(
        turn.uow,
        broadcast_id=choice.broadcast_id,
        chat_id=message.chat_id,
        message_id=progress.message_id,
        now=turn.now,
    )
    await turn.edit_markup(None)
    await progress.edit_text(f"📣 Broadcast sending to {count} users…")
    turn.context.application.create_task(turn.context.bot_data.ticker.tick())


HANDLERS: list[BaseHandler[Update, BoneContext, None]] = [
    CommandHandler("stats", stats, filters=PRIVATE),
    CommandHandler("broadcast", broadcast, filters=PRIVATE & filters.UpdateType.MESSAGE),
    CallbackQueryHandler(on_broadcast_button, pattern=BroadcastChoice.pattern()),
]
