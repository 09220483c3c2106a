"""/pause, /resume and /stop."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler, filters

from bot.context import BoneContext
from bot.db.models import UserStatus
from bot.db.user_queries import get_user
from bot.domain.profile import Weekday, parse_duration, parse_weekdays
from bot.domain.schedule import parse_quiet_hours
from bot.domain.text import InvalidAnswer
from bot.services import status
from handlers.common import error_text, local_now, resources, sender_ids, set_up_user


async def pause(update: Update, context: BoneContext) -> None:
    """/pause pauses prompts until /resume; /pause 3 days (or 1w, 12h) pauses for a while."""
    message = update.effective_message
    assert message is not None
    argument = " ".join(context.args or []).strip()
    if argument.lower().startswith("for "):
        argument = argument[4:]
    res = resources(context)
    async with res.sessions() as session:
        user = await set_up_user(session, update)
        if user is None:
            return
        now = res.clock.now()
        until = None
        if argument:
            try:
                until = now + parse_duration(argument)
            except InvalidAnswer as exc:
                await message.reply_text(f"{error_text(exc)} Nothing was changed.")
                return
        await status.pause(session, user=user, until=until, now=now)
        if until is None:
            await message.reply_text("Paused. No prompts until you send /resume.")
        else:
            shown = local_now(user, until).strftime("%a %d %b at %H:%M")
            await message.reply_text(f"Paused until {shown}. /resume restarts sooner.")


async def resume(update: Update, context: BoneContext) -> None:
    """/resume restarts prompts after a pause or a stop."""
    message = update.effective_message
    assert message is not None
    res = resources(context)
    async with res.sessions() as session:
        user = await set_up_user(session, update)
        if user is None:
            return
        if user.status == UserStatus.ACTIVE:
            await message.reply_text("You're not paused — prompts are on.")
            return
        await status.resume(session, user=user, now=res.clock.now())
        await message.reply_text("Welcome back — prompts are on again.")


async def stop(update: Update, context: BoneContext) -> None:
    """/stop: no more messages until /start. His data stays."""
    message = update.effective_message
    assert message is not None
    res = resources(context)
    async with res.sessions() as session:
        user = await get_user(session, telegram_id=sender_ids(update)[0])
        if user is None:
            await message.reply_text("Nothing to stop — I have no data about you.")
            return
        await status.stop(session, user=user, now=res.clock.now())
        await message.reply_text(
            "Stopped. I won't message you again until you send /start. Your settings are kept."
        )


PRIVATE = filters.ChatType.PRIVATE
HANDLERS: list[BaseHandler[Update, BoneContext, None]] = [
    CommandHandler("pause", pause, filters=PRIVATE),
    CommandHandler("resume", resume, filters=PRIVATE),
    CommandHandler("stop", stop, filters=PRIVATE),
]


async def quiet(update: Update, context: BoneContext) -> None:
    """/quiet 22:00-07:00 sets quiet hours (late catch-up prompts wait); /quiet off clears."""
    message = update.effective_message
    assert message is not None
    argument = " ".join(context.args or []).strip()
    res = resources(context)
    async with res.sessions() as session:
        user = await set_up_user(session, update)
        if user is None:
            return
        if not argument:
            shown = (
                f"{user.quiet_start:%H:%M}–{user.quiet_end:%H:%M}"
                if user.quiet_start and user.quiet_end
                else "off"
            )
            await message.reply_text(
                f"Quiet hours: <b>{shown}</b>. Change with /quiet 22:00-07:00 or /quiet off."
            )
            return
        try:
            hours = parse_quiet_hours(argument)
        except InvalidAnswer as exc:
            await message.reply_text(f"{error_text(exc)} Nothing was changed.")
            return
        await status.set_quiet_hours(session, user=user, quiet=hours, now=res.clock.now())
        shown = f"{hours.start:%H:%M}–{hours.end:%H:%M}" if hours else "off"
        await message.reply_text(f"✅ Quiet hours: <b>{shown}</b>.")


HANDLERS.append(CommandHandler("quiet", quiet, filters=PRIVATE))


async def summary_day(update: Update, context: BoneContext) -> None:
    """/summary sunday: the day the weekly summary arrives (with the morning prompt)."""
    message = update.effective_message
    assert message is not None
    argument = " ".join(context.args or []).strip()
    res = resources(context)
    async with res.sessions() as session:
        user = await set_up_user(session, update)
        if user is None:
            return
        if not argument:
            day = Weekday(user.summary_weekday).name.title()
            await message.reply_text(f"Weekly summary day: <b>{day}</b>. Change: /summary sunday")
            return
        try:
            days = parse_weekdays(argument)
        except InvalidAnswer as exc:
            await message.reply_text(f"{error_text(exc)} Nothing was changed.")
            return
        if len(days) != 1:
            await message.reply_text("Pick one day, e.g. /summary sunday. Nothing was changed.")
            return
        (chosen,) = days
        await status.set_summary_day(session, user=user, weekday=int(chosen), now=res.clock.now())
        await message.reply_text(f"✅ Weekly summary day: <b>{chosen.name.title()}</b>.")


HANDLERS.append(CommandHandler("summary", summary_day, filters=PRIVATE))
