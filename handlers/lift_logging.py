"""Guided lift logging with buttons: pick a lift, its sets × reps, then the load with a stepper.

Everything half-chosen lives in the callback data, so nothing is stored until ✅.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.context import BoneContext
from bot.domain.profile import WeightUnit
from bot.domain.training import LiftLog, SetEntry, format_amount, from_unit, to_unit
from bot.services import lift_logs
from bot.services.deliveries import DeliveryView, answerable_delivery
from handlers.callbacks import GuidedLog, GuidedLogConfirm, any_of
from handlers.kit import Turn, Who, handler
from handlers.views import texts
from handlers.views.training_prompt import lift_log_keyboard

PRESCRIPTIONS = ((5, 5), (3, 5), (3, 8), (3, 10), (1, 5))
STEPS = {WeightUnit.KG: (-5.0, -2.5, 2.5, 5.0), WeightUnit.LB: (-10.0, -5.0, 5.0, 10.0)}
LIMITS = {WeightUnit.KG: (1.0, 500.0), WeightUnit.LB: (2.0, 1100.0)}
EMPTY_BAR_KG = 20.0


def _button(label: str, data: str) -> InlineKeyboardButton:
    """A button carrying callback data."""
    return InlineKeyboardButton(label, callback_data=data)


def prescription_keyboard(delivery_id: int, lift: str, name: str) -> InlineKeyboardMarkup:
    """Step 2: sets × reps."""
    buttons = [
        _button(f"{s}×{r}", GuidedLog(delivery_id, lift, f"{s}x{r}").pack())
        for s, r in PRESCRIPTIONS
    ]
    heading = _button(f"{name}: how many sets × reps?", GuidedLog(delivery_id, lift).pack())
    return InlineKeyboardMarkup([[heading], buttons])


def load_keyboard(
    delivery_id: int, lift: str, name: str, prescription: str, tenths: int, unit: WeightUnit
) -> InlineKeyboardMarkup:
    """Step 3: the load, stepped in plate-sized jumps, then ✅."""
    low, high = LIMITS[unit]
    steps = [
        _button(
            f"{step:+g}",
            GuidedLog(
                delivery_id, lift, prescription, round(min(max(tenths / 10 + step, low), high) * 10)
            ).pack(),
        )
        for step in STEPS[unit]
    ]
    shown = f"{format_amount(tenths / 10)} {unit.value}"
    confirm = GuidedLogConfirm(delivery_id, lift, prescription, tenths).pack()
    label = f"✅ {name} {prescription.replace('x', '×')} @ {shown}"
    return InlineKeyboardMarkup([steps, [_button(label, confirm)]])


def sets_and_reps(prescription: str) -> tuple[int, int] | None:
    """'5x5' → (5, 5); None outside 1–10 sets of 1–30 reps."""
    sets, _, reps = prescription.partition("x")
    if not (sets.isdigit() and reps.isdigit() and 1 <= int(sets) <= 10 and 1 <= int(reps) <= 30):
        return None
    return int(sets), int(reps)


@handler(Who.MEMBER, stranger=texts.STALE_BUTTON)
async def on_guided_log(turn: Turn) -> None:
    """Walk through lift → sets × reps → load; ✅ stores the sets once."""
    step = GuidedLog.unpack(turn.data) or GuidedLogConfirm.unpack(turn.data)
    lift = turn.content.exercises.lift_for_name(step.lift) if step is not None else None
    scheme = sets_and_reps(step.prescription) if step and step.prescription else None
    delivery = None
    if step is not None and lift is not None and (step.prescription is None or scheme):
        delivery = await answerable_delivery(
            turn.uow, account=turn.me, delivery_id=step.delivery_id, today=turn.today
        )
    if step is None or lift is None or delivery is None or turn.message is None:
        await turn.answer(texts.STALE_BUTTON)
        return
    if step.prescription is None or scheme is None:
        await turn.answer()
        await turn.edit_markup(prescription_keyboard(delivery.id, lift.key, lift.name))
        return
    unit = turn.me.weight_unit
    tenths = step.tenths
    if tenths is None:
        last = await lift_logs.last_load_kg(turn.uow, account=turn.me, lift_key=lift.key)
        tenths = round(to_unit(EMPTY_BAR_KG if last is None else last, unit) * 10)
    if isinstance(step, GuidedLog):
        await turn.answer()
        markup = load_keyboard(delivery.id, lift.key, lift.name, step.prescription, tenths, unit)
        await turn.edit_markup(markup)
        return
    await _store(turn, delivery, (lift.key, lift.name), step.prescription, scheme, tenths)


async def _store(
    turn: Turn,
    delivery: DeliveryView,
    lift: tuple[str, str],
    prescription: str,
    scheme: tuple[int, int],
    tenths: int,
) -> None:
    """✅ tapped: store the sets once and tick the lift off on the prompt."""
    unit = turn.me.weight_unit
    (key, name), (sets, reps) = lift, scheme
    load_kg = from_unit(tenths / 10, unit)
    log = LiftLog(
        lift_key=key,
        sets=[SetEntry(reps=reps, load_kg=load_kg) for _ in range(sets)],
        entered_unit=unit,
    )
    logged = await lift_logs.log_lift(
        turn.uow,
        account=turn.me,
        day=delivery.local_day,
        log=log,
        source_key=f"g:{delivery.id}:{key}:{prescription}:{tenths}",
        catalog=turn.content.exercises,
        now=turn.now,
    )
    await turn.answer(f"{name} logged." if logged.new else "Already logged.")
    if logged.new:
        lifts = await lift_logs.lifts_logged_on(turn.uow, account=turn.me, day=delivery.local_day)
        await turn.edit_markup(lift_log_keyboard(delivery.id, logged.plan, lifts))


HANDLERS: list[BaseHandler[Update, BoneContext, None]] = [
    CallbackQueryHandler(on_guided_log, pattern=any_of(GuidedLog, GuidedLogConfirm)),
]
