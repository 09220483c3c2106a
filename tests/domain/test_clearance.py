"""Who trains on the clinician-cleared path, and when a clearance lifts it."""

from __future__ import annotations

from datetime import date, timedelta

from bot.domain.training.clearance import (
    ClearanceReason,
    ClearanceRules,
    SafetyFacts,
    ScreenFinding,
    clearance_needed,
)

RULES = ClearanceRules(t_score_at_or_below=-2.5, red_flag_weeks=6)
DAY = date(2026, 12, 7)


def test_before_the_screen_is_answered_the_safe_path_is_the_default() -> None:
    """No screen answer yet: cleared path (not screened)."""
    assert (
        clearance_needed(SafetyFacts(None), today=DAY, rules=RULES) is ClearanceReason.NOT_SCREENED
    )


def test_all_no_and_nothing_else_gives_the_full_plan() -> None:
    """A screen of all no, no low T-score, no recent red flag: the full plan."""
    facts = SafetyFacts(DAY, t_scores=((DAY, -2.4),), red_flag_days=(DAY - timedelta(weeks=7),))
    assert clearance_needed(facts, today=DAY, rules=RULES) is None


def test_each_trigger_puts_him_on_the_path() -> None:
    """A yes, a T-score at −2.5, or a red flag within six weeks each need clearance."""
    for facts, reason in (
        (SafetyFacts(DAY, frozenset({ScreenFinding.SPINE_FRACTURE})), ClearanceReason.SCREEN),
        (SafetyFacts(DAY, t_scores=((DAY, -2.5),)), ClearanceReason.LOW_T_SCORE),
        (SafetyFacts(DAY, red_flag_days=(DAY - timedelta(weeks=6),)), ClearanceReason.RED_FLAG),
    ):
        assert clearance_needed(facts, today=DAY, rules=RULES) is reason


def test_a_clearance_covers_earlier_triggers_only() -> None:
    """Cleared after the yes: full plan; a red flag after the clearance: the path again."""
    yes = frozenset({ScreenFinding.OSTEOPOROSIS})
    cleared = SafetyFacts(DAY, yes, cleared_on=DAY + timedelta(days=3))
    assert clearance_needed(cleared, today=DAY + timedelta(days=4), rules=RULES) is None
    again = SafetyFacts(
        DAY, yes, cleared_on=DAY + timedelta(days=3), red_flag_days=(DAY + timedelta(days=10),)
    )
    later = DAY + timedelta(days=11)
    assert clearance_needed(again, today=later, rules=RULES) is ClearanceReason.RED_FLAG


def test_a_red_flag_counts_for_six_weeks() -> None:
    """A red flag more than six weeks ago no longer holds the path."""
    facts = SafetyFacts(DAY, red_flag_days=(DAY,))
    assert clearance_needed(facts, today=DAY + timedelta(weeks=6), rules=RULES) is not None
    assert clearance_needed(facts, today=DAY + timedelta(weeks=6, days=1), rules=RULES) is None
