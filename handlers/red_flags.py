"""A red flag in free text: an urgent medical-contact message instead of coaching."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from html import escape

from bot.domain.profile import AgeBand
from bot.domain.red_flags import detect
from bot.services.accounts import Account
from bot.services.safety import record_red_flag
from bot.services.status import hold_for_today
from handlers.kit import Turn

BAND_AGE = {
    AgeBand.UNDER_30: 18,
    AgeBand.B30_39: 30,
    AgeBand.B40_49: 40,
    AgeBand.B50_59: 50,
    AgeBand.B60_69: 60,
    AgeBand.B70_PLUS: 70,
}


def end_of_local_day(account: Account, now: datetime) -> datetime:
    """The next midnight on his clock, as an instant in the zone of `now`."""
    local = account.local_now(now)
    midnight = datetime.combine(local.date() + timedelta(days=1), time(0), local.tzinfo)
    return midnight.astimezone(now.tzinfo)


async def answer_red_flag(turn: Turn, text: str) -> bool:
    """If the text reports a red flag, answer with what to do now, hold today's prompts and
    record the event (the day and which flag, never his words)."""
    me = turn.maybe_me
    age = BAND_AGE.get(me.age_band) if me is not None and me.age_band else None
    match = detect(text, turn.content.red_flags, age=age)
    if match is None:
        return False
    await turn.reply(f"⚠️ <b>{escape(match.message)}</b>")
    if me is not None:
        today = me.today(turn.now)
        await record_red_flag(turn.uow, account=me, kind=match.key, today=today, now=turn.now)
        until = end_of_local_day(me, turn.now)
        turn.became(await hold_for_today(turn.uow, account=me, until=until, now=turn.now))
    return True
