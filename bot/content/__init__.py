"""The content the bot runs on: lessons and catalogues, loaded and validated once at start.

Content ships inside the package (see bot/content/location.py); an operator may point
CONTENT_DIR at a folder of his own with the same layout. Anything missing or broken is a
ContentError naming the file and the problem, and the bot does not start.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources.abc import Traversable

from bot.content.catalog_file import ContentError
from bot.content.catalogs import (
    load_catalog,
    load_exercise_catalog,
    load_lab_catalog,
    load_red_flags,
    load_source_sections,
)
from bot.content.lessons import LessonsError, load_lessons
from bot.content.location import (
    EXERCISES,
    LABS,
    LESSONS,
    NUTRIENTS,
    PACKAGED,
    RED_FLAGS,
    SECTIONS,
    content_root,
)
from bot.content.red_flag_model import red_flag_model_in
from bot.domain.labs import LabCatalog
from bot.domain.lessons import LessonIndex, LessonLibrary
from bot.domain.nutrition import NutrientCatalog
from bot.domain.red_flags import RedFlagCatalog
from bot.domain.training import ExerciseCatalog

__all__ = [
    "PACKAGED",
    "Content",
    "ContentError",
    "LessonsError",
    "content_root",
    "load_content",
]


@dataclass(frozen=True)
class Content:
    """Exercise, nutrient and lab catalogs, the lessons with their index, and red flags."""

    exercises: ExerciseCatalog
    nutrients: NutrientCatalog
    lessons: LessonLibrary
    lesson_index: LessonIndex
    labs: LabCatalog
    red_flags: RedFlagCatalog


_loaded: dict[str, Content] = {}  # by folder: the content is read once per process


def load_content(root: Traversable = PACKAGED) -> Content:
    """Every catalog under root, loaded and validated once; ContentError names file and problem."""
    if (content := _loaded.get(str(root))) is None:
        content = _loaded[str(root)] = _read(root)
    return content


def _read(root: Traversable) -> Content:
    sections = load_source_sections(root / SECTIONS)
    lessons = load_lessons(root / LESSONS, sections=sections.names)
    exercises = load_exercise_catalog(root / EXERCISES)
    unknown = [i for i in exercises.first_training_bites.lessons if lessons.get(i) is None]
    if unknown:
        raise ContentError(
            f"{EXERCISES}: first_training_bites names lessons that do not exist: "
            + ", ".join(unknown)
        )
    return Content(
        exercises=exercises,
        nutrients=load_catalog(root / NUTRIENTS),
        lessons=lessons,
        lesson_index=LessonIndex.build(lessons),
        labs=load_lab_catalog(root / LABS),
        red_flags=load_red_flags(root / RED_FLAGS, model=red_flag_model_in(root)),
    )
