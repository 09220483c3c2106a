"""/help, unknown commands, and anything else nobody handled."""

from __future__ import annotations

from html import escape

from telegram import BotCommand, Update
from telegram.ext import BaseHandler, CommandHandler, MessageHandler, filters

from bot.context import BoneContext
from bot.domain.training import LIFT_LOG_EXAMPLES
from handlers.kit import Turn, Who, handler
from handlers.views import texts

COMMANDS: tuple[BotCommand, ...] = (
    BotCommand("start", "Start or continue setting up"),
    BotCommand("today", "Today's plan and what you logged"),
    BotCommand("log", f"Log an exercise or nutrient, e.g. /log {LIFT_LOG_EXAMPLES[1]}"),
    BotCommand("usual", "Your usual daily supplements: one tap each evening"),
    BotCommand("undo", "Remove your last entry"),
    BotCommand("records", "Your personal records per lift"),
    BotCommand("labs", "Your labs: results, due dates, bookings"),
    BotCommand("lab", "Enter a lab result, e.g. /lab vitd 32 ng/mL"),
    BotCommand("trt", "Testosterone started or dose changed: /trt changed"),
    BotCommand("learn", "Bite-size lessons by topic"),
    BotCommand("ask", "Ask about your bones, e.g. /ask why lift heavy?"),
    BotCommand("progress", "Your progress as a chart"),
    BotCommand("week", "Your week so far: sessions and check-ins"),
    BotCommand("report", "A PDF summary for your clinician"),
    BotCommand("settings", "See and change your settings"),
    BotCommand("screen", "The safety question before heavy lifting"),
    BotCommand("cleared", "A clinician has cleared you for heavy lifting and jumps"),
    BotCommand("help", "What I can do"),
    BotCommand("time", "Set your prompt times, e.g. /time 07:30"),
    BotCommand("timezone", "Set your time zone, e.g. /timezone Berlin"),
    BotCommand("days", "Set your training days"),
    BotCommand("weight", "Set your weight, e.g. /weight 82 kg"),
    BotCommand("pause", "Pause prompts, e.g. /pause 3 days"),
    BotCommand("resume", "Resume prompts"),
    BotCommand("quiet", "Quiet hours, e.g. /quiet 22:00-07:00"),
    BotCommand("summary", "Weekly summary day, e.g. /summary sunday"),
    BotCommand("stop", "Stop all messages"),
    BotCommand("export", "Download all your data"),
    BotCommand("delete", "Delete all your data"),
)


@handler(Who.ANYONE, lookup=False)
async def show_help(turn: Turn) -> None:
    """What the bot does, its commands and the disclaimer."""
    await turn.reply(texts.HELP)


async def reply_unknown_command(turn: Turn) -> None:
    """Say briefly that we don't know the command he typed, and point to /help."""
    name = turn.text.split()[0][:40]
    await turn.reply(f"I don't know {escape(name)}. Send /help to see what I can do.")


@handler(Who.ANYONE, lookup=False)
async def unknown_command(turn: Turn) -> None:
    """A command we don't have: say so briefly and point to /help."""
    await reply_unknown_command(turn)


@handler(Who.ANYONE, lookup=False)
async def not_understood(turn: Turn) -> None:
    """Stickers, photos, voice notes: we can't read them yet."""
    await turn.reply("I can only read text and button taps. " + texts.FALLBACK_TEXT)


PRIVATE = filters.ChatType.PRIVATE
HANDLERS: list[BaseHandler[Update, BoneContext, None]] = [
    CommandHandler("help", show_help, filters=PRIVATE),
]
FALLBACK_HANDLERS: list[BaseHandler[Update, BoneContext, None]] = [
    MessageHandler(PRIVATE & filters.COMMAND & filters.UpdateType.MESSAGE, unknown_command),
    MessageHandler(PRIVATE & filters.UpdateType.MESSAGE & ~filters.TEXT, not_understood),
]
