"""Guided lift logging with buttons, set by set (each set its own load and reps), and the
older lift → sets × reps → load stepper still on earlier messages.

Everything half-chosen lives in the callback data, so nothing is stored until ✅. Loads
start from the day's prescribed load (rounded to a plate step) or the empty bar in his
unit, and step by plate pairs, so round numbers are reachable.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.context import BoneContext
from bot.domain.profile import WeightUnit
from bot.domain.training import (
    ExerciseCatalog,
    LiftLog,
    SetEntry,
    exercise_for_key,
    format_amount,
    format_load,
    from_unit,
)
from bot.domain.training.catalog_parts import Lift
from bot.domain.training.guided import SetStepper, big_step, start_load
from bot.services import lift_logs, training
from bot.services.deliveries import DeliveryView, answerable_delivery
from handlers.callbacks import GuidedLog, GuidedLogConfirm, GuidedSets, GuidedSetsSave, any_of
from handlers.kit import Turn, Who, handler
from handlers.views import texts
from handlers.views.training_prompt import answered_keyboard, set_stepper_keyboard

PRESCRIPTIONS = ((5, 5), (3, 5), (3, 8), (3, 10), (1, 5))
STEPS = {WeightUnit.KG: (-5.0, -2.5, 2.5, 5.0), WeightUnit.LB: (-10.0, -5.0, 5.0, 10.0)}
LIMITS = {WeightUnit.KG: (1.0, 500.0), WeightUnit.LB: (2.0, 1100.0)}


def record_line(name: str, record: SetEntry | None, unit: WeightUnit) -> str | None:
    """'🏆 New best squat: 70 kg × 3' (or '… 8 reps' for bodyweight work), if a record."""
    if record is None:
        return None
    what = (
        f"{record.reps} reps"
        if record.load_kg == 0
        else (f"{format_load(record.load_kg, unit)} × {record.reps}")
    )
    return f"🏆 New best {name.lower()}: {what}"


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
    lift = _plan_lift(turn.content.exercises, step.lift) if step is not None else None
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
        _, planned = await lift_logs.planned_load_kg(
            turn.uow,
            account=turn.me,
            delivery=delivery,
            lift_key=lift.key,
            catalog=turn.content.exercises,
        )
        tenths = round(start_load(turn.content.exercises, unit, planned) * 10)
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
    await _after_store(turn, delivery, name, logged)


def _plan_lift(catalog: ExerciseCatalog, key: str) -> Lift | None:
    """A plan lift by key (or by a name, as the earliest buttons carried)."""
    return next((lift for lift in catalog.lifts if lift.key == key), None) or (
        catalog.lift_for_name(key)
    )


async def _after_store(
    turn: Turn, delivery: DeliveryView, name: str, logged: lift_logs.LiftLogged
) -> None:
    """Say it is logged (and a new record), and tick the exercise off under the prompt."""
    record = record_line(name, logged.record, turn.me.weight_unit)
    await turn.answer((record or f"{name} logged.") if logged.new else "Already logged.")
    if logged.new:
        day = delivery.local_day
        lifts = await lift_logs.lifts_logged_on(turn.uow, account=turn.me, day=day)
        ask = await training.effort_wanted(turn.uow, account=turn.me, day=day)
        await turn.edit_markup(answered_keyboard(delivery.id, logged.plan, lifts, ask_effort=ask))


@handler(Who.MEMBER, stranger=texts.STALE_BUTTON)
async def on_guided_sets(turn: Turn) -> None:
    """Set by set: each tap redraws the buttons with the new state; ✅ stores the sets once."""
    catalog = turn.content.exercises
    tap = GuidedSets.unpack(turn.data) or GuidedSetsSave.unpack(turn.data)
    delivery = None
    if tap is not None:
        delivery = await answerable_delivery(
            turn.uow, account=turn.me, delivery_id=tap.delivery_id, today=turn.today
        )
    known = tap is not None and tap.lift in dict(catalog.exercise_names())
    if tap is None or delivery is None or not known or turn.message is None:
        await turn.answer(texts.STALE_BUTTON)
        return
    exercise = exercise_for_key(catalog, tap.lift)
    unit = turn.me.weight_unit
    if tap.state == "new":
        item, planned = await lift_logs.planned_load_kg(
            turn.uow, account=turn.me, delivery=delivery, lift_key=tap.lift, catalog=catalog
        )
        if item is None:  # not in that day's plan: not a button we sent
            await turn.answer(texts.STALE_BUTTON)
            return
        load = None if exercise.bodyweight else start_load(catalog, unit, planned)
        stepper = SetStepper.start(catalog, unit, load=load, reps=item.reps)
    else:
        decoded = SetStepper.decode(tap.state, catalog)
        if decoded is None:
            await turn.answer(texts.STALE_BUTTON)
            return
        stepper = decoded
    if isinstance(tap, GuidedSets):
        await turn.answer()
        markup = set_stepper_keyboard(
            delivery.id, exercise.key, exercise.name, stepper, big_step(catalog, stepper.unit)
        )
        await turn.edit_markup(markup)
        return
    log = LiftLog(lift_key=exercise.key, sets=stepper.sets(), entered_unit=stepper.unit)
    logged = await lift_logs.log_lift(
        turn.uow,
        account=turn.me,
        day=delivery.local_day,
        log=log,
        source_key=f"gs:{delivery.id}:{exercise.key}:{tap.state}",
        catalog=catalog,
        now=turn.now,
    )
    await _after_store(turn, delivery, exercise.name, logged)


HANDLERS: list[BaseHandler[Update, BoneContext, None]] = [
    CallbackQueryHandler(on_guided_log, pattern=any_of(GuidedLog, GuidedLogConfirm)),
    CallbackQueryHandler(on_guided_sets, pattern=any_of(GuidedSets, GuidedSetsSave)),
]
