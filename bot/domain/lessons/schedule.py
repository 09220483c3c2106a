"""Which bite to show today, and when a question comes back (Leitner boxes)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from bot.domain.lessons.model import Lesson

# Box 0, 1 and 2 come back after these many days; a right answer in box 2 moves to box 3:
# learned, never asked again. A wrong answer goes back to box 0.
REVIEW_AFTER_DAYS = (1, 3, 7)
LEARNED_BOX = len(REVIEW_AFTER_DAYS)

TRAINING_TOPICS = frozenset(
    {"loading", "resistance", "impact", "mechanostat", "sclerostin-wnt", "safety"}
)
NUTRITION_TOPICS = frozenset({"calcium-vitamin-d", "k2", "magnesium", "protein", "omega-3"})
NUTRIENT_TOPIC = {
    "calcium": "calcium-vitamin-d",
    "vitamin_d": "calcium-vitamin-d",
    "k2": "k2",
    "magnesium": "magnesium",
    "protein": "protein",
    "omega3": "omega-3",
}


def after_answer(box: int | None, *, correct: bool, today: date) -> tuple[int, date | None]:
    """The new box and review date after answering a lesson's question."""
    if not correct:
        return 0, today + timedelta(days=REVIEW_AFTER_DAYS[0])
    new_box = min((box if box is not None else -1) + 1, LEARNED_BOX)
    if new_box >= LEARNED_BOX:
        return LEARNED_BOX, None
    return new_box, today + timedelta(days=REVIEW_AFTER_DAYS[new_box])


def pick_bite(
    lessons: Sequence[Lesson], seen: Mapping[str, date], preferred: frozenset[str]
) -> Lesson | None:
    """The next bite: unseen on today's topics first, then any unseen (basics before depth);
    once all are seen, the one on today's topics he saw longest ago."""
    unseen = [lesson for lesson in lessons if lesson.id not in seen]
    on_topic = [lesson for lesson in unseen if preferred & set(lesson.topics)]
    if on_topic or unseen:
        return (on_topic or unseen)[0]
    pool = [lesson for lesson in lessons if preferred & set(lesson.topics)] or list(lessons)
    return min(pool, key=lambda lesson: (seen[lesson.id], lesson.id), default=None)


def first_on_topic(
    lessons: Sequence[Lesson], topic: str, seen: Mapping[str, date]
) -> Lesson | None:
    """The first unseen lesson on a topic (by level), else its first lesson."""
    matching = [lesson for lesson in lessons if topic in lesson.topics]
    return next((x for x in matching if x.id not in seen), matching[0] if matching else None)
