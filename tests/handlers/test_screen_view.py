"""The safety screen's buttons: None of these in one tap, ticks, Done."""

from __future__ import annotations

from datetime import date

import pytest
from plain_account import plain_account

from bot.domain.profile import ScreenAnswer, ScreenFinding
from bot.domain.text import InvalidAnswer
from handlers.views.questions.base import Accept, Redraw, Refuse
from handlers.views.questions.screen_view import ScreenView, describe_findings

VIEW = ScreenView()
TODAY = date(2026, 3, 2)
ME = plain_account(pending="screen")


def test_none_of_these_is_one_tap() -> None:
    """The first button answers 'none of these' at once."""
    first = VIEW.keyboard(ME).inline_keyboard[0][0]
    assert first.text == "✅ None of these" and first.callback_data == "q|screen|none"
    assert VIEW.read_button("none", ME, TODAY) == Accept(ScreenAnswer(frozenset()))


def test_ticks_redraw_and_done_accepts_them() -> None:
    """A tick redraws with the finding ticked; Done stores what is ticked."""
    outcome = VIEW.read_button("t0.0", ME, TODAY)
    assert isinstance(outcome, Redraw)
    labels = [row[0].text for row in outcome.markup.inline_keyboard]
    assert "☑️ Osteoporosis" in labels and "Done (1 ticked)" in labels
    accepted = VIEW.read_button("ok5", ME, TODAY)
    expected = {ScreenFinding.OSTEOPOROSIS, ScreenFinding.FALL_FRACTURE}
    assert accepted == Accept(ScreenAnswer(frozenset(expected)))


def test_done_with_nothing_ticked_is_refused() -> None:
    """Done with no tick asks him to tick something or tap None of these."""
    assert isinstance(VIEW.read_button("ok0", ME, TODAY), Refuse)


@pytest.mark.parametrize("payload", ["ok16", "t0.4", "tx.1", "ok", "all", "t99.0"])
def test_buttons_we_never_sent_are_refused(payload: str) -> None:
    """Forged payloads raise the 'not one I sent' answer."""
    with pytest.raises(InvalidAnswer):
        VIEW.read_button(payload, ME, TODAY)


def test_answers_are_described_in_words() -> None:
    """'none of these', or the findings in plain words."""
    assert describe_findings(frozenset()) == "none of these"
    assert describe_findings(frozenset({ScreenFinding.SPINE_FRACTURE})) == "a spine fracture"
