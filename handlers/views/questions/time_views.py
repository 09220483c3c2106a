"""Prompt times: the training prompt and the evening nutrition check-in."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time

from telegram import InlineKeyboardMarkup

from bot.domain.profile import (
    EVENING_EARLIEST,
    AnswerValue,
    Question,
    check_evening_time,
    parse_clock_time,
)
from bot.domain.text import InvalidAnswer
from bot.services.accounts import Account
from handlers.views.questions.base import Accept, Outcome, button


def _payload(value: time) -> str:
    """A time as a button payload: '0730'."""
    return f"{value.hour:02d}{value.minute:02d}"


def _from_payload(payload: str) -> time:
    """The time behind a button; InvalidAnswer for one we never sent."""
    if len(payload) != 4 or not payload.isdigit():
        raise InvalidAnswer("That time button is not one I sent.")
    hour, minute = int(payload[:2]), int(payload[2:])
    if hour > 23 or minute > 59:
        raise InvalidAnswer("That time button is not one I sent.")
    return time(hour, minute)


class PromptTimeView:
    """A local time of day with a few suggested times as buttons."""

    def __init__(
        self,
        question: Question,
        title: str,
        ask: str,
        suggestions: tuple[int, ...],
        check: Callable[[time], time] | None = None,
        example: str = "07:30 or 6:45 pm",
    ):
        """A question, its title, what to ask, the suggested hours, and a check of the time
        (the check-in's evening window)."""
        self._check = check or (lambda value: value)
        self._example = example
        self.question = question
        self.title = title
        self._ask = ask
        self._suggestions = tuple(time(hour) for hour in suggestions)

    def prompt(self, account: Account) -> str:
        """Ask for the time in his own zone."""
        return f"<b>{self._ask}</b>\nYour local time — tap one or type it (e.g. {self._example})."

    def keyboard(self, account: Account) -> InlineKeyboardMarkup:
        """Suggested times, three per row."""
        buttons = [
            button(t.strftime("%H:%M"), self.question, _payload(t)) for t in self._suggestions
        ]
        return InlineKeyboardMarkup([buttons[i : i + 3] for i in range(0, len(buttons), 3)])

    def read_text(self, text: str, account: Account, today: date) -> Outcome:
        """A typed time like 07:30, 7.30 or 6:45 pm."""
        return Accept(self._check(parse_clock_time(text)))

    def read_button(self, payload: str, account: Account, today: date) -> Outcome:
        """A suggested time."""
        return Accept(self._check(_from_payload(payload)))

    def describe(self, value: AnswerValue) -> str:
        """HH:MM."""
        assert isinstance(value, time)
        return value.strftime("%H:%M")


TRAINING_TIME_VIEW = PromptTimeView(
    Question.TRAINING_TIME,
    "Training prompt",
    "When should your training prompt arrive?",
    (6, 7, 8, 12, 17, 18),
)
NUTRITION_TIME_VIEW = PromptTimeView(
    Question.NUTRITION_TIME,
    "Nutrition check-in",
    "When should your evening nutrition check-in arrive?",
    (18, 19, 20, 21, 22),
    check_evening_time,
    f"20:00 or 8 pm; from {EVENING_EARLIEST:%H:%M} to 23:59",
)
