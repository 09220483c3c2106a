"""/log: a nutrient (/log calcium 1200mg) or any exercise (/log squat 60x5 65x5 70x3,
/log jumping chin-ups 3x5, his own lifts by any name), stored once."""

from __future__ import annotations

import re
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

from bot.content import Content
from bot.context import BoneContext
from bot.domain.nutrition import (
    Nutrient,
    NutrientAmount,
    assess_amount,
    parse_nutrient_entry,
    range_options,
    warnings_for_entry,
)
from bot.domain.profile import WeightUnit
from bot.domain.text import InvalidAnswer
from bot.domain.training import (
    LIFT_LOG_EXAMPLES,
    LiftLog,
    find_exercise,
    format_amount,
    parse_lift_log,
    split_name,
    to_unit,
)
from bot.services.lift_logs import log_lift
from bot.services.nutrition import TappedToday, record_typed, tapped_today
from bot.services.usual import USUAL
from handlers.callbacks import LogMerge, MergeChoice
from handlers.kit import Turn, Who, handler
from handlers.lift_logging import record_line
from handlers.safety_gate import safety_gate
from handlers.views import texts
from handlers.views.checkin_prompt import STATUS_MARK
from handlers.views.texts import error_text

ALREADY = "Already logged — nothing stored twice."
Reply = tuple[str, InlineKeyboardMarkup | None]
NUTRIENT_EXAMPLES = ("calcium 1200mg", "protein 140g", "d3 2000 IU", "k2 100 µg", "omega-3 500 mg")
USAGE = "Log an exercise or a nutrient, e.g.\n" + "\n".join(
    f"/log {example}" for example in (*LIFT_LOG_EXAMPLES, *NUTRIENT_EXAMPLES)
)
_NUTRIENT_HINT = f" (A nutrient goes like /log {NUTRIENT_EXAMPLES[0]}.)"
_LONGEST_NAME = 4  # words in the longest nutrient name or alias ("omega 3 epa dha")
_NAME = re.compile(r"[^\W\d_][\w\- ]*?(?=\s*[\d.,]|$)")


def classify(text: str, content: Content) -> str | None:
    """'nutrient' or 'lift' from the name at the start of the entry (any name that is not a
    nutrient is an exercise, his own if the catalogue lacks it); None without a name."""
    words = text.split()
    for size in range(min(len(words), _LONGEST_NAME), 0, -1):
        # names with digits ("k2", "omega-3", "mk-7", "d3") are whole words
        if content.nutrients.find(" ".join(words[:size])) is not None:
            return "nutrient"
    match = _NAME.match(text.strip())
    if match is not None:
        words = match.group(0).split()
        for size in range(min(len(words), 3), 0, -1):
            if content.nutrients.find(" ".join(words[:size])) is not None:
                return "nutrient"
    name, _ = split_name(text)
    return "lift" if name else None


async def _log_nutrient(turn: Turn, text: str, source: str) -> Reply:
    """Store a typed nutrient amount; the reply with the day's verdict and any cautions. After
    taps today for that nutrient, ask first: replace them, or add to them?"""
    catalog = turn.content.nutrients
    amount = parse_nutrient_entry(text, catalog, weight_kg=turn.me.weight_kg)
    nutrient = catalog.get(amount.nutrient_key)
    tapped = await tapped_today(
        turn.uow, account=turn.me, day=turn.today, nutrient_key=amount.nutrient_key
    )
    if tapped is not None and turn.message is not None:
        return _replace_or_add(turn, nutrient, amount, tapped, turn.message.message_id)
    total = await record_typed(
        turn.uow, account=turn.me, day=turn.today, amount=amount, source_key=source, now=turn.now
    )
    return (ALREADY if total is None else _logged_text(turn, amount, total)), None


def _replace_or_add(
    turn: Turn, nutrient: Nutrient, amount: NutrientAmount, tapped: TappedToday, message_id: int
) -> Reply:
    """'You tapped 1000–2000 mg of Calcium today. Replace that with 1550 mg, or add it?'"""
    options = {o.key: o.label for o in range_options(nutrient, weight_kg=turn.me.weight_kg)}
    options[USUAL] = "your usual"
    bands = " and ".join(options.get(k, k) for k in tapped.range_keys)
    typed = f"{amount.amount:g} {amount.unit}"
    text = (
        f"You tapped <b>{escape(bands)}</b> for {escape(nutrient.name)} today. "
        f"Replace that with {escape(typed)}, or add {escape(typed)} to it?"
    )
    tenths = round(amount.amount * 10)

    def button(label: str, choice: MergeChoice) -> InlineKeyboardButton:
        data = LogMerge(message_id, nutrient.key, tenths, choice).pack()
        return InlineKeyboardButton(label, callback_data=data)

    keyboard = [
        [button(f"Replace with {typed}", MergeChoice.REPLACE), button("Add", MergeChoice.ADD)]
    ]
    return text, InlineKeyboardMarkup(keyboard)


def _logged_text(turn: Turn, amount: NutrientAmount, total: float) -> str:
    """'✅ Calcium: 1200 mg logged.' and the day's verdict from the one rule, plus cautions."""
    catalog = turn.content.nutrients
    nutrient = catalog.get(amount.nutrient_key)
    name, unit = escape(nutrient.name), escape(amount.unit)
    reply = f"✅ {name}: {amount.amount:g} {unit} logged."
    if amount.weekly:
        week = f"{amount.entered_value:g} {escape(amount.entered_unit.removesuffix('/wk'))}"
        reply = (
            f"✅ {name}: {week} a week is {amount.amount:g} {unit} a day on average — "
            f"logged as {amount.amount:g} {unit} for today."
        )
    day = assess_amount(nutrient, total, age_band=turn.me.age_band, weight_kg=turn.me.weight_kg)
    mark = STATUS_MARK.get(day.status.value, "·")
    reply += f"\n{mark} Today so far: {total:g} {unit} — {escape(day.verdict)}"
    for warning in warnings_for_entry(
        amount, catalog=catalog, age_band=turn.me.age_band, on_warfarin=None
    ):
        reply += f"\n⚠️ {escape(warning)}"
    return reply


@handler(Who.READY, stranger=texts.STALE_BUTTON)
async def on_log_merge(turn: Turn) -> None:
    """Replace or Add: store the typed amount once (its message id) and show the verdict."""
    merge = LogMerge.unpack(turn.data)
    catalog = turn.content.nutrients
    if merge is None or merge.nutrient not in catalog.keys:
        await turn.answer(texts.STALE_BUTTON)
        return
    unit = catalog.get(merge.nutrient).unit
    value = merge.tenths / 10
    amount = NutrientAmount(merge.nutrient, value, unit, value, unit)
    total = await record_typed(
        turn.uow,
        account=turn.me,
        day=turn.today,
        amount=amount,
        source_key=f"m:{merge.message_id}",
        now=turn.now,
        replace_taps=merge.choice is MergeChoice.REPLACE,
    )
    await turn.answer()
    if total is None:
        await turn.edit(ALREADY)
        return
    done = "Replaced. " if merge.choice is MergeChoice.REPLACE else "Added. "
    await turn.edit(done + _logged_text(turn, amount, total))


def sets_text(log: LiftLog) -> str:
    """'5×5 @ 100 kg', '60×5, 65×5, 70×3 kg', '3×5' or '5, 5, 4 reps' (bodyweight)."""
    unit = log.entered_unit
    pairs = [(round(to_unit(s.load_kg, unit), 1), s.reps) for s in log.sets]
    loads, reps = {load for load, _ in pairs}, [r for _, r in pairs]
    if loads == {0}:
        same = len(set(reps)) == 1
        return f"{len(reps)}×{reps[0]}" if same else ", ".join(map(str, reps)) + " reps"
    if len(pairs) == 1:
        return f"{format_amount(pairs[0][0])} {unit.value} × {reps[0]}"
    if len(set(pairs)) == 1:
        return f"{len(pairs)}×{reps[0]} @ {format_amount(pairs[0][0])} {unit.value}"
    shown = ", ".join(f"{format_amount(load)}×{r}" if load else f"×{r}" for load, r in pairs)
    return f"{shown} {unit.value}"


def _unit_of(log: LiftLog, fallback: WeightUnit) -> WeightUnit:
    return log.entered_unit if any(s.load_kg for s in log.sets) else fallback


async def _log_lift(turn: Turn, text: str, source: str) -> str:
    """Store a typed lift log; the reply with its sets and any new personal record."""
    catalog = turn.content.exercises
    try:
        log = parse_lift_log(text, catalog, default_unit=turn.me.weight_unit)
    except InvalidAnswer as exc:
        if find_exercise(catalog, split_name(text)[0]) is None:
            raise InvalidAnswer(str(exc) + _NUTRIENT_HINT) from None
        raise
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
    name = escape(logged.lift_name)
    sets = "1 set" if len(log.sets) == 1 else f"{len(log.sets)} sets"
    reply = f"✅ {name}: {sets} ({escape(sets_text(log))}) logged."
    record = record_line(logged.lift_name, logged.record, _unit_of(log, turn.me.weight_unit))
    return f"{reply}\n{escape(record)}" if record else f"{reply} /records shows your bests."


@handler(Who.READY)
async def log_entry(turn: Turn) -> None:
    """Parse and store one /log line; a repeated delivery of the same message stores nothing."""
    text = turn.argument
    kind = classify(text, turn.content) if text else None
    if kind is None and text and await safety_gate(turn, text):
        return  # not an entry: a red flag or a medicine question, answered by the gate
    if kind is None:
        lead = "I don't know that one. " if text else ""
        await turn.reply(lead + escape(USAGE))
        return
    assert turn.message is not None  # a command always comes in a message
    source = f"m:{turn.message.message_id}"
    markup = None
    try:
        if kind == "nutrient":
            reply, markup = await _log_nutrient(turn, text, source)
        else:
            reply = await _log_lift(turn, text, source)
    except InvalidAnswer as exc:
        if await safety_gate(turn, text):  # a red flag or a medicine question, not an entry
            return
        reply = f"{error_text(exc)} Nothing was stored."
    await turn.reply(reply, markup)


HANDLERS: list[BaseHandler[Update, BoneContext, None]] = [
    CommandHandler("log", log_entry, filters=filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE),
    CallbackQueryHandler(on_log_merge, pattern=LogMerge.pattern()),
]
