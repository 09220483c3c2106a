"""/log: a nutrient (/log calcium 1200mg) or a lift (/log squat 5x5 100kg), stored once."""

from __future__ import annotations

import re
from datetime import date
from html import escape

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Update
from telegram.ext import BaseHandler, CommandHandler, filters

from bot.content import Content
from bot.context import BoneContext, Resources
from bot.db.models import User
from bot.domain.nutrition import parse_nutrient_entry, warnings_for_entry
from bot.domain.profile import AgeBand
from bot.domain.text import InvalidAnswer
from bot.domain.training import format_load, parse_lift_log
from bot.services.nutrition import record_typed
from bot.services.training import log_lift, plan_for_day, weight_unit
from handlers.common import error_text, local_today, resources, set_up_user

ALREADY = "Already logged — nothing stored twice."
USAGE = (
    "Log a lift or a nutrient, e.g.\n/log squat 5x5 100kg\n/log calcium 1200mg\n"
    "/log protein 140g\n/log d3 2000 IU"
)
_NAME = re.compile(r"[^\W\d_][\w\- ]*?(?=\s*[\d.,]|$)")


def classify(text: str, content: Content) -> str | None:
    """'nutrient', 'lift' or None, from the name at the start of the entry."""
    match = _NAME.match(text.strip())
    if match is None:
        return None
    words = match.group(0).split()
    for size in range(min(len(words), 3), 0, -1):
        name = " ".join(words[:size])
        if content.nutrients.find(name) is not None:
            return "nutrient"
        if content.exercises.lift_for_name(name) is not None:
            return "lift"
    return None


async def _log_nutrient(
    session: AsyncSession, res: Resources, user: User, text: str, day: date, source: str
) -> str:
    amount = parse_nutrient_entry(text, res.content.nutrients, weight_kg=user.weight_kg)
    now = res.clock.now()
    total = await record_typed(
        session, user=user, day=day, amount=amount, source_key=source, now=now
    )
    if total is None:
        return ALREADY
    name = res.content.nutrients.get(amount.nutrient_key).name
    unit = escape(amount.unit)
    reply = f"✅ {escape(name)}: {amount.amount:g} {unit} logged. Today so far: {total:g} {unit}."
    age = AgeBand(user.age_band) if user.age_band else None
    for warning in warnings_for_entry(
        amount, catalog=res.content.nutrients, age_band=age, on_warfarin=None
    ):
        reply += f"\n⚠️ {escape(warning)}"
    return reply


async def _log_lift(
    session: AsyncSession, res: Resources, user: User, text: str, day: date, source: str
) -> str:
    catalog = res.content.exercises
    log = parse_lift_log(text, catalog, default_unit=weight_unit(user))
    plan = await plan_for_day(session, user=user, day=day, catalog=catalog)
    planned = next((i for i in plan.items if i.key == log.lift_key), None)
    now = res.clock.now()
    if not await log_lift(
        session, user=user, day=day, log=log, planned=planned, source_key=source, now=now
    ):
        return ALREADY
    top = format_load(max(s.load_kg for s in log.sets), log.entered_unit)
    name = escape(catalog.lift(log.lift_key).name)
    return f"✅ {name}: {len(log.sets)} sets, top {escape(top)} logged. /records shows your bests."


async def log_entry(update: Update, context: BoneContext) -> None:
    """Parse and store one /log line; a repeated delivery of the same message stores nothing."""
    message = update.effective_message
    assert message is not None
    text = " ".join(context.args or []).strip()
    res = resources(context)
    async with res.sessions() as session:
        user = await set_up_user(session, update)
        if user is None:
            return
        kind = classify(text, res.content) if text else None
        if kind is None:
            lead = "I don't know that one. " if text else ""
            await message.reply_text(lead + escape(USAGE))
            return
        day = local_today(user, res.clock.now())
        source = f"m:{message.message_id}"
        log = _log_nutrient if kind == "nutrient" else _log_lift
        try:
            reply = await log(session, res, user, text, day, source)
        except InvalidAnswer as exc:
            reply = f"{error_text(exc)} Nothing was stored."
        await message.reply_text(reply)


HANDLERS: list[BaseHandler[Update, BoneContext, None]] = [
    CommandHandler("log", log_entry, filters=filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE),
]
