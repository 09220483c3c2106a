"""Training days: toggle buttons for each weekday, a few presets, then Done."""

from __future__ import annotations

from datetime import date

from telegram import InlineKeyboardMarkup

from bot.domain.profile import (
    AnswerValue,
    Question,
    Weekday,
    describe,
    from_mask,
    parse_weekdays,
    to_mask,
)
from bot.domain.text import InvalidAnswer
from bot.services.accounts import Account
from handlers.views.questions.base import Accept, Outcome, Redraw, Refuse, button

PRESETS: tuple[tuple[str, int], ...] = (
    ("Mon · Thu", to_mask([Weekday.MON, Weekday.THU])),
    ("Tue · Fri", to_mask([Weekday.TUE, Weekday.FRI])),
    ("Mon · Wed · Fri", to_mask([Weekday.MON, Weekday.WED, Weekday.FRI])),
)
ALL_DAYS = 0b1111111


def _mask_from(text: str) -> int:
    """A days mask from a button payload; InvalidAnswer for one we never sent."""
    if not text.isdigit() or int(text) > ALL_DAYS:
        raise InvalidAnswer("That button is not one I sent.")
    return int(text)


class TrainingDaysView:
    """Presentation of the training days question."""

    question = Question.TRAINING_DAYS
    title = "Training days"

    def prompt(self, account: Account) -> str:
        """Ask for the days; two or three a week is the evidence-based dose."""
        return (
            "<b>Which days do you train?</b>\n"
            "Two or three sessions a week is plenty for bone. Tap days to tick them, then "
            "<b>Done</b> — or type them (e.g. <i>mon wed fri</i>)."
        )

    def keyboard(self, account: Account) -> InlineKeyboardMarkup:
        """The toggles, starting from his current days (or none)."""
        return self._markup(to_mask(account.training_days or ()))

    def _markup(self, mask: int) -> InlineKeyboardMarkup:
        """The day toggles for these days, the presets and Done."""
        chosen = from_mask(mask)
        toggles = [
            button(
                ("✅ " if day in chosen else "") + day.short, self.question, f"t{mask}.{int(day)}"
            )
            for day in Weekday
        ]
        presets = [button(label, self.question, f"p{value}") for label, value in PRESETS]
        count = len(chosen)
        done_label = f"Done ({count} day{'s' if count != 1 else ''})" if count else "Done"
        return InlineKeyboardMarkup(
            [toggles[:4], toggles[4:], presets, [button(done_label, self.question, f"ok{mask}")]]
        )

    def read_text(self, text: str, account: Account, today: date) -> Outcome:
        """Typed days such as 'mon wed fri', 'weekdays' or 'tue-thu'."""
        return Accept(parse_weekdays(text))

    def read_button(self, payload: str, account: Account, today: date) -> Outcome:
        """Toggle a day, apply a preset, or finish."""
        if payload.startswith("ok"):
            mask = _mask_from(payload[2:])
            if not mask:
                return Refuse("Pick at least one day first.")
            return Accept(from_mask(mask))
        if payload.startswith("p"):
            return Redraw(self._markup(_mask_from(payload[1:])))
        if payload.startswith("t") and "." in payload:
            mask_text, _, day_text = payload[1:].partition(".")
            mask = _mask_from(mask_text)
            if not day_text.isdigit() or int(day_text) > int(Weekday.SUN):
                raise InvalidAnswer("That button is not one I sent.")
            return Redraw(self._markup(mask ^ (1 << int(day_text))))
        raise InvalidAnswer("That button is not one I sent.")

    def describe(self, value: AnswerValue) -> str:
        """'Mon, Wed, Fri'."""
        assert isinstance(value, frozenset)
        return describe(to_mask(d for d in value if isinstance(d, Weekday)))
