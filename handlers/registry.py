"""All handlers in the order they are tried."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler

from bot.context import BoneContext
from handlers import answers, help_commands, onboarding, settings, status_commands

Handlers = list[BaseHandler[Update, BoneContext, None]]


def all_handlers() -> Handlers:
    """Commands first, then answers to open questions, then the catch-alls."""
    return [
        *onboarding.HANDLERS,
        *help_commands.HANDLERS,
        *settings.HANDLERS,
        *status_commands.HANDLERS,
        *answers.HANDLERS,
        *help_commands.FALLBACK_HANDLERS,
    ]
