"""How lab messages look: nudges, prep reminders, result readings and the /labs table."""

from __future__ import annotations

from datetime import date
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain.labs import Lab, Reading, display_value
from bot.domain.profile import AgeBand, LabUnits
from bot.services.lab_nudges import LabMessage
from bot.services.labs import LabRow, LabValue
from handlers.callbacks import LabAction, LabBookedIn, LabSources

BOOK_IN_DAYS = (("Tomorrow", 1), ("In 3 days", 3), ("In a week", 7), ("In 2 weeks", 14))
BOOK, WEEK, DONE, OFF = "book", "week", "done", "off"  # the actions of a nudge's buttons
LEVEL_MARK = {"ok": "✅", "note": "ℹ️", "discuss": "🗣", "urgent": "⚠️"}


def _prep(lab: Lab, age_band: AgeBand | None) -> str:
    """The lab's preparation notes for his age as bullet lines ('' when there are none)."""
    return "\n".join(f"• {escape(n)}" for n in lab.notes_for("preparation", age_band))


def nudge_keyboard(lab_key: str) -> InlineKeyboardMarkup:
    """Booked / Remind me in a week / Already done / Not for me."""

    def b(label: str, action: str) -> InlineKeyboardButton:
        """One action's button."""
        return InlineKeyboardButton(label, callback_data=LabAction(lab_key, action).pack())

    return InlineKeyboardMarkup(
        [
            [b("📅 Booked", BOOK), b("⏰ Remind me in a week", WEEK)],
            [b("✅ Already done — enter result", DONE)],
            [b("Not for me", OFF)],
        ]
    )


def booking_keyboard(lab_key: str) -> InlineKeyboardMarkup:
    """When is the appointment?"""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(label, callback_data=LabBookedIn(lab_key, days).pack())
                for label, days in BOOK_IN_DAYS
            ]
        ]
    )


def lab_message_text(message: LabMessage) -> tuple[str, InlineKeyboardMarkup | None]:
    """Text and buttons for today's lab message."""
    lab, row = message.lab, message.row
    name = escape(lab.visit_name or lab.name)
    prep = _prep(lab, message.age_band)
    if message.kind == "prepare":
        text = f"🧪 <b>Tomorrow: {name}</b>\nHow to prepare:\n{prep or '• Nothing special.'}"
        return text, None
    if message.kind == "ask_result":
        booked = row.plan.booked_on if row.plan is not None else None
        day = f" (I'll date it {booked:%a %d %b} unless you add another date)" if booked else ""
        number = escape(lab.example.removeprefix(f"{lab.key} "))
        text = (
            f"🧪 <b>How did your {name} test go?</b>\nWhen you have the result, just type it, "
            f"e.g. <code>{number}</code>, or send it like <code>/lab {escape(lab.example)}</code>"
            f"{day}."
        )
        return text, InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(
                        "⏰ Not yet — ask in a week", callback_data=LabAction(lab.key, WEEK).pack()
                    )
                ]
            ]
        )
    due = row.due
    why = ""
    if due is not None:
        why = f"\n<i>Why now: {escape(due.reason)}"
        why += " — a default your prescriber may change.</i>" if due.is_default else ".</i>"
    text = (
        f"🧪 <b>Time to book: {name}</b>{why}\n"
        + (f"How to prepare:\n{prep}\n" if prep else "")
        + "Ask your prescriber to order it if it isn't already."
    )
    return text, nudge_keyboard(lab.key)


def reading_text(
    lab: Lab, result: LabValue, reading: Reading, prefs: LabUnits, *, corrected: bool
) -> tuple[str, InlineKeyboardMarkup]:
    """'✅ Saved: 25(OH)D 32 ng/mL (80 nmol/L) on 02 Nov 2026', a plain sentence or two, and
    a Sources button (the citations come when he asks for them)."""
    shown = display_value(result.value, lab, prefs, score_kind=result.score_kind)
    lead = "Corrected" if corrected else "Saved"
    lines = [
        f"{LEVEL_MARK.get(reading.level, '')} <b>{lead}: {escape(lab.name)} {escape(shown)}</b>"
        f" on {result.taken_on:%d %b %Y}",
        escape(reading.text),
    ]
    if reading.change:
        lines.append(f"Since last time: {escape(reading.change)}")
    if lab.ref_example is not None and result.ref_high is None:
        typed = lab.ref_example.split(" ref ")[-1]
        lines.append(
            f"Does your lab report print a range for {escape(lab.name)}? Type it (e.g. "
            f"<code>{escape(typed)}</code>) or send <code>/lab {escape(lab.ref_example)}</code>, "
            "and I'll compare with your lab's own limit."
        )
    lines.append("<i>Not a diagnosis.</i>")
    button = InlineKeyboardButton(
        "📚 Sources", callback_data=LabSources(lab.key, result.taken_on).pack()
    )
    return "\n".join(lines), InlineKeyboardMarkup([[button]])


def sources_text(reading: Reading) -> str:
    """The detail and source behind each part of a reading, one bullet each."""
    lines = ["<b>Sources</b>"]
    for citation in reading.citations:
        detail = citation.text[0].upper() + citation.text[1:]
        lines.append(f"• {escape(detail)}. <i>{escape(citation.source)}</i>")
    return "\n".join(lines)


def labs_table(rows: list[LabRow], prefs: LabUnits, today: date) -> str:
    """/labs: each lab, last value and date, next due date, status."""
    lines = ["🧪 <b>Your labs</b>"]
    for row in rows:
        lab = row.lab
        if row.last is not None:
            value = display_value(row.last.value, lab, prefs, score_kind=row.last.score_kind)
            last = f"{escape(value)} ({row.last.taken_on:%d %b %Y})"
        else:
            last = "no result yet"
        if row.plan is not None and not row.plan.active:
            status = "off"
        elif row.plan is not None and row.plan.booked_on is not None:
            status = f"booked for {row.plan.booked_on:%d %b}"
        elif row.plan is not None and row.plan.snoozed_until and row.plan.snoozed_until > today:
            status = f"reminder around {row.plan.snoozed_until:%d %b}"
        elif row.due is not None and row.due.due_on < today:
            status = f"overdue since {row.due.due_on:%d %b %Y}"
        elif row.due is not None and row.due.due_on == today:
            status = "due today"
        elif row.due is not None:
            status = f"due {row.due.due_on:%d %b %Y}"
        else:
            status = "—"
        lines.append(f"<b>{escape(lab.name)}</b>: {last} · {escape(status)}")
    lines.append(
        "\nEnter: <code>/lab vitd 32 ng/mL</code> · fix a wrong one: enter it again for the same "
        "date · remove: <code>/lab delete vitd</code> · own interval: "
        "<code>/lab every vitd 6 months</code> · started or changed anastrozole: "
        "<code>/lab changed</code> · started or changed testosterone: <code>/trt changed</code>"
    )
    return "\n".join(lines)
