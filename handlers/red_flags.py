"""A red flag in free text: an urgent medical-contact message instead of coaching."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from html import escape
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Message, Update

from bot.context import BoneContext
from bot.db.models import User
from bot.domain.red_flags import detect
from bot.services.accounts import account_of
from bot.services.status import hold_for_today
from bot.services.unit_of_work import UnitOfWork
from handlers.common import resources

BAND_AGE = {"under-30": 18, "30-39": 30, "40-49": 40, "50-59": 50, "60-69": 60, "70+": 70}


def _end_of_local_day(zone: str | None, now: datetime) -> datetime:
    local = now.astimezone(ZoneInfo(zone or "UTC"))
    midnight = datetime.combine(local.date() + timedelta(days=1), time(0), local.tzinfo)
    return midnight.astimezone(now.tzinfo)


async def answer_red_flag(
    update: Update, context: BoneContext, session: AsyncSession, user: User | None, text: str
) -> bool:
    """If the text reports a red flag, answer with what to do now and hold today's prompts."""
    res = resources(context)
    age = BAND_AGE.get(user.age_band or "") if user is not None else None
    match = detect(text, res.content.red_flags, age=age)
    if match is None:
        return False
    message = update.effective_message
    assert isinstance(message, Message)
    await message.reply_text(f"⚠️ <b>{escape(match.message)}</b>")
    if user is not None:
        now = res.clock.now()
        until = _end_of_local_day(user.timezone, now)
        await hold_for_today(
            UnitOfWork.joining(session), account=account_of(user), until=until, now=now
        )
    return True
