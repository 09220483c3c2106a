"""/labs, /lab and the buttons on lab nudges."""

from __future__ import annotations

import re
from datetime import timedelta
from html import escape

from telegram import Message, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

from bot.context import BoneContext
from bot.db.models import User
from bot.db.user_queries import get_user
from bot.domain.labs import parse_lab_entry, read_result
from bot.domain.profile import AgeBand, LabUnits
from bot.domain.text import InvalidAnswer
from bot.services.labs import delete_latest, lab_rows, note_change, save_result, update_plan
from handlers import texts
from handlers.common import error_text, local_today, resources, sender_ids, set_up_user
from handlers.lab_views import booking_keyboard, labs_table, reading_text, score_kind

PRIVATE = filters.ChatType.PRIVATE
EVERY = re.compile(
    r"^every\s+(\S+(?:\s\S+)?)\s+(\d{1,2})\s*(months?|mo|weeks?|w)$|^every\s+(.+)\s+default$"
)


def _prefs(user: User) -> LabUnits:
    return LabUnits(user.lab_units) if user.lab_units else LabUnits.CONVENTIONAL


async def show_labs(update: Update, context: BoneContext) -> None:
    """/labs: each lab's last value, next due date and status."""
    message = update.effective_message
    assert message is not None
    res = resources(context)
    async with res.sessions() as session:
        user = await set_up_user(session, update)
        if user is None:
            return
        today = local_today(user, res.clock.now())
        rows = await lab_rows(session, user=user, catalog=res.content.labs, today=today)
    await message.reply_text(labs_table(rows, _prefs(user)))


async def lab_command(update: Update, context: BoneContext) -> None:
    """/lab vitd 32 ng/mL [date] · /lab delete vitd · /lab every vitd 6 months · /lab changed."""
    message = update.effective_message
    assert message is not None
    text = " ".join(context.args or []).strip()
    res = resources(context)
    catalog = res.content.labs
    async with res.sessions() as session:
        user = await set_up_user(session, update)
        if user is None:
            return
        now = res.clock.now()
        today = local_today(user, now)
        lowered = text.lower()
        if not text:
            await message.reply_text(
                "Send a result like <code>/lab vitd 32 ng/mL</code> or "
                "<code>/lab e2 55 pmol/L 2026-11-02</code>. /labs shows them all."
            )
            return
        if lowered == "changed":
            await note_change(session, user=user, day=today, now=now)
            await message.reply_text(
                "Noted: anastrozole started or changed today. I'll remind you about the "
                "rechecks that usually follow (estradiol after about 8 weeks). /labs shows dates."
            )
            return
        if lowered.startswith("delete "):
            lab = catalog.find(text[7:].strip())
            removed = await delete_latest(session, user=user, lab_key=lab.key) if lab else None
            if lab is None or removed is None:
                await message.reply_text(
                    "Nothing to delete for that lab. /labs shows what you have."
                )
                return
            await message.reply_text(
                f"Removed your {escape(lab.name)} result from {removed.taken_on:%d %b %Y}."
            )
            return
        if lowered.startswith("every "):
            await _set_interval(message, lowered, user, context)
            return
        try:
            entry = parse_lab_entry(text, catalog, today=today)
        except InvalidAnswer as exc:
            await message.reply_text(f"{error_text(exc)} Nothing was stored.")
            return
        saved = await save_result(session, user=user, entry=entry, now=now)
    if saved.unchanged:
        await message.reply_text("Already saved — nothing stored twice.")
        return
    lab = catalog.get(entry.lab_key)
    reading = read_result(
        lab,
        entry.value_canonical,
        age_band=AgeBand(user.age_band) if user.age_band else None,
        previous=saved.previous.value_canonical if saved.previous else None,
        baseline=saved.baseline.value_canonical if saved.baseline else None,
        score_kind=score_kind(saved.result),
        prefs=_prefs(user),
    )
    await message.reply_text(
        reading_text(lab, saved.result, reading, _prefs(user), corrected=saved.corrected)
    )


async def _set_interval(message: Message, text: str, user: User, context: BoneContext) -> None:
    res = resources(context)
    match = EVERY.match(text)
    name = (match.group(1) or match.group(4)) if match else None
    lab = res.content.labs.find(name) if name else None
    if match is None or lab is None:
        await message.reply_text(
            "Send it like <code>/lab every vitd 6 months</code> or "
            "<code>/lab every vitd default</code>. Nothing was changed."
        )
        return
    days: int | None = None
    if match.group(2):
        count = int(match.group(2))
        days = count * (7 if match.group(3).startswith("w") else 30)
        if not 14 <= days <= 3 * 365:
            await message.reply_text("Pick between 2 weeks and 36 months. Nothing was changed.")
            return
    async with res.sessions() as session:
        fresh = await get_user(session, telegram_id=user.telegram_id)
        assert fresh is not None
        await update_plan(
            session,
            user=fresh,
            lab_key=lab.key,
            now=res.clock.now(),
            custom_interval_days=days,
            active=True,
        )
    shown = f"every {days} days" if days else "the default schedule"
    await message.reply_text(f"✅ {escape(lab.name)}: {shown}. /labs shows the next date.")


async def on_lab_button(update: Update, context: BoneContext) -> None:
    """Booked / Remind me in a week / Already done / Not for me, and the booking date."""
    query = update.callback_query
    assert query is not None and query.data is not None
    parts = query.data.split("|")
    res = resources(context)
    lab = res.content.labs.find(parts[1]) if len(parts) == 3 else None
    message = query.message if isinstance(query.message, Message) else None
    async with res.sessions() as session:
        user = await get_user(session, telegram_id=sender_ids(update)[0])
        if user is None or lab is None or message is None:
            await query.answer(texts.STALE_BUTTON)
            return
        now = res.clock.now()
        today = local_today(user, now)
        action = parts[2]
        if parts[0] == "lbd" and action.isdigit() and int(action) in (1, 3, 7, 14):
            day = today + timedelta(days=int(action))
            await update_plan(session, user=user, lab_key=lab.key, now=now, booked_on=day)
            reply = f"📅 {lab.name} booked for {day:%a %d %b}."
            notes = [n.text for n in lab.notes if n.kind == "preparation"]
            if notes:
                reply += " How to prepare: " + " ".join(notes)
            if day > today + timedelta(days=1):
                reply += " I'll remind you the day before."
        elif action == "book":
            await query.answer()
            await message.edit_reply_markup(booking_keyboard(lab.key))
            return
        elif action == "week":
            until = today + timedelta(days=7)
            await update_plan(session, user=user, lab_key=lab.key, now=now, snoozed_until=until)
            reply = f"⏰ OK — I'll ask about {lab.name} again around {until:%a %d %b}."
        elif action == "done":
            reply = f"Send the result like /lab {lab.example} (add the date if it wasn't today)."
        elif action == "off":
            await update_plan(session, user=user, lab_key=lab.key, now=now, active=False)
            reply = (
                f"{lab.name}: no more reminders. /labs still lists it; "
                f"/lab every {lab.key} default turns them back on."
            )
        else:
            await query.answer(texts.STALE_BUTTON)
            return
    await query.answer()
    await message.edit_text(f"{message.text_html}\n\n{escape(reply)}")


HANDLERS: list[BaseHandler[Update, BoneContext, None]] = [
    CommandHandler("labs", show_labs, filters=PRIVATE),
    CommandHandler("lab", lab_command, filters=PRIVATE & filters.UpdateType.MESSAGE),
    CallbackQueryHandler(on_lab_button, pattern=r"^lbd?\|"),
]
