"""/today (the plan and what is logged), /undo, /records."""

from __future__ import annotations

from html import escape

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler, filters

from bot.context import BoneContext
from bot.domain.training import format_load
from bot.services.day_overview import day_overview
from bot.services.lift_logs import records as lift_records
from bot.services.undo import undo_last
from handlers.kit import Turn, Who, handler
from handlers.views.checkin_prompt import STATUS_MARK
from handlers.views.texts import plural
from handlers.views.training_prompt import OUTCOME_LABELS, plan_text

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
    names = ", ".join(content.exercises.lift(k).name for k in sorted(day.lifts)) or "none yet"
    answer = OUTCOME_LABELS[day.outcome] if day.outcome else "not answered yet"
    streaks = day.streaks
    lines = [
        plan_text(day.plan, turn.content.exercises),
        "",
        f"<b>Training:</b> {answer}",
        f"<b>Lifts logged:</b> {escape(names)}",
        "<b>Nutrition:</b>",
        *(f"{STATUS_MARK.get(s.status.value, '·')} {escape(s.note)}" for s in day.nutrients),
        f"\n🏋️ This week: {day.week.text}",
        f"🔥 Streaks: {plural(streaks.training, 'session')} (best {streaks.training_best}) · "
        f"{plural(streaks.checkins, 'check-in')} (best {streaks.checkins_best})",
    ]
    await turn.reply("\n".join(lines))


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
        what = f"{turn.content.exercises.lift(undone.key).name} ({undone.detail})"
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
        await turn.reply("No lifts logged yet. Try /log squat 5x5 60kg after a session.")
        return
    unit = turn.me.weight_unit
    lines = ["🏆 <b>Your records</b>"]
    for lift in found:
        name = escape(turn.content.exercises.lift(lift.lift_key).name)
        best = lift.best
        lines.append(
            f"<b>{name}</b>: {escape(format_load(best.load_kg, unit))} × {best.reps}"
            f" ({best.day:%d %b})"
        )
        if lift.recent:
            shown = ", ".join(
                f"{escape(format_load(t.load_kg, unit))}×{t.reps} ({t.day:%d %b})"
                for t in lift.recent
            )
            lines.append(f"   recent: {shown}")
    await turn.reply("\n".join(lines))


HANDLERS: list[BaseHandler[Update, BoneContext, None]] = [
    CommandHandler("today", today, filters=PRIVATE),
    CommandHandler("undo", undo, filters=PRIVATE & filters.UpdateType.MESSAGE),
    CommandHandler("records", records, filters=PRIVATE),
]
