"""/today (the plan and what is logged), /undo, /records."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CommandHandler, filters

from bot.context import BoneContext
from bot.domain.profile import WeightUnit
from bot.domain.training import (
    LIFT_LOG_EXAMPLES,
    ExerciseCatalog,
    PersonalRecord,
    TopSet,
    exercise_for_key,
    format_load,
)
from bot.services.day_overview import day_overview
from bot.services.deliveries import sent_training_prompt
from bot.services.lift_logs import records as lift_records
from bot.services.training import effort_wanted
from bot.services.undo import undo_last
from handlers.kit import Turn, Who, handler
from handlers.views.checkin_prompt import STATUS_MARK
from handlers.views.safety import hold_line
from handlers.views.texts import plural
from handlers.views.training_prompt import (
    OUTCOME_LABELS,
    answered_keyboard,
    outcome_keyboard,
    plan_text,
    today_answer_line,
)

PRIVATE = filters.ChatType.PRIVATE


@handler(Who.READY)
async def today(turn: Turn) -> None:
    """Today's plan, his answer, lifts and nutrients logged, and his streaks."""
    content = turn.content
    day = await day_overview(
        turn.uow,
        account=turn.me,
        day=turn.today,
        exercises=content.exercises,
        nutrients=content.nutrients,
    )
    exercises = content.exercises
    names = ", ".join(exercise_for_key(exercises, k).name for k in sorted(day.lifts)) or "none yet"
    answer = OUTCOME_LABELS[day.outcome] if day.outcome else "not answered yet"
    streaks = day.streaks
    lines = [
        *([hold_line(day.held_since, turn.today), ""] if day.held_since else []),
        plan_text(day.plan, turn.content.exercises),
        "",
        today_answer_line(answer),
        f"<b>Lifts logged:</b> {escape(names)}",
        "<b>Nutrition:</b>",
        *(f"{STATUS_MARK.get(s.status.value, '·')} {escape(s.note)}" for s in day.nutrients),
        f"\n🏋️ This week: {day.week.text if day.week.planned else 'no sessions planned yet'}",
        f"🔥 Streaks: {plural(streaks.training, 'session')} (best {streaks.training_best}) · "
        f"{plural(streaks.checkins, 'check-in')} (best {streaks.checkins_best})",
    ]
    prompt = await sent_training_prompt(turn.uow, account=turn.me, day=turn.today)
    markup = None
    if prompt is not None:
        training = day.plan.is_training_day
        rows = list(outcome_keyboard(prompt.id, training_day=training).inline_keyboard)
        if training and day.outcome in ("done", "partly"):
            ask = await effort_wanted(turn.uow, account=turn.me, day=turn.today)
            keyboard = answered_keyboard(prompt.id, day.plan, day.lifts, ask_effort=ask)
            rows += keyboard.inline_keyboard
        markup = InlineKeyboardMarkup(rows)
    await turn.reply("\n".join(lines), markup)


@handler(Who.READY)
async def undo(turn: Turn) -> None:
    """Remove his last entry and say what it was."""
    assert turn.message is not None  # a command always comes in a message
    undone = await undo_last(
        turn.uow, account=turn.me, message_id=turn.message.message_id, now=turn.now
    )
    if undone is None:
        await turn.reply("Nothing to undo.")
        return
    if undone.kind == "lift":
        what = f"{exercise_for_key(turn.content.exercises, undone.key).name} ({undone.detail})"
    elif undone.kind == "nutrient":
        what = f"{turn.content.nutrients.get(undone.key).name} {undone.detail}"
    else:
        what = f"training answer '{undone.detail}'"
    await turn.reply(f"↩️ Removed {escape(what)} from {undone.day:%a %d %b}.")


@handler(Who.READY)
async def records(turn: Turn) -> None:
    """Personal records and recent top sets per lift."""
    found = await lift_records(turn.uow, account=turn.me)
    if not found:
        await turn.reply(
            f"No lifts logged yet. Try /log {escape(LIFT_LOG_EXAMPLES[0])} after a session."
        )
        return
    unit, catalog = turn.me.weight_unit, turn.content.exercises
    lines = ["🏆 <b>Your records</b>"]
    for lift in sorted(found, key=lambda r: _record_order(catalog, r.lift_key)):
        name = escape(exercise_for_key(catalog, lift.lift_key).name)
        best = lift.best
        lines.append(f"<b>{name}</b>: {escape(_set_text(best, unit))} ({best.day:%d %b})")
        if lift.recent:
            shown = ", ".join(
                f"{escape(_set_text(t, unit, short=True))} ({t.day:%d %b})" for t in lift.recent
            )
            lines.append(f"   recent: {shown}")
    await turn.reply("\n".join(lines))


def _record_order(catalog: ExerciseCatalog, key: str) -> tuple[int, str]:
    """Catalogue exercises in catalogue order, then his own lifts by name."""
    keys = [k for k, _ in catalog.exercise_names()]
    return (keys.index(key), "") if key in keys else (len(keys), key)


def _set_text(top: TopSet | PersonalRecord, unit: WeightUnit, *, short: bool = False) -> str:
    """'100 kg × 5' ('100 kg×5' short), or '8 reps' for a set without a load."""
    if top.load_kg == 0:
        return f"{top.reps} reps"
    return f"{format_load(top.load_kg, unit)}{'×' if short else ' × '}{top.reps}"


HANDLERS: list[BaseHandler[Update, BoneContext, None]] = [
    CommandHandler("today", today, filters=PRIVATE),
    CommandHandler("undo", undo, filters=PRIVATE & filters.UpdateType.MESSAGE),
    CommandHandler("records", records, filters=PRIVATE),
]
