"""Body weight: typed (82 kg, 180 lb) or set with a stepper keyboard."""

from __future__ import annotations

from datetime import date

from telegram import InlineKeyboardMarkup

from bot.domain.profile import (
    KG_PER_LB,
    AnswerValue,
    Question,
    Weight,
    WeightUnit,
    parse_weight,
)
from bot.domain.text import InvalidAnswer
from bot.services.accounts import Account
from handlers.views.questions.base import Accept, Outcome, Redraw, button

LIMITS = {WeightUnit.KG: (35, 300), WeightUnit.LB: (77, 661)}
STEPS = (-5, -1, 1, 5)


def _start_value(account: Account) -> tuple[int, WeightUnit]:
    """Where the stepper starts: his weight in his unit, or 80 kg."""
    weight = account.weight
    if weight is None:
        return 80, WeightUnit.KG
    return round(weight.kg if weight.unit is WeightUnit.KG else weight.lb), weight.unit


def _parse_payload(text: str) -> tuple[int, WeightUnit]:
    """(value, unit) from a stepper payload such as '82.kg', kept within limits."""
    number, _, unit_text = text.partition(".")
    if not number.isdigit() or unit_text not in ("kg", "lb"):
        raise InvalidAnswer("That button is not one I sent.")
    unit = WeightUnit(unit_text)
    low, high = LIMITS[unit]
    return min(max(int(number), low), high), unit


class WeightView:
    """Presentation of the body weight question."""

    question = Question.WEIGHT
    title = "Body weight"

    def prompt(self, account: Account) -> str:
        """Ask for weight; it sets protein targets."""
        return (
            "<b>What do you weigh?</b>\n"
            "It sets your protein target. Type it (e.g. <i>82 kg</i> or <i>180 lb</i>), or "
            "adjust with the buttons and tap ✅."
        )

    def keyboard(self, account: Account) -> InlineKeyboardMarkup:
        """The stepper at his current weight (or a typical start)."""
        return self._markup(*_start_value(account))

    def _markup(self, value: int, unit: WeightUnit) -> InlineKeyboardMarkup:
        """The stepper at this value: steps, confirm, and the other unit."""
        low, high = LIMITS[unit]
        steps = [
            button(f"{step:+d}", self.question, f"s{min(max(value + step, low), high)}.{unit}")
            for step in STEPS
        ]
        other = WeightUnit.LB if unit is WeightUnit.KG else WeightUnit.KG
        converted = value / KG_PER_LB if other is WeightUnit.LB else value * KG_PER_LB
        return InlineKeyboardMarkup(
            [
                steps,
                [button(f"✅ {value} {unit}", self.question, f"ok{value}.{unit}")],
                [button(f"Use {other}", self.question, f"s{round(converted)}.{other}")],
            ]
        )

    def read_text(self, text: str, account: Account, today: date) -> Outcome:
        """A typed weight; a bare number uses his unit if we know it."""
        default = account.weight.unit if account.weight is not None else None
        return Accept(parse_weight(text, default))

    def read_button(self, payload: str, account: Account, today: date) -> Outcome:
        """Step, switch unit, or confirm."""
        if payload.startswith("ok"):
            value, unit = _parse_payload(payload[2:])
            kg = value if unit is WeightUnit.KG else value * KG_PER_LB
            return Accept(Weight(kg=kg, unit=unit))
        if payload.startswith("s"):
            return Redraw(self._markup(*_parse_payload(payload[1:])))
        raise InvalidAnswer("That button is not one I sent.")

    def describe(self, value: AnswerValue) -> str:
        """'82 kg' or '181 lb'."""
        assert isinstance(value, Weight)
        return value.display
