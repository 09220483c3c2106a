"""Operator commands for ADMIN_IDS only: /stats. Anyone else gets the unknown-command answer."""

from __future__ import annotations

from html import escape

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler, filters

from bot.context import BoneContext
from bot.services.stats import collect_stats
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


HANDLERS: list[BaseHandler[Update, BoneContext, None]] = [
    CommandHandler("stats", stats, filters=PRIVATE),
]
