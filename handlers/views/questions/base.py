"""The outcomes a question view can produce, and its buttons' callback data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain.profile import AnswerValue, Question
from bot.services.accounts import Account
from handlers.callbacks import QuestionAnswer


def button(label: str, question: Question, payload: str) -> InlineKeyboardButton:
    """One inline button answering `question` with `payload` ('q|<question>|<payload>')."""
    return InlineKeyboardButton(label, callback_data=QuestionAnswer(question.value, payload).pack())


@dataclass(frozen=True)
class Accept:
    """A valid answer to store."""

    value: AnswerValue


@dataclass(frozen=True)
class Redraw:
    """Stay on the question but redraw its buttons (a stepper or a toggle)."""

    markup: InlineKeyboardMarkup


@dataclass(frozen=True)
class Choose:
    """The typed answer was ambiguous: offer these buttons."""

    text: str
    markup: InlineKeyboardMarkup


@dataclass(frozen=True)
class Refuse:
    """A button press that cannot be accepted as it stands; the text says why."""

    text: str


@dataclass(frozen=True)
class RequestLocation:
    """He wants to share his location: show Telegram's location button."""


Outcome = Accept | Redraw | Choose | Refuse | RequestLocation


class QuestionView(Protocol):
    """Presentation and input reading for one question."""

    question: Question
    title: str

    def prompt(self, account: Account) -> str:
        """The question text (Telegram HTML)."""
        ...

    def keyboard(self, account: Account) -> InlineKeyboardMarkup:
        """Its buttons."""
        ...

    def read_text(self, text: str, account: Account, today: date) -> Outcome:
        """Read a typed answer; raise InvalidAnswer with a friendly message when unreadable."""
        ...

    def read_button(self, payload: str, account: Account, today: date) -> Outcome:
        """Read a button press; raise InvalidAnswer for a payload we never sent."""
        ...

    def describe(self, value: AnswerValue) -> str:
        """The stored answer in words, plain text (escaped by the caller)."""
        ...
