"""/pause, /resume, /stop, /quiet and /summary: who gets messages, and when."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler, filters

from bot.context import BoneContext
from bot.domain.profile import parse_duration, parse_weekdays
from bot.domain.schedule import parse_quiet_hours
from bot.domain.text import InvalidAnswer
from bot.services import status
from bot.services.accounts import AccountStatus
from handlers.kit import Turn, Who, handler
from handlers.views.texts import error_text

NOTHING_TO_STOP = "Nothing to stop — I have no data about you."


@handler(Who.READY)
async def pause(turn: Turn) -> None:
    """/pause pauses prompts until /resume; /pause 3 days (or 1w, 12h) pauses for a while."""
    argument = turn.argument
    if argument.lower().startswith("for "):
        argument = argument[4:]
    until = None
    if argument:
        try:
            until = turn.now + parse_duration(argument)
        except InvalidAnswer as exc:
            await turn.reply(f"{error_text(exc)} Nothing was changed.")
            return
    me = await status.pause(turn.uow, account=turn.me, until=until, now=turn.now)
    if until is None:
        await turn.reply("Paused. No prompts until you send /resume.")
    else:
        shown = me.local_now(until).strftime("%a %d %b at %H:%M")
        await turn.reply(f"Paused until {shown}. /resume restarts sooner.")


@handler(Who.READY)
async def resume(turn: Turn) -> None:
    """/resume restarts prompts after a pause or a stop."""
    if turn.me.status is AccountStatus.ACTIVE:
        await turn.reply("You're not paused — prompts are on.")
        return
    await status.resume(turn.uow, account=turn.me, now=turn.now)
    await turn.reply("Welcome back — prompts are on again.")


@handler(Who.MEMBER, stranger=NOTHING_TO_STOP)
async def stop(turn: Turn) -> None:
    """/stop: no more messages until /start. His data stays."""
    await status.stop(turn.uow, account=turn.me, now=turn.now)
    await turn.reply(
        "Stopped. I won't message you again until you send /start. Your settings are kept."
    )


@handler(Who.READY)
async def quiet(turn: Turn) -> None:
    """/quiet 22:00-07:00 sets quiet hours (late catch-up prompts wait); /quiet off clears."""
    if not turn.argument:
        hours = turn.me.quiet
        shown = f"{hours.start:%H:%M}–{hours.end:%H:%M}" if hours else "off"
        await turn.reply(
            f"Quiet hours: <b>{shown}</b>. Change with /quiet 22:00-07:00 or /quiet off."
        )
        return
    try:
        hours = parse_quiet_hours(turn.argument)
    except InvalidAnswer as exc:
        await turn.reply(f"{error_text(exc)} Nothing was changed.")
        return
    await status.set_quiet_hours(turn.uow, account=turn.me, quiet=hours, now=turn.now)
    shown = f"{hours.start:%H:%M}–{hours.end:%H:%M}" if hours else "off"
    await turn.reply(f"✅ Quiet hours: <b>{shown}</b>.")


@handler(Who.READY)
async def summary_day(turn: Turn) -> None:
    """/summary sunday: the day the weekly summary arrives (with the morning prompt)."""
    if not turn.argument:
        day = turn.me.summary_weekday.name.title()
        await turn.reply(f"Weekly summary day: <b>{day}</b>. Change: /summary sunday")
        return
    try:
        days = parse_weekdays(turn.argument)
    except InvalidAnswer as exc:
        await turn.reply(f"{error_text(exc)} Nothing was changed.")
        return
    if len(days) != 1:
        await turn.reply("Pick one day, e.g. /summary sunday. Nothing was changed.")
        return
    (chosen,) = days
    await status.set_summary_day(turn.uow, account=turn.me, weekday=int(chosen), now=turn.now)
    await turn.reply(f"✅ Weekly summary day: <b>{chosen.name.title()}</b>.")


PRIVATE = filters.ChatType.PRIVATE
HANDLERS: list[BaseHandler[Update, BoneContext, None]] = [
    CommandHandler("pause", pause, filters=PRIVATE),
    CommandHandler("resume", resume, filters=PRIVATE),
    CommandHandler("stop", stop, filters=PRIVATE),
    CommandHandler("quiet", quiet, filters=PRIVATE),
    CommandHandler("summary", summary_day, filters=PRIVATE),
]
