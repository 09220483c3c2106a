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
    safety,
    settings,
    status_commands,
    today,
    training_answers,
    usual,
)

Handlers = list[BaseHandler[Update, BoneContext, None]]


def all_handlers() -> Handlers:
    """Commands and buttons first, then answers to open questions, then the catch-alls.

    The daily loop's (/log, the prompts' buttons) come first: python-telegram-bot tries
    handlers in order, and these are most of what a bot in use receives. No two of these
    match the same update, so their order changes only how soon the right one is found.
    """
    return [
        *log_command.HANDLERS,
        *training_answers.HANDLERS,
        *lift_logging.HANDLERS,
        *checkin_answers.HANDLERS,
        *usual.HANDLERS,
        *onboarding.HANDLERS,
        *help_commands.HANDLERS,
        *settings.HANDLERS,
        *safety.HANDLERS,
        *status_commands.HANDLERS,
        *today.HANDLERS,
        *learn.HANDLERS,
        *ask.HANDLERS,
        *labs.HANDLERS,
        *privacy.HANDLERS,
        *progress.HANDLERS,
        *admin.HANDLERS,
        *answers.HANDLERS,
        *help_commands.FALLBACK_HANDLERS,
    ]
