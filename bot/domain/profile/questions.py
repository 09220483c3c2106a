"""The profile questions, and the order onboarding asks them in."""

from __future__ import annotations

from enum import StrEnum

from bot.domain.profile.values import AnastrozoleUse


class Question(StrEnum):
    """One profile question; the value is short because it travels in callback data."""

    TIMEZONE = "tz"
    TRAINING_TIME = "ttime"
    NUTRITION_TIME = "ntime"
    TRAINING_DAYS = "days"
    WEIGHT = "weight"
    AGE = "age"
    ANASTROZOLE = "ai"
    ANASTROZOLE_SINCE = "aisince"
    LAB_UNITS = "units"
    SCREEN = "screen"


ONBOARDING_ORDER: tuple[Question, ...] = (
    Question.TIMEZONE,
    Question.TRAINING_TIME,
    Question.NUTRITION_TIME,
    Question.TRAINING_DAYS,
    Question.WEIGHT,
    Question.AGE,
    Question.ANASTROZOLE,
    Question.ANASTROZOLE_SINCE,
    Question.LAB_UNITS,
    Question.SCREEN,
)


def follow_up(answered: Question, *, anastrozole_use: str | None) -> Question | None:
    """A question that must follow this answer even outside onboarding."""
    if answered is Question.ANASTROZOLE and anastrozole_use == AnastrozoleUse.YES:
        return Question.ANASTROZOLE_SINCE
    return None


def next_onboarding_question(answered: Question, *, anastrozole_use: str | None) -> Question | None:
    """The question onboarding asks after `answered`, or None when onboarding is complete."""
    needed = follow_up(answered, anastrozole_use=anastrozole_use)
    if needed is not None:
        return needed
    index = ONBOARDING_ORDER.index(answered) + 1
    for question in ONBOARDING_ORDER[index:]:
        if question is Question.ANASTROZOLE_SINCE:
            continue  # asked only as a follow-up to "yes"
        return question
    return None


def onboarding_position(question: Question) -> tuple[int, int]:
    """(step number, total steps) for the "Step 3 of 8" line; the follow-up shares its step."""
    visible = [q for q in ONBOARDING_ORDER if q is not Question.ANASTROZOLE_SINCE]
    anchor = Question.ANASTROZOLE if question is Question.ANASTROZOLE_SINCE else question
    return visible.index(anchor) + 1, len(visible)
