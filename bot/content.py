"""The content catalogs the bot runs on, loaded and validated once at start."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from bot.domain.nutrition import DEFAULT_CATALOG_PATH, NutrientCatalog, load_catalog
from bot.domain.training_catalog import (
    DEFAULT_EXERCISES_PATH,
    ExerciseCatalog,
    load_exercise_catalog,
)


@dataclass(frozen=True)
class Content:
    """Exercise and nutrient catalogs (lessons and labs join them as they arrive)."""

    exercises: ExerciseCatalog
    nutrients: NutrientCatalog


@cache
def load_content() -> Content:
    """Load and validate every catalog; raises ValueError naming the broken file and field."""
    return Content(
        exercises=load_exercise_catalog(DEFAULT_EXERCISES_PATH),
        nutrients=load_catalog(DEFAULT_CATALOG_PATH),
    )
