"""All handlers in the order they are tried."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler

from bot.context import BoneContext
from handlers import (
    admin,
    answers,
    ask,
    checkin_answers,
    help_commands,
    labs,
    learn,
    lift_logging,
    log_command,
    onboarding,
    privacy,
    progress,
    settings,
    status_commands,
    today,
    training_answers,
)

Handlers = list[BaseHandler[Update, BoneContext, None]]


def all_handlers() -> Handlers:
    """Commands first, then answers to open questions, then the catch-alls."""
    return [
        *onboarding.HANDLERS,
        *help_commands.HANDLERS,
        *settings.HANDLERS,
        *status_commands.HANDLERS,
        *log_command.HANDLERS,
        *today.HANDLERS,
        *training_answers.HANDLERS,
        *lift_logging.HANDLERS,
        *checkin_answers.HANDLERS,
        *learn.HANDLERS,
        *ask.HANDLERS,
        *labs.HANDLERS,
        *privacy.HANDLERS,
        *progress.HANDLERS,
        *admin.HANDLERS,
        *answers.HANDLERS,
        *help_commands.FALLBACK_HANDLERS,
    ]
