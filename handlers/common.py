"""Small helpers every handler uses."""

from __future__ import annotations

from datetime import date, datetime
from html import escape
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Update

from bot.context import BoneContext, Resources
from bot.db.models import User, UserStatus
from bot.db.user_queries import get_user
from handlers import texts

MAX_ERROR_TEXT = 800  # a retry message never grows past this, whatever he typed


def error_text(exc: Exception) -> str:
    """A refusal message made safe to send: capped, then HTML-escaped."""
    return escape(str(exc)[:MAX_ERROR_TEXT])


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


async def set_up_user(session: AsyncSession, update: Update) -> User | None:
    """The sender if he has finished setting up; otherwise say what to do and return None."""
    message = update.effective_message
    assert message is not None
    user = await get_user(session, telegram_id=sender_ids(update)[0])
    if user is None or user.status == UserStatus.ONBOARDING:
        await message.reply_text(texts.START_FIRST if user is None else texts.FINISH_SETUP)
        return None
    return user
