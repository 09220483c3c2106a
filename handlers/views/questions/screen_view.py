"""The safety screen: one question, "None of these" in one tap, or tick what applies + Done."""

from __future__ import annotations

from datetime import date

from telegram import InlineKeyboardMarkup

from bot.domain.profile import AnswerValue, Question, ScreenAnswer, ScreenFinding, parse_screen
from bot.domain.text import InvalidAnswer
from bot.services.accounts import Account
from handlers.views.questions.base import Accept, Outcome, Redraw, Refuse, button

FINDINGS: tuple[ScreenFinding, ...] = tuple(ScreenFinding)
LABELS = {
    ScreenFinding.OSTEOPOROSIS: "Osteoporosis",
    ScreenFinding.SPINE_FRACTURE: "A spine fracture",
    ScreenFinding.FALL_FRACTURE: "Broke a bone in a minor fall",
    ScreenFinding.CANNOT_LIFT: "Something stops me lifting",
}
NONE_LABEL = "✅ None of these"
ALL = (1 << len(FINDINGS)) - 1
PROMPT = (
    "<b>One safety question before heavy lifting and jumps.</b>\n"
    "Has a clinician told you that you have <b>osteoporosis</b>? Have you had a <b>spine "
    "(vertebral) fracture</b>? Have you <b>broken a bone in a fall</b> from standing height or "
    "less? Does anything <b>stop you lifting</b>?\n"
    "None of them? Tap <b>None of these</b>. Otherwise tick what applies, then <b>Done</b>: "
    "you get a safer plan until a clinician clears you."
)
NOT_SENT = "That button is not one I sent."


def findings_of(mask: int) -> frozenset[ScreenFinding]:
    """The findings ticked in a mask (bit i: FINDINGS[i])."""
    return frozenset(f for i, f in enumerate(FINDINGS) if mask & (1 << i))


def mask_of(findings: frozenset[ScreenFinding]) -> int:
    """The mask of these findings."""
    return sum(1 << i for i, f in enumerate(FINDINGS) if f in findings)


def describe_findings(findings: frozenset[ScreenFinding]) -> str:
    """'none of these', or 'osteoporosis, a spine fracture'."""
    if not findings:
        return "none of these"
    return ", ".join(LABELS[f].lower() for f in FINDINGS if f in findings)


def _mask(text: str) -> int:
    if not text.isdigit() or int(text) > ALL:
        raise InvalidAnswer(NOT_SENT)
    return int(text)


class ScreenView:
    """Presentation of the safety screen."""

    question = Question.SCREEN
    title = "Safety screen"

    def prompt(self, account: Account) -> str:
        """The screen in plain words."""
        return PROMPT

    def keyboard(self, account: Account) -> InlineKeyboardMarkup:
        """None of these first; the findings to tick start from his last answer."""
        return self._markup(mask_of(account.screen_findings))

    def _markup(self, mask: int) -> InlineKeyboardMarkup:
        ticked = findings_of(mask)
        rows = [[button(NONE_LABEL, self.question, "none")]]
        for index, finding in enumerate(FINDINGS):
            label = ("☑️ " if finding in ticked else "▫️ ") + LABELS[finding]
            rows.append([button(label, self.question, f"t{mask}.{index}")])
        done = f"Done ({len(ticked)} ticked)" if ticked else "Done"
        rows.append([button(done, self.question, f"ok{mask}")])
        return InlineKeyboardMarkup(rows)

    def read_text(self, text: str, account: Account, today: date) -> Outcome:
        """'none', or the findings he names."""
        return Accept(parse_screen(text))

    def read_button(self, payload: str, account: Account, today: date) -> Outcome:
        """None of these, a tick, or Done."""
        if payload == "none":
            return Accept(ScreenAnswer(frozenset()))
        if payload.startswith("ok"):
            mask = _mask(payload[2:])
            if not mask:
                return Refuse("Tick what applies first — or tap None of these.")
            return Accept(ScreenAnswer(findings_of(mask)))
        if payload.startswith("t") and "." in payload:
            mask_text, _, index = payload[1:].partition(".")
            mask = _mask(mask_text)
            if not index.isdigit() or int(index) >= len(FINDINGS):
                raise InvalidAnswer(NOT_SENT)
            return Redraw(self._markup(mask ^ (1 << int(index))))
        raise InvalidAnswer(NOT_SENT)

    def describe(self, value: AnswerValue) -> str:
        """What he said yes to, in words."""
        assert isinstance(value, ScreenAnswer)
        return describe_findings(value.findings)
