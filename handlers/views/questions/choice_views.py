"""Questions answered by picking one option: age band, anastrozole use, lab units."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from telegram import InlineKeyboardMarkup

from bot.domain.profile import (
    AgeBand,
    AnastrozoleUse,
    AnswerValue,
    LabUnits,
    Question,
    parse_age,
    parse_anastrozole_use,
    parse_lab_units,
)
from bot.domain.text import InvalidAnswer
from bot.services.accounts import Account
from handlers.views.questions.base import Accept, Outcome, button

Option = tuple[str, AnswerValue]


class ChoiceView:
    """One question whose buttons each carry a value; typed answers go through a parser."""

    def __init__(
        self,
        question: Question,
        title: str,
        prompt: str,
        options: dict[str, Option],
        parse: Callable[[str], AnswerValue],
        per_row: int = 2,
    ) -> None:
        """A question, its title and prompt, its options by payload, and its parser."""
        self.question = question
        self.title = title
        self._prompt = prompt
        self._options = options
        self._parse = parse
        self._per_row = per_row

    def prompt(self, account: Account) -> str:
        """The fixed question text."""
        return self._prompt

    def keyboard(self, account: Account) -> InlineKeyboardMarkup:
        """One button per option."""
        buttons = [button(label, self.question, key) for key, (label, _) in self._options.items()]
        step = self._per_row
        return InlineKeyboardMarkup([buttons[i : i + step] for i in range(0, len(buttons), step)])

    def read_text(self, text: str, account: Account, today: date) -> Outcome:
        """Parse the typed answer."""
        return Accept(self._parse(text))

    def read_button(self, payload: str, account: Account, today: date) -> Outcome:
        """The option behind the button."""
        if payload not in self._options:
            raise InvalidAnswer("That button is not one I sent.")
        return Accept(self._options[payload][1])

    def describe(self, value: AnswerValue) -> str:
        """The option's label, or the value itself."""
        for label, option in self._options.values():
            if option == value:
                return label
        return str(value)


AGE_VIEW = ChoiceView(
    Question.AGE,
    "Age",
    "<b>How old are you?</b>\nAge changes calcium and vitamin D targets and how bone scans "
    "are read. Tap your age band or type your age.",
    {band.value: (band.label, band) for band in AgeBand},
    parse_age,
    per_row=3,
)

ANASTROZOLE_VIEW = ChoiceView(
    Question.ANASTROZOLE,
    "Anastrozole",
    "<b>Do you take anastrozole?</b>\nIt lowers estradiol, which matters for bone — it "
    "decides when lab reminders make sense. I never suggest doses.",
    {
        "yes": ("Yes, I take it", AnastrozoleUse.YES),
        "planned": ("Starting soon", AnastrozoleUse.PLANNED),
        "no": ("No", AnastrozoleUse.NO),
    },
    parse_anastrozole_use,
    per_row=3,
)

LAB_UNITS_VIEW = ChoiceView(
    Question.LAB_UNITS,
    "Lab units",
    "<b>Which units does your lab report use?</b>\nFor example vitamin D as ng/mL (common in "
    "the US) or nmol/L (SI, common in Europe). You can enter either later; this is how I show "
    "them.",
    {
        "conventional": ("ng/mL · pg/mL (US)", LabUnits.CONVENTIONAL),
        "si": ("nmol/L · pmol/L (SI)", LabUnits.SI),
    },
    parse_lab_units,
    per_row=1,
)
