"""When he started anastrozole: a rough range by button, or a month or date typed."""

from __future__ import annotations

from datetime import date

from telegram import InlineKeyboardMarkup

from bot.domain.profile import AnswerValue, Question, StartDate, parse_start_month
from bot.domain.text import InvalidAnswer
from bot.services.accounts import Account
from handlers.views.questions.base import Accept, Outcome, button

# button payload -> (label, months ago used as the approximate start)
RANGES: dict[str, tuple[str, int]] = {
    "m0": ("This month", 0),
    "m2": ("1–3 months ago", 2),
    "m6": ("3–12 months ago", 6),
    "m18": ("Over a year ago", 18),
}


def months_before(today: date, months: int) -> date:
    """The first day of the month `months` before today's month."""
    index = today.year * 12 + today.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


class AnastrozoleSinceView:
    """Presentation of the start-date follow-up."""

    question = Question.ANASTROZOLE_SINCE
    title = "Anastrozole since"

    def prompt(self, account: Account) -> str:
        """Ask roughly when he started."""
        return (
            "<b>When did you start anastrozole?</b>\n"
            "Roughly is fine — tap a range, or type a month (e.g. <i>March 2025</i> or "
            "<i>2025-03</i>)."
        )

    def keyboard(self, account: Account) -> InlineKeyboardMarkup:
        """The ranges, two per row."""
        buttons = [button(label, self.question, key) for key, (label, _) in RANGES.items()]
        return InlineKeyboardMarkup([buttons[:2], buttons[2:]])

    def read_text(self, text: str, account: Account, today: date) -> Outcome:
        """A typed month or date, not in the future."""
        return Accept(StartDate(parse_start_month(text, today=today), approximate=False))

    def read_button(self, payload: str, account: Account, today: date) -> Outcome:
        """A range becomes an approximate month."""
        if payload not in RANGES:
            raise InvalidAnswer("That button is not one I sent.")
        return Accept(StartDate(months_before(today, RANGES[payload][1]), approximate=True))

    def describe(self, value: AnswerValue) -> str:
        """'about March 2025' or 'March 2025'."""
        assert isinstance(value, StartDate)
        shown = value.day.strftime("%B %Y")
        return f"about {shown}" if value.approximate else shown
