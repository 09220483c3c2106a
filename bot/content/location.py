"""Where the content is: inside the installed package, or in an operator's CONTENT_DIR.

The repository keeps content/ at its top; the wheel carries it as the package
``bot.content.data`` (setup.py maps the folder). ``importlib.resources`` finds it in a wheel,
an editable install and a zip alike, so nothing depends on the working directory.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

PACKAGED: Traversable = files("bot.content.data")

EXERCISES = "exercises.yaml"
NUTRIENTS = "nutrients.yaml"
LABS = "labs.yaml"
RED_FLAGS = "red_flags.yaml"
RED_FLAG_MODEL = "red_flags_model.json"  # the second opinion: bot/content/red_flag_model.py
SECTIONS = "source_sections.yaml"
LESSONS = "lessons"
SOURCE_NAME = "bone-health-on-anastrozole.txt"  # a copy of shared/source/, for the copy check

DEFAULT_EXERCISES_PATH = PACKAGED / EXERCISES
DEFAULT_CATALOG_PATH = PACKAGED / NUTRIENTS
DEFAULT_LABS_PATH = PACKAGED / LABS
DEFAULT_RED_FLAGS_PATH = PACKAGED / RED_FLAGS
DEFAULT_RED_FLAG_MODEL_PATH = PACKAGED / RED_FLAG_MODEL
DEFAULT_SECTIONS_PATH = PACKAGED / SECTIONS
DEFAULT_LESSONS_DIR = PACKAGED / LESSONS
DEFAULT_SOURCE_PATH = PACKAGED / "source" / SOURCE_NAME


def content_root(directory: Path | None = None) -> Traversable:
    """The operator's content folder when one is set, else the packaged content."""
    return PACKAGED if directory is None else directory


def source_document(root: Traversable) -> Traversable:
    """The source document inside a content folder."""
    return root / "source" / SOURCE_NAME
