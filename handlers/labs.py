"""/labs, /lab and the buttons on lab nudges."""

from __future__ import annotations

import re
from datetime import date, timedelta
from html import escape

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

from bot.context import BoneContext
from bot.domain.labs import Lab, LabEntry, ReferenceRange, parse_lab_entry, parse_reference
from bot.domain.labs.awaiting import LabWait, parse_booking_date
from bot.domain.labs.calendar import booking_ics
from bot.domain.medication import is_medication_question
from bot.domain.profile import LabUnits
from bot.domain.text import InvalidAnswer
from bot.services import lab_plans, labs
from handlers.callbacks import LabAction, LabBookedIn, LabSources, any_of
from handlers.kit import Turn, Who, handler
from handlers.views import texts
from handlers.views.labs import (
    BOOK,
    BOOK_IN_DAYS,
    DONE,
    OFF,
    WEEK,
    booking_keyboard,
    labs_table,
    reading_text,
    sources_text,
)
from handlers.views.texts import error_text

PRIVATE = filters.ChatType.PRIVATE
EVERY = re.compile(
    r"^every\s+(\S+(?:\s\S+)?)\s+(\d{1,2})\s*(months?|mo|weeks?|w)$|^every\s+(.+)\s+default$"
)
USAGE = (
    "Send a result like <code>/lab vitd 32 ng/mL</code> or "
    "<code>/lab e2 55 pmol/L 2026-11-02</code>. /labs shows them all."
)
EVERY_USAGE = (
    "Send it like <code>/lab every vitd 6 months</code> or "
    "<code>/lab every vitd default</code>. Nothing was changed."
)
BOOKED_WHEN = "📅 When is it? Tap a button, or type the day (e.g. Friday or 12 March)."


def _prefs(turn: Turn) -> LabUnits:
    """The units he reads lab values in."""
    return turn.me.lab_units or LabUnits.CONVENTIONAL


@handler(Who.READY)
async def show_labs(turn: Turn) -> None:
    """/labs: each lab's last value, next due date and status."""
    rows = await labs.lab_rows(
        turn.uow, account=turn.me, catalog=turn.content.labs, today=turn.today
    )
    await turn.reply(labs_table(rows, _prefs(turn), turn.today))


@handler(Who.READY)
async def lab_command(turn: Turn) -> None:
    """/lab vitd 32 ng/mL [date] · /lab delete vitd · /lab every vitd 6 months · /lab changed."""
    text = turn.argument
    lowered = text.lower()
    if not text:
        await turn.reply(USAGE)
    elif lowered == "changed":
        turn.became(await labs.note_change(turn.uow, account=turn.me, day=turn.today, now=turn.now))
        await turn.reply(
            "Noted: anastrozole started or changed today. I'll remind you about the rechecks "
            f"that usually follow ({_rechecks(turn, 'dose_change')}); defaults your prescriber "
            "may change. /labs shows dates."
        )
    elif lowered.startswith("delete "):
        await _delete(turn, text[7:].strip())
    elif lowered.startswith("every "):
        await _set_interval(turn, lowered)
    else:
        await _enter(turn, text)


async def _enter(turn: Turn, text: str) -> None:
    """Store a typed result and read it back with its flags."""
    catalog = turn.content.labs
    try:
        reference = parse_reference(text, catalog)
        if reference is not None:
            await _enter_reference(turn, reference)
            return
        entry = parse_lab_entry(text, catalog, today=turn.today)
    except InvalidAnswer as exc:
        await turn.reply(f"{error_text(exc)} Nothing was stored.")
        return
    await _store_entry(turn, entry)


async def _store_entry(turn: Turn, entry: LabEntry) -> None:
    """Store a read result and send its reading."""
    catalog = turn.content.labs
    saved = await labs.enter_result(
        turn.uow, account=turn.me, entry=entry, catalog=catalog, now=turn.now
    )
    if saved.unchanged:
        await turn.reply("Already saved — nothing stored twice.")
        return
    text, markup = reading_text(
        saved.lab, saved.value, saved.reading, _prefs(turn), corrected=saved.corrected
    )
    if saved.lab.ref_example is not None and saved.value.ref_high is None:
        wait = LabWait("range", saved.lab.key)
        turn.became(await lab_plans.await_typed(turn.uow, account=turn.me, wait=wait, now=turn.now))
    if saved.booked_day:
        text += (
            f"\n<i>Dated your booked day. Another day? Send it again with the date, e.g. "
            f"<code>/lab {escape(saved.lab.example)} {saved.value.taken_on:%d.%m.%Y}</code>.</i>"
        )
    await turn.reply(text, markup)


async def _enter_reference(turn: Turn, reference: ReferenceRange) -> None:
    """/lab ctx ref 132-752: his lab's range, for his latest result of that lab."""
    saved = await labs.set_reference(
        turn.uow, account=turn.me, catalog=turn.content.labs, reference=reference, now=turn.now
    )
    if saved is None:
        lab = turn.content.labs.get(reference.lab_key)
        await turn.reply(
            f"You have no {escape(lab.name)} result yet. Send it with its range, like "
            f"<code>/lab {escape(lab.example)} ref …</code>. Nothing was stored."
        )
        return
    text, markup = reading_text(saved.lab, saved.value, saved.reading, _prefs(turn), corrected=True)
    await turn.reply(text, markup)


async def _delete(turn: Turn, name: str) -> None:
    """/lab delete vitd: remove his latest result of that lab."""
    lab = turn.content.labs.find(name)
    taken_on = await labs.delete_latest(turn.uow, account=turn.me, lab_key=lab.key) if lab else None
    if lab is None or taken_on is None:
        await turn.reply("Nothing to delete for that lab. /labs shows what you have.")
        return
    await turn.reply(f"Removed your {escape(lab.name)} result from {taken_on:%d %b %Y}.")


async def _set_interval(turn: Turn, text: str) -> None:
    """/lab every vitd 6 months (or 8 weeks, or default): his own interval for a lab."""
    match = EVERY.match(text)
    name = (match.group(1) or match.group(4)) if match else None
    lab = turn.content.labs.find(name) if name else None
    if match is None or lab is None:
        await turn.reply(EVERY_USAGE)
        return
    days: int | None = None
    if match.group(2):
        count = int(match.group(2))
        days = count * (7 if match.group(3).startswith("w") else 30)
        if not 14 <= days <= 3 * 365:
            await turn.reply("Pick between 2 weeks and 36 months. Nothing was changed.")
            return
    await lab_plans.set_interval(
        turn.uow, account=turn.me, lab_key=lab.key, days=days, now=turn.now
    )
    shown = f"every {days} days" if days else "the default schedule"
    await turn.reply(f"✅ {escape(lab.name)}: {shown}. /labs shows the next date.")


@handler(Who.MEMBER, stranger=texts.STALE_BUTTON)
async def on_lab_button(turn: Turn) -> None:
    """Booked / Remind me in a week / Already done / Not for me, and the booking date."""
    pressed = LabAction.unpack(turn.data) or LabBookedIn.unpack(turn.data)
    lab = turn.content.labs.find(pressed.lab) if pressed is not None else None
    message = turn.message
    if pressed is None or lab is None or message is None:
        await turn.answer(texts.STALE_BUTTON)
        return
    if isinstance(pressed, LabAction) and pressed.action == BOOK:
        await turn.answer()
        wait = LabWait("booked", lab.key)
        turn.became(await lab_plans.await_typed(turn.uow, account=turn.me, wait=wait, now=turn.now))
        asked = f"{message.text_html}\n\n{BOOKED_WHEN}"
        await turn.edit(asked, booking_keyboard(lab.key))
        return
    reply = await _act(turn, lab, pressed)
    if reply is None:
        await turn.answer(texts.STALE_BUTTON)
        return
    await turn.answer()
    await turn.edit(f"{message.text_html}\n\n{escape(reply)}")
    if isinstance(pressed, LabBookedIn):
        await _send_calendar(turn, lab, turn.today + timedelta(days=pressed.days))


def _same_visit(turn: Turn, lab: Lab) -> list[str]:
    """The lab and any lab done in the same scan (DXA spine and hip): one booking for all."""
    return [lab.key, *(other.key for other in turn.content.labs.labs if other.scan_with == lab.key)]


async def _book(turn: Turn, lab: Lab, day: date) -> str:
    """Book the test for `day` (and stop waiting for a typed day); the line that confirms it."""
    today = turn.today
    turn.became(await lab_plans.await_typed(turn.uow, account=turn.me, wait=None, now=turn.now))
    for key in _same_visit(turn, lab):
        await lab_plans.book(turn.uow, account=turn.me, lab_key=key, day=day, now=turn.now)
    reply = f"📅 {lab.visit_name or lab.name} booked for {day:%a %d %b}."
    notes = lab.notes_for("preparation", turn.me.age_band)
    if notes:
        reply += " How to prepare: " + " ".join(notes)
    if day > today + timedelta(days=1):
        reply += " I'll remind you the day before."
    return reply


async def _send_calendar(turn: Turn, lab: Lab, day: date) -> None:
    """The booking as a calendar file: the day, how to prepare, a reminder the day before."""
    title = f"{lab.visit_name or lab.name} test"
    ics = booking_ics(
        title=title,
        day=day,
        preparation=lab.notes_for("preparation", turn.me.age_band),
        uid=f"bonecoach-{turn.me.id}-{lab.key}-{day.isoformat()}@bonecoach",
        stamp=turn.now,
    )
    await turn.bot.send_document(
        turn.chat_id,
        ics,
        filename=f"{lab.key}-{day.isoformat()}.ics",
        caption="📅 Add it to your calendar: the day, how to prepare, a reminder the day before.",
    )


async def _drop_wait(turn: Turn) -> bool:
    """Stop waiting for a typed lab answer; False, for answer_typed's caller."""
    turn.became(await lab_plans.await_typed(turn.uow, account=turn.me, wait=None, now=turn.now))
    return False


async def answer_typed(turn: Turn, wait: LabWait, text: str) -> bool:
    """What he typed after a lab button: the result ("32 ng/mL yesterday") or the booked day.

    False (and the wait is dropped) for text with no number or day in it, or a medication
    question it can't read as the answer: he moved on, and the caller answers it as any other
    text (a medication question goes to the prescriber).
    """
    catalog = turn.content.labs
    lab = catalog.get(wait.lab_key) if wait.lab_key in catalog.keys else None
    if lab is None or not _about_a_day_or_value(text):
        return await _drop_wait(turn)
    if wait.kind == "range":
        try:
            reference = parse_reference(f"{lab.key} ref {text}", catalog)
        except InvalidAnswer as exc:
            if is_medication_question(text):
                return await _drop_wait(turn)
            await turn.reply(f"{error_text(exc)} Nothing was stored.")
            return True
        turn.became(await lab_plans.await_typed(turn.uow, account=turn.me, wait=None, now=turn.now))
        if reference is None:
            return False
        await _enter_reference(turn, reference)
        return True
    if wait.kind == "booked":
        try:
            day = parse_booking_date(text, today=turn.today)
        except InvalidAnswer as exc:
            if is_medication_question(text):
                return await _drop_wait(turn)
            await turn.reply(f"{error_text(exc)} Or tap a button above.")
            return True
        await turn.reply(escape(await _book(turn, lab, day)))
        await _send_calendar(turn, lab, day)
        return True
    said = text if catalog.find(text.split(" ")[0]) is not None else f"{lab.key} {text}"
    try:
        entry = parse_lab_entry(said, catalog, today=turn.today)
    except InvalidAnswer as exc:
        if is_medication_question(text):
            return await _drop_wait(turn)
        await turn.reply(
            f"{error_text(exc)} Nothing was stored. You can also send it like "
            f"<code>/lab {escape(lab.example)}</code>."
        )
        return True
    turn.became(await lab_plans.await_typed(turn.uow, account=turn.me, wait=None, now=turn.now))
    await _store_entry(turn, entry)
    return True


def _about_a_day_or_value(text: str) -> bool:
    """A number, or a word for a day ("friday", "tomorrow"): an answer, not a new topic."""
    words = re.findall(r"[a-z]+", text.lower())
    days = ("today", "tomorrow", "mon", "tue", "wed", "thu", "fri", "sat", "sun")
    return bool(re.search(r"\d", text)) or (
        len(words) <= 3 and any(w.startswith(days) for w in words)
    )


async def _act(turn: Turn, lab: Lab, pressed: LabAction | LabBookedIn) -> str | None:
    """Do what the button says; the line to add under the nudge (None: a stale button)."""
    account, key, now, today = turn.me, lab.key, turn.now, turn.today
    if isinstance(pressed, LabBookedIn):
        if pressed.days not in {days for _, days in BOOK_IN_DAYS}:
            return None
        return await _book(turn, lab, today + timedelta(days=pressed.days))
    if pressed.action == WEEK:
        until = today + timedelta(days=7)
        for same in _same_visit(turn, lab):
            await lab_plans.snooze(turn.uow, account=account, lab_key=same, until=until, now=now)
        return f"⏰ OK — I'll ask about {lab.visit_name or lab.name} again around {until:%a %d %b}."
    if pressed.action == DONE:
        wait = LabWait("result", key)
        turn.became(await lab_plans.await_typed(turn.uow, account=account, wait=wait, now=now))
        number = lab.example.removeprefix(f"{key} ")
        return f"Send the result, e.g. {number} (add the date if it wasn't today)."
    if pressed.action == OFF:
        for same in _same_visit(turn, lab):
            await lab_plans.stop_reminders(turn.uow, account=account, lab_key=same, now=now)
        return (
            f"{lab.name}: no more reminders. /labs still lists it; "
            f"/lab every {key} default turns them back on."
        )
    return None


TRT_USAGE = (
    "Send <code>/trt changed</code> on the day you start testosterone or your dose changes; "
    "I'll remind you about the rechecks that usually follow."
)


@handler(Who.READY)
async def trt_command(turn: Turn) -> None:
    """/trt changed (or started): testosterone started or its dose changed today."""
    if turn.argument.lower() not in {"changed", "started", "change", "start"}:
        await turn.reply(TRT_USAGE)
        return
    me = await labs.note_trt_change(turn.uow, account=turn.me, day=turn.today, now=turn.now)
    turn.became(me)
    await turn.reply(
        "Noted: testosterone started or changed today. I'll remind you about the rechecks "
        f"that usually follow ({_rechecks(turn, 'trt_change')}); defaults your prescriber may "
        "change. /labs shows dates."
    )


def _rechecks(turn: Turn, trigger: str) -> str:
    """ "hematocrit after about 13 weeks, …": the catalogue's rechecks after that change."""
    named = [
        f"{escape(_lower(lab.name))} after about {lab.schedule.recheck.days // 7} weeks"
        for lab in turn.content.labs.labs
        if lab.schedule.recheck is not None and trigger in lab.schedule.recheck.after
    ]
    return ", ".join(named)


def _lower(name: str) -> str:
    """ "Total testosterone" -> "total testosterone"; "CTX", "P1NP" stay as they are."""
    return name if name[:2].isupper() else name[0].lower() + name[1:]


@handler(Who.MEMBER, stranger=texts.STALE_BUTTON)
async def on_sources(turn: Turn) -> None:
    """📚 Sources under a reading: the detail and citations behind it, under the reading."""
    pressed = LabSources.unpack(turn.data)
    message = turn.message
    found = None
    if pressed is not None and message is not None:
        found = await labs.stored_reading(
            turn.uow,
            account=turn.me,
            catalog=turn.content.labs,
            lab_key=pressed.lab,
            taken_on=pressed.day,
        )
    if found is None or message is None:
        await turn.answer(texts.STALE_BUTTON)
        return
    await turn.answer()
    await turn.edit(f"{message.text_html}\n\n{sources_text(found.reading)}")


HANDLERS: list[BaseHandler[Update, BoneContext, None]] = [
    CommandHandler("labs", show_labs, filters=PRIVATE),
    CommandHandler("lab", lab_command, filters=PRIVATE & filters.UpdateType.MESSAGE),
    CommandHandler("trt", trt_command, filters=PRIVATE & filters.UpdateType.MESSAGE),
    CallbackQueryHandler(on_lab_button, pattern=any_of(LabAction, LabBookedIn)),
    CallbackQueryHandler(on_sources, pattern=LabSources.pattern()),
]
