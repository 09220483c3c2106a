"""Small helpers every handler uses."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from telegram import Update

from bot.context import BoneContext, Resources
from bot.db.models import User


def resources(context: BoneContext) -> Resources:
    """Settings, sessions and clock of this app."""
    return context.bot_data.resources


def sender_ids(update: Update) -> tuple[int, int]:
    """(telegram user id, chat id) of a private-chat update."""
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None:
        raise ValueError("update has no user or chat")
    return user.id, chat.id


def local_now(user: User, now: datetime) -> datetime:
    """`now` in his zone (UTC until he has set one)."""
    return now.astimezone(ZoneInfo(user.timezone)) if user.timezone else now


def local_today(user: User | None, now: datetime) -> date:
    """His local date today."""
    return local_now(user, now).date() if user is not None else now.date()


def plural(count: int, noun: str) -> str:
    """'1 session', '3 sessions'."""
    return f"{count} {noun}{'' if count == 1 else 's'}"
