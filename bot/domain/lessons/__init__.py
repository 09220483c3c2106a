"""Lessons: models and the library, which bite to show, search over them, and content checks.

model.py (models, library), schedule.py (today's bite, Leitner review), ranking.py (BM25
search), (dose questions live in bot.domain.medication),
source_sections.py (the source document's sections) and checks.py (copying, coverage).
"""

from bot.domain.lessons.checks import copy_overlaps, coverage, lesson_texts
from bot.domain.lessons.model import TOPICS, Lesson, LessonLibrary, LessonQuestion, Level, Topic
from bot.domain.lessons.ranking import MIN_CONFIDENT_SCORE, Hit, LessonIndex, is_confident
from bot.domain.lessons.schedule import (
    LEARNED_BOX,
    NUTRIENT_TOPIC,
    NUTRITION_TOPICS,
    TRAINING_TOPICS,
    after_answer,
    first_on_topic,
    pick_bite,
)
from bot.domain.lessons.source_sections import SourceSections, source_problems
from bot.domain.medication import is_dose_question

__all__ = [
    "LEARNED_BOX",
    "MIN_CONFIDENT_SCORE",
    "NUTRIENT_TOPIC",
    "NUTRITION_TOPICS",
    "TOPICS",
    "TRAINING_TOPICS",
    "Hit",
    "Lesson",
    "LessonIndex",
    "LessonLibrary",
    "LessonQuestion",
    "Level",
    "SourceSections",
    "Topic",
    "after_answer",
    "copy_overlaps",
    "coverage",
    "first_on_topic",
    "is_confident",
    "is_dose_question",
    "lesson_texts",
    "pick_bite",
    "source_problems",
]
