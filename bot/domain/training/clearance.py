"""Who should train on the clinician-cleared path: no jumps or drop landings, no heavy floor
deadlift, supervised coaching first — until he says a clinician has cleared him.

Triggers (clinical-defaults 5a): a yes to the screen (osteoporosis, a spine fracture, a bone
broken in a fall from standing height or less, anything that stops him lifting), a logged DXA
T-score at or below the osteoporosis line, or a red flag in the last weeks. A clearance covers
the triggers before it; a new trigger after it puts him back on the path. Until he has
answered the screen at all, the path is the safe default.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from bot.domain.profile.values import ScreenFinding  # the screen is a profile question

__all__ = [
    "ClearanceReason",
    "ClearanceRules",
    "SafetyFacts",
    "ScreenFinding",
    "clearance_needed",
]


class ClearanceReason(StrEnum):
    """Why he is on the cleared path."""

    NOT_SCREENED = "not_screened"
    SCREEN = "screen"
    LOW_T_SCORE = "low_t_score"
    RED_FLAG = "red_flag"


@dataclass(frozen=True)
class ClearanceRules:
    """The catalogue's numbers: the T-score line and how long a red flag counts."""

    t_score_at_or_below: float
    red_flag_weeks: int


@dataclass(frozen=True)
class SafetyFacts:
    """What the bot knows: his screen, his clearance, DXA T-scores and red-flag days."""

    screened_on: date | None
    findings: frozenset[ScreenFinding] = frozenset()
    cleared_on: date | None = None
    t_scores: tuple[tuple[date, float], ...] = ()
    red_flag_days: tuple[date, ...] = field(default_factory=tuple)


def _triggers(
    facts: SafetyFacts, *, today: date, rules: ClearanceRules
) -> Iterable[tuple[date, ClearanceReason]]:
    if facts.screened_on is not None and facts.findings:
        yield facts.screened_on, ClearanceReason.SCREEN
    for day, score in facts.t_scores:
        if score <= rules.t_score_at_or_below:
            yield day, ClearanceReason.LOW_T_SCORE
    since = today - timedelta(weeks=rules.red_flag_weeks)
    for day in facts.red_flag_days:
        if since <= day <= today:
            yield day, ClearanceReason.RED_FLAG


def clearance_needed(
    facts: SafetyFacts, *, today: date, rules: ClearanceRules
) -> ClearanceReason | None:
    """The reason he should train on the cleared path today, or None for the full plan."""
    if facts.screened_on is None:
        return ClearanceReason.NOT_SCREENED
    open_triggers = sorted(
        (day, reason)
        for day, reason in _triggers(facts, today=today, rules=rules)
        if facts.cleared_on is None or day > facts.cleared_on
    )
    return open_triggers[-1][1] if open_triggers else None
