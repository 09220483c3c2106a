"""Lessons, one import away: models, loading and checks, and search over them.

The parts live in lessons_model.py (models, library), lessons_check.py (loading, source
document checks, copying, coverage) and lesson_ranking.py (BM25 search, dose questions).
"""

from bot.domain.lesson_ranking import (
    MIN_CONFIDENT_SCORE,
    Hit,
    LessonIndex,
    is_confident,
    is_dose_question,
)
from bot.domain.lessons_check import (
    SourceSections,
    copy_overlaps,
    coverage,
    lesson_texts,
    source_problems,
)
from bot.domain.lessons_model import TOPICS, Lesson, LessonLibrary, LessonQuestion, Level, Topic

__all__ = [
    "MIN_CONFIDENT_SCORE",
    "TOPICS",
    "Hit",
    "Lesson",
    "LessonIndex",
    "LessonLibrary",
    "LessonQuestion",
    "Level",
    "SourceSections",
    "Topic",
    "copy_overlaps",
    "coverage",
    "is_confident",
    "is_dose_question",
    "lesson_texts",
    "source_problems",
]
