"""/usual: see, set or clear his usual daily stack ("my usual")."""

from __future__ import annotations

import re
from html import escape

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler, filters

from bot.context import BoneContext
from bot.domain.nutrition import parse_nutrient_entry
from bot.domain.text import InvalidAnswer
from bot.services.usual import clear_usual, save_usual, usual_of
from handlers.kit import Turn, Who, handler
from handlers.safety_gate import safety_gate
from handlers.views.checkin_prompt import SAVE_USUAL, TOOK_USUAL, usual_saved_text, usual_text
from handlers.views.texts import error_text

EXAMPLE = "d3 2000 IU, k2 100 µg, mag 200 mg"
HOW = (
    f"Set it with /usual {EXAMPLE} (what you take every day), or tap "
    f"<b>{SAVE_USUAL}</b> under a finished check-in."
)
_SPLIT = re.compile(r"\s*;\s*|,\s+(?=[^\d\s])|\s+and\s+(?=[^\d\s])")
_CLEAR = {"clear", "none", "delete", "remove", "off"}


@handler(Who.READY)
async def usual_command(turn: Turn) -> None:
    """Show his usual; `/usual d3 2000 IU, k2 100 µg` sets it; `/usual clear` forgets it."""
    catalog, text = turn.content.nutrients, turn.argument
    if text.casefold() in _CLEAR:
        await clear_usual(turn.uow, account=turn.me)
        await turn.reply("Your usual is cleared. " + HOW)
        return
    if not text:
        items = await usual_of(turn.uow, account=turn.me, catalog=catalog)
        if not items:
            await turn.reply(
                f"💊 No usual stack saved yet. {HOW} The check-in then starts with "
                f"<b>{TOOK_USUAL}</b>."
            )
            return
        shown = escape(usual_text(items, catalog, turn.me.weight_kg))
        await turn.reply(f"💊 <b>Your usual:</b> {shown}.\n{HOW} /usual clear forgets it.")
        return
    try:
        parsed = {}
        for part in _SPLIT.split(text):
            if part.strip():
                amount = parse_nutrient_entry(part, catalog, weight_kg=turn.me.weight_kg)
                parsed[amount.nutrient_key] = amount
    except InvalidAnswer as exc:
        if await safety_gate(turn, text):  # a red flag or a medicine question, not a stack
            return
        await turn.reply(f"{error_text(exc)} Nothing was saved. e.g. /usual {escape(EXAMPLE)}")
        return
    stack = [parsed[key] for key in catalog.keys if key in parsed]
    saved = await save_usual(turn.uow, account=turn.me, items=stack, catalog=catalog, now=turn.now)
    if not saved:
        await turn.reply("Nothing above zero to save. " + HOW)
        return
    await turn.reply(usual_saved_text(saved, catalog, turn.me.weight_kg))


HANDLERS: list[BaseHandler[Update, BoneContext, None]] = [
    CommandHandler(
        "usual", usual_command, filters=filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
    ),
]
