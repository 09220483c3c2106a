"""The content catalogs the bot runs on, loaded and validated once at start."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from bot.domain.labs import DEFAULT_LABS_PATH, LabCatalog, load_lab_catalog
from bot.domain.lesson_ranking import LessonIndex
from bot.domain.lessons_check import DEFAULT_LESSONS_DIR, load_lessons
from bot.domain.lessons_model import LessonLibrary
from bot.domain.nutrition import DEFAULT_CATALOG_PATH, NutrientCatalog, load_catalog
from bot.domain.red_flags import DEFAULT_RED_FLAGS_PATH, RedFlagCatalog, load_red_flags
from bot.domain.training_catalog import (
    DEFAULT_EXERCISES_PATH,
    ExerciseCatalog,
    load_exercise_catalog,
)


@dataclass(frozen=True)
class Content:
    """Exercise, nutrient and lab catalogs, the lessons with their index, and red flags."""

    exercises: ExerciseCatalog
    nutrients: NutrientCatalog
    lessons: LessonLibrary
    lesson_index: LessonIndex
    labs: LabCatalog
    red_flags: RedFlagCatalog


@cache
def load_content() -> Content:
    """Load and validate every catalog; raises ValueError naming the broken file and field."""
    lessons = load_lessons(DEFAULT_LESSONS_DIR)
    return Content(
        exercises=load_exercise_catalog(DEFAULT_EXERCISES_PATH),
        nutrients=load_catalog(DEFAULT_CATALOG_PATH),
        lessons=lessons,
        lesson_index=LessonIndex.build(lessons),
        labs=load_lab_catalog(DEFAULT_LABS_PATH),
        red_flags=load_red_flags(DEFAULT_RED_FLAGS_PATH),
    )
