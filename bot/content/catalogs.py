"""The four catalogues and the source's section list, each read by the one catalogue loader."""

from __future__ import annotations

from importlib.resources.abc import Traversable

from bot.content.catalog_file import ContentError, load_model
from bot.content.location import (
    DEFAULT_CATALOG_PATH,
    DEFAULT_EXERCISES_PATH,
    DEFAULT_LABS_PATH,
    DEFAULT_RED_FLAG_MODEL_PATH,
    DEFAULT_RED_FLAGS_PATH,
    DEFAULT_SECTIONS_PATH,
)
from bot.content.red_flag_model import load_red_flag_model
from bot.domain.labs import LabCatalog, catalog_problems
from bot.domain.lessons import SourceSections
from bot.domain.nutrition import NutrientCatalog
from bot.domain.red_flags import RedFlagCatalog
from bot.domain.training import ExerciseCatalog


def load_exercise_catalog(file: Traversable = DEFAULT_EXERCISES_PATH) -> ExerciseCatalog:
    """content/exercises.yaml: lifts, impact work, carries, off-day doses, phases."""
    labels = {
        "lifts": "lift",
        "impact": "impact exercise",
        "carries": "carry",
        "off_day_doses": "off-day dose",
        "phases": "phase",
        "safety_notes": "safety note",
    }
    return load_model(file, ExerciseCatalog, labels=labels)


def load_catalog(file: Traversable = DEFAULT_CATALOG_PATH) -> NutrientCatalog:
    """content/nutrients.yaml: targets, limits, units and one-tap ranges per nutrient."""
    return load_model(file, NutrientCatalog, labels={"nutrients": "nutrient"})


def load_lab_catalog(file: Traversable = DEFAULT_LABS_PATH) -> LabCatalog:
    """content/labs.yaml: units, plausible ranges, schedules and flags per lab."""
    return load_model(file, LabCatalog, labels={"labs": "lab"}, checks=catalog_problems)


def load_red_flags(
    file: Traversable = DEFAULT_RED_FLAGS_PATH,
    model: Traversable | None = DEFAULT_RED_FLAG_MODEL_PATH,
) -> RedFlagCatalog:
    """content/red_flags.yaml: concepts, their phrases, and the flags built from them; with
    `model` (content/red_flags_model.json), the second opinion asked when no rule fires."""
    catalog = load_model(file, RedFlagCatalog, labels={"flags": "flag", "concepts": "concept"})
    if model is None:
        return catalog
    try:
        return catalog.with_second_opinion(load_red_flag_model(model))
    except ValueError as exc:
        raise ContentError(f"{model} does not fit {file}: {exc}") from None


def load_source_sections(file: Traversable = DEFAULT_SECTIONS_PATH) -> SourceSections:
    """content/source_sections.yaml: the source document's headings and tables."""
    return load_model(file, SourceSections, labels={})
