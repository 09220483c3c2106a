"""How each scheduled prompt looks: the prompts service says what to send, this its form."""

from __future__ import annotations

from datetime import date
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.content import Content
from bot.scheduling.rendering import Outgoing
from bot.services.lab_nudges import LabMessage
from bot.services.prompts import (
    BroadcastText,
    CheckinStart,
    Prompt,
    RedFlagCheckIn,
    TrainingFollowUp,
    TrainingPrompt,
    WeeklySummary,
)
from handlers.callbacks import WeekChart
from handlers.views.checkin_prompt import step_keyboard, step_text
from handlers.views.labs import lab_message_text
from handlers.views.safety import check_in_keyboard, check_in_text
from handlers.views.texts import plural
from handlers.views.training_prompt import has_cleared_button, outcome_keyboard, prompt_text


def week_chart_button(summary_day: date) -> InlineKeyboardMarkup:
    """The weekly summary's one button: draw that week's chart on request."""
    button = InlineKeyboardButton(
        "📈 This week's chart", callback_data=WeekChart(summary_day).pack()
    )
    return InlineKeyboardMarkup([[button]])


FOLLOW_UP = "How did today's session go? One tap keeps your log honest — no pressure."


def format_prompt(prompt: Prompt, content: Content) -> Outgoing:
    """The message for a prompt: text and buttons."""
    match prompt:
        case TrainingPrompt(delivery_id, plan, why, ask_screen):
            markup = outcome_keyboard(
                delivery_id,
                training_day=plan.is_training_day,
                why=why,
                cleared_button=has_cleared_button(plan),
                screen=ask_screen,
            )
            return Outgoing(prompt_text(plan, content.exercises, screen=ask_screen), markup)
        case RedFlagCheckIn(delivery_id, day, check):
            return Outgoing(check_in_text(check.day, day), check_in_keyboard(delivery_id))
        case CheckinStart(delivery_id, day, weight_kg, why, has_usual, had_yesterday):
            catalog = content.nutrients
            markup = step_keyboard(
                catalog,
                delivery_id,
                0,
                weight_kg=weight_kg,
                why=why,
                usual=has_usual,
                yesterday=had_yesterday,
            )
            text = step_text(catalog, 0, day.strftime("%a %d %b"), shortcuts=has_usual)
            return Outgoing(text, markup)
        case TrainingFollowUp(training_delivery_id):
            return Outgoing(FOLLOW_UP, outcome_keyboard(training_delivery_id, training_day=True))
        case WeeklySummary():
            return _weekly(prompt)
        case BroadcastText(text):
            return Outgoing(escape(text))
        case LabMessage():
            return Outgoing(*lab_message_text(prompt))


def _weekly(summary: WeeklySummary) -> Outgoing:
    """The week in three lines, and a button for its chart."""
    week, streaks = summary.week, summary.streaks
    span = f"{week.start:%d %b}–{week.end:%d %b}"
    lines = [
        f"📅 <b>Your week, {escape(span)}</b>",
        f"🏋️ Training: {week.sessions_text}"
        + (f" · {week.lift_sets} sets logged" if week.lift_sets else ""),
        f"🥗 Check-ins: {week.checkin_days} of 7 days",
        f"🔥 Streaks: {plural(streaks.training, 'session')} · "
        f"{plural(streaks.checkins, 'check-in')}",
    ]
    # The chart is drawn when he taps for it: drawing one for every user would slow the
    # Sunday fan-out threefold and load matplotlib into every process (bench/RESULTS.md).
    return Outgoing("\n".join(lines), week_chart_button(summary.summary_day))
