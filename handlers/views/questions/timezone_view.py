"""Time zone: typed city or zone name, a few common zones as buttons, or a shared location."""

from __future__ import annotations

from datetime import date

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain.profile import AnswerValue, Question, ZoneName
from bot.domain.text import InvalidAnswer
from bot.geo.timezone_lookup import find_zones, is_valid_zone
from bot.services.accounts import Account
from handlers.views.questions.base import Accept, Choose, Outcome, RequestLocation, button

COMMON_ZONES: tuple[tuple[str, str], ...] = (
    ("London", "Europe/London"),
    ("Berlin / Paris", "Europe/Berlin"),
    ("New York", "America/New_York"),
    ("Chicago", "America/Chicago"),
    ("Denver", "America/Denver"),
    ("Los Angeles", "America/Los_Angeles"),
    ("Sydney", "Australia/Sydney"),
    ("Toronto", "America/Toronto"),
)
LOCATION_PAYLOAD = "loc"


class TimezoneView:
    """Presentation of the time zone question."""

    question = Question.TIMEZONE
    title = "Time zone"

    def prompt(self, account: Account) -> str:
        """Ask for the zone and say the three ways to answer."""
        return (
            "<b>Which time zone are you in?</b>\n"
            "So prompts arrive at your local time. Type a city near you (e.g. <i>Berlin</i>) "
            "or a zone name (<i>Europe/Berlin</i>), tap one below, or share your location."
        )

    def keyboard(self, account: Account) -> InlineKeyboardMarkup:
        """Common zones two per row, then the location button."""
        buttons = [button(label, self.question, zone) for label, zone in COMMON_ZONES]
        rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
        rows.append([button("📍 Share my location", self.question, LOCATION_PAYLOAD)])
        return InlineKeyboardMarkup(rows)

    def read_text(self, text: str, account: Account, today: date) -> Outcome:
        """One match is taken; several become buttons; none gets a retry message."""
        choices = find_zones(text)
        if not choices:
            raise InvalidAnswer(
                "I couldn't find a time zone for that. Try a big city near you "
                "(e.g. Berlin, Chicago) or a zone name like Europe/Berlin."
            )
        if len(choices) == 1:
            return Accept(ZoneName(choices[0].zone))
        rows: list[list[InlineKeyboardButton]] = [
            [button(choice.label, self.question, choice.zone)] for choice in choices
        ]
        return Choose("Which one do you mean?", InlineKeyboardMarkup(rows))

    def read_button(self, payload: str, account: Account, today: date) -> Outcome:
        """A zone button, or the request to share a location."""
        if payload == LOCATION_PAYLOAD:
            return RequestLocation()
        if not is_valid_zone(payload):
            raise InvalidAnswer("That time zone is not one I know.")
        return Accept(ZoneName(payload))

    def describe(self, value: AnswerValue) -> str:
        """The zone name."""
        assert isinstance(value, ZoneName)
        return value.name
