"""Guided lift logging with buttons: pick a lift, its sets × reps, then the load with a stepper.

Everything half-chosen lives in the callback data, so nothing is stored until ✅.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.context import BoneContext
from bot.db.log_queries import sets_of
from bot.db.user_queries import get_user
from bot.domain.profile import WeightUnit
from bot.domain.training import LiftLog, SetEntry, format_amount, from_unit, to_unit
from bot.services.training import lifts_logged_on, log_lift, plan_for_day, weight_unit
from handlers import texts
from handlers.common import local_today, resources, sender_ids
from handlers.deliveries import own_delivery
from handlers.prompts.training_prompt import lift_log_keyboard

PRESCRIPTIONS = ((5, 5), (3, 5), (3, 8), (3, 10), (1, 5))
STEPS = {WeightUnit.KG: (-5.0, -2.5, 2.5, 5.0), WeightUnit.LB: (-10.0, -5.0, 5.0, 10.0)}
LIMITS = {WeightUnit.KG: (1.0, 500.0), WeightUnit.LB: (2.0, 1100.0)}
EMPTY_BAR_KG = 20.0


def _button(label: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=data)


def prescription_keyboard(delivery_id: int, lift: str, name: str) -> InlineKeyboardMarkup:
    """Step 2: sets × reps."""
    buttons = [_button(f"{s}×{r}", f"lg|{delivery_id}|{lift}|{s}x{r}") for s, r in PRESCRIPTIONS]
    return InlineKeyboardMarkup(
        [[_button(f"{name}: how many sets × reps?", f"lg|{delivery_id}|{lift}")], buttons]
    )


def load_keyboard(
    delivery_id: int, lift: str, name: str, prescription: str, tenths: int, unit: WeightUnit
) -> InlineKeyboardMarkup:
    """Step 3: the load, stepped in plate-sized jumps, then ✅."""
    low, high = LIMITS[unit]
    base = f"lg|{delivery_id}|{lift}|{prescription}"
    steps = [
        _button(f"{step:+g}", f"{base}|{round(min(max(tenths / 10 + step, low), high) * 10)}")
        for step in STEPS[unit]
    ]
    shown = f"{format_amount(tenths / 10)} {unit.value}"
    confirm = f"lk|{delivery_id}|{lift}|{prescription}|{tenths}"
    label = f"✅ {name} {prescription.replace('x', '×')} @ {shown}"
    return InlineKeyboardMarkup([steps, [_button(label, confirm)]])


def _parse(data: str) -> tuple[str, int, str, str | None, int | None] | None:
    parts = data.split("|")
    if len(parts) < 3 or parts[0] not in ("lg", "lk") or not parts[1].isdigit():
        return None
    prescription = parts[3] if len(parts) > 3 else None
    if prescription is not None:
        sets, _, reps = prescription.partition("x")
        if not (
            sets.isdigit() and reps.isdigit() and 1 <= int(sets) <= 10 and 1 <= int(reps) <= 30
        ):
            return None
    tenths = int(parts[4]) if len(parts) > 4 and parts[4].isdigit() else None
    return parts[0], int(parts[1]), parts[2], prescription, tenths


async def on_guided_log(update: Update, context: BoneContext) -> None:
    """Walk through lift → sets × reps → load; ✅ stores the sets once."""
    query = update.callback_query
    assert query is not None and query.data is not None
    parsed = _parse(query.data)
    res = resources(context)
    catalog = res.content.exercises
    async with res.sessions() as session:
        user = await get_user(session, telegram_id=sender_ids(update)[0])
        now = res.clock.now()
        delivery = None
        if parsed is not None and catalog.lift_for_name(parsed[2]) is not None:
            today = local_today(user, now)
            delivery = await own_delivery(session, user=user, delivery_id=parsed[1], today=today)
        message = query.message if isinstance(query.message, Message) else None
        if user is None or user.id is None or delivery is None or parsed is None or message is None:
            await query.answer(texts.STALE_BUTTON)
            return
        action, delivery_id, lift_key, prescription, tenths = parsed
        lift = catalog.lift_for_name(lift_key)
        assert lift is not None
        unit = weight_unit(user)
        if prescription is None:
            await query.answer()
            await message.edit_reply_markup(prescription_keyboard(delivery_id, lift.key, lift.name))
            return
        if tenths is None:
            history = [s for s in await sets_of(session, user_id=user.id) if s.lift_key == lift.key]
            start_kg = history[-1].load_kg if history else EMPTY_BAR_KG
            tenths = round(to_unit(start_kg, unit) * 10)
        if action == "lg":
            await query.answer()
            markup = load_keyboard(delivery_id, lift.key, lift.name, prescription, tenths, unit)
            await message.edit_reply_markup(markup)
            return
        sets, _, reps = prescription.partition("x")
        load_kg = from_unit(tenths / 10, unit)
        log = LiftLog(
            lift_key=lift.key,
            sets=[SetEntry(reps=int(reps), load_kg=load_kg) for _ in range(int(sets))],
            entered_unit=unit,
        )
        plan = await plan_for_day(session, user=user, day=delivery.local_day, catalog=catalog)
        planned = next((i for i in plan.items if i.key == lift.key), None)
        source = f"g:{delivery_id}:{lift.key}:{prescription}:{tenths}"
        new = await log_lift(
            session,
            user=user,
            day=delivery.local_day,
            log=log,
            planned=planned,
            source_key=source,
            now=now,
        )
        await query.answer(f"{lift.name} logged." if new else "Already logged.")
        if new:
            logged = await lifts_logged_on(session, user=user, day=delivery.local_day)
            await message.edit_reply_markup(lift_log_keyboard(delivery_id, plan, logged))


HANDLERS: list[BaseHandler[Update, BoneContext, None]] = [
    CallbackQueryHandler(on_guided_log, pattern=r"^l[gk]\|"),
]
