"""/today (the plan and what is logged), /undo, /records."""

from __future__ import annotations

from html import escape

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler, filters

from bot.context import BoneContext
from bot.db.log_queries import session_on, sets_of
from bot.domain.nutrition import assess_day
from bot.domain.profile import AgeBand
from bot.domain.training import format_load, personal_records, top_sets
from bot.services.nutrition import totals_on
from bot.services.streaks import streaks_for
from bot.services.training import history_from, lifts_logged_on, plan_for_day, weight_unit
from bot.services.undo import undo_last
from handlers.common import local_today, plural, resources, set_up_user
from handlers.prompts.checkin_prompt import STATUS_MARK
from handlers.prompts.training_prompt import OUTCOME_LABELS, plan_text

PRIVATE = filters.ChatType.PRIVATE


async def today(update: Update, context: BoneContext) -> None:
    """Today's plan, his answer, lifts and nutrients logged, and his streaks."""
    message = update.effective_message
    assert message is not None
    res = resources(context)
    async with res.sessions() as session:
        user = await set_up_user(session, update)
        if user is None:
            return
        assert user is not None and user.id is not None
        day = local_today(user, res.clock.now())
        plan = await plan_for_day(session, user=user, day=day, catalog=res.content.exercises)
        answer = await session_on(session, user_id=user.id, day=day)
        lifts = await lifts_logged_on(session, user=user, day=day)
        totals = await totals_on(session, user_id=user.id, day=day)
        statuses = assess_day(
            totals,
            age_band=AgeBand(user.age_band) if user.age_band else None,
            weight_kg=user.weight_kg,
            catalog=res.content.nutrients,
        )
        streaks = await streaks_for(session, user=user, today=day)
    names = ", ".join(res.content.exercises.lift(k).name for k in sorted(lifts)) or "none yet"
    lines = [
        plan_text(plan),
        "",
        f"<b>Training:</b> {OUTCOME_LABELS[answer.outcome] if answer else 'not answered yet'}",
        f"<b>Lifts logged:</b> {escape(names)}",
        "<b>Nutrition:</b>",
        *(f"{STATUS_MARK.get(s.status.value, '·')} {escape(s.note)}" for s in statuses),
        f"\n🔥 Streaks: {plural(streaks.training, 'session')} (best {streaks.training_best}) · "
        f"{plural(streaks.checkins, 'check-in')} (best {streaks.checkins_best})",
    ]
    await message.reply_text("\n".join(lines))


async def undo(update: Update, context: BoneContext) -> None:
    """Remove his last entry and say what it was."""
    message = update.effective_message
    assert message is not None
    res = resources(context)
    async with res.sessions() as session:
        user = await set_up_user(session, update)
        if user is None:
            return
        assert user is not None
        undone = await undo_last(
            session, user=user, message_id=message.message_id, now=res.clock.now()
        )
    if undone is None:
        await message.reply_text("Nothing to undo.")
        return
    if undone.kind == "lift":
        what = f"{res.content.exercises.lift(undone.key).name} ({undone.detail})"
    elif undone.kind == "nutrient":
        what = f"{res.content.nutrients.get(undone.key).name} {undone.detail}"
    else:
        what = f"training answer '{undone.detail}'"
    await message.reply_text(f"↩️ Removed {escape(what)} from {undone.day:%a %d %b}.")


async def records(update: Update, context: BoneContext) -> None:
    """Personal records and recent top sets per lift."""
    message = update.effective_message
    assert message is not None
    res = resources(context)
    async with res.sessions() as session:
        user = await set_up_user(session, update)
        if user is None:
            return
        assert user is not None and user.id is not None
        history = history_from(await sets_of(session, user_id=user.id))
    if not history:
        await message.reply_text("No lifts logged yet. Try /log squat 5x5 60kg after a session.")
        return
    unit = weight_unit(user)
    lines = ["🏆 <b>Your records</b>"]
    for lift_key, record in personal_records(history).items():
        name = escape(res.content.exercises.lift(lift_key).name)
        lines.append(
            f"<b>{name}</b>: {escape(format_load(record.load_kg, unit))} × {record.reps}"
            f" ({record.day:%d %b})"
        )
        recent = top_sets(history, lift_key, 3)
        if recent:
            shown = ", ".join(
                f"{escape(format_load(t.load_kg, unit))}×{t.reps} ({t.day:%d %b})" for t in recent
            )
            lines.append(f"   recent: {shown}")
    await message.reply_text("\n".join(lines))


HANDLERS: list[BaseHandler[Update, BoneContext, None]] = [
    CommandHandler("today", today, filters=PRIVATE),
    CommandHandler("undo", undo, filters=PRIVATE & filters.UpdateType.MESSAGE),
    CommandHandler("records", records, filters=PRIVATE),
]
