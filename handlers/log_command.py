"""/log: a nutrient (/log calcium 1200mg) or a lift (/log squat 5x5 100kg), stored once."""

from __future__ import annotations

import re
from html import escape

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler, filters

from bot.content import Content
from bot.context import BoneContext
from bot.domain.nutrition import parse_nutrient_entry, warnings_for_entry
from bot.domain.text import InvalidAnswer
from bot.domain.training import format_load, parse_lift_log
from bot.services.lift_logs import log_lift
from bot.services.nutrition import record_typed
from handlers.kit import Turn, Who, handler
from handlers.views.texts import error_text

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


async def _log_nutrient(turn: Turn, text: str, source: str) -> str:
    """Store a typed nutrient amount; the reply with the day's total and any warnings."""
    catalog = turn.content.nutrients
    amount = parse_nutrient_entry(text, catalog, weight_kg=turn.me.weight_kg)
    total = await record_typed(
        turn.uow, account=turn.me, day=turn.today, amount=amount, source_key=source, now=turn.now
    )
    if total is None:
        return ALREADY
    name = catalog.get(amount.nutrient_key).name
    unit = escape(amount.unit)
    reply = f"✅ {escape(name)}: {amount.amount:g} {unit} logged. Today so far: {total:g} {unit}."
    for warning in warnings_for_entry(
        amount, catalog=catalog, age_band=turn.me.age_band, on_warfarin=None
    ):
        reply += f"\n⚠️ {escape(warning)}"
    return reply


async def _log_lift(turn: Turn, text: str, source: str) -> str:
    """Store a typed lift log; the reply with its top set."""
    catalog = turn.content.exercises
    log = parse_lift_log(text, catalog, default_unit=turn.me.weight_unit)
    logged = await log_lift(
        turn.uow,
        account=turn.me,
        day=turn.today,
        log=log,
        source_key=source,
        catalog=catalog,
        now=turn.now,
    )
    if not logged.new:
        return ALREADY
    top = format_load(max(s.load_kg for s in log.sets), log.entered_unit)
    name = escape(logged.lift_name)
    return f"✅ {name}: {len(log.sets)} sets, top {escape(top)} logged. /records shows your bests."


@handler(Who.READY)
async def log_entry(turn: Turn) -> None:
    """Parse and store one /log line; a repeated delivery of the same message stores nothing."""
    text = turn.argument
    kind = classify(text, turn.content) if text else None
    if kind is None:
        lead = "I don't know that one. " if text else ""
        await turn.reply(lead + escape(USAGE))
        return
    assert turn.message is not None  # a command always comes in a message
    source = f"m:{turn.message.message_id}"
    log = _log_nutrient if kind == "nutrient" else _log_lift
    try:
        reply = await log(turn, text, source)
    except InvalidAnswer as exc:
        reply = f"{error_text(exc)} Nothing was stored."
    await turn.reply(reply)


HANDLERS: list[BaseHandler[Update, BoneContext, None]] = [
    CommandHandler("log", log_entry, filters=filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE),
]
