"""Safety texts and buttons: the check after a red flag, and the clinician's clearance."""

from __future__ import annotations

from datetime import date, timedelta
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from handlers.callbacks import CheckAnswerChoice, ClearedChoice, ClearedStep, RedFlagCheckTap

CHECK_LABELS = {
    CheckAnswerChoice.BETTER: "🙂 Better",
    CheckAnswerChoice.CHECKED: "🩺 Got checked",
    CheckAnswerChoice.STILL_BAD: "😣 Still bad",
}
CLEARED_QUESTION = "<b>Has a clinician cleared you for heavy lifting and jumps?</b>"
CLEARED_SAVED = (
    "✅ Noted: a clinician cleared you on {day}. From your next prompt you get the full plan "
    "again — start light and build up over weeks, and keep the technique you were taught."
)
CLEARED_NOT_YET = (
    "OK — the safer plan stays until a clinician clears you. Supervised sessions with a "
    "physiotherapist or qualified coach are the best way back to heavier work."
)
NOT_ON_PATH = (
    "You're on the full plan already, so there is nothing to clear — nothing was changed. "
    "If something changes (a diagnosis, a fracture, an injury), tell me with /screen."
)
SCREEN_FIRST = (
    "First, the safety question — your answer decides whether you need a clinician's OK "
    "before heavy lifting and jumps."
)
RESUMED = (
    "Glad to hear it. Training resumes today. Because of the red flag, your plan is the safer "
    "version for a while (no jumps or drop landings, no heavy floor deadlift) until a "
    "clinician clears you: send /cleared then."
)
STILL_HELD = (
    "Training stays on hold. Please get that checked — then tap Better or Got checked on "
    "my question."
)


def cleared_keyboard() -> InlineKeyboardMarkup:
    """Yes / Not yet."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    "Yes, I've been cleared", callback_data=ClearedStep(ClearedChoice.YES).pack()
                ),
                InlineKeyboardButton(
                    "Not yet", callback_data=ClearedStep(ClearedChoice.NOT_YET).pack()
                ),
            ]
        ]
    )


def check_in_text(flag_day: date, today: date) -> str:
    """'How are you after yesterday?' (or since a day further back)."""
    since = (
        "after yesterday" if flag_day == today - timedelta(days=1) else f"since {flag_day:%a %d %b}"
    )
    return (
        f"🩺 <b>How are you {escape(since)}?</b>\n"
        "You told me about something that needed medical attention, so today's training is "
        "on hold until you feel better or have been checked."
    )


def hold_line(flag_day: date, today: date) -> str:
    """/today's first line while training is held after a red flag."""
    when = "today" if flag_day == today else f"on {flag_day:%a %d %b}"
    how = (
        "Tomorrow morning I'll ask how you are"
        if flag_day == today
        else "Answer this morning's “How are you?” with Better or Got checked"
    )
    return (
        f"⏸ <b>Training is on hold</b> after what you told me {escape(when)}. "
        f"{how} and training resumes."
    )


def check_in_keyboard(delivery_id: int) -> InlineKeyboardMarkup:
    """Better / Got checked / Still bad."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(label, callback_data=RedFlagCheckTap(delivery_id, c).pack())
                for c, label in CHECK_LABELS.items()
            ]
        ]
    )
