"""Everything /log accepts: the catalogue's exercises by name or alias, and his own lifts.

A name found in content/exercises.yaml (a plan lift, the jumps and their alternatives, a
carry, or one of the "other lifts") is logged under its catalogue key. Any other name is a
custom lift, stored as `custom:<name>` in a loose normal form (lower case, hyphens as
spaces, no apostrophes), so "Step-ups" and "step ups" are the same lift. Keys never seen
in the catalogue (an operator removed an exercise) still get a readable name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.domain.text import InvalidAnswer, quoted
from bot.domain.training.catalog import ExerciseCatalog
from bot.domain.training.catalog_parts import loose

CUSTOM_PREFIX = "custom:"
KEY_LENGTH = 32  # the stored lift key's size (training_set.lift_key)
MAX_CUSTOM_NAME = KEY_LENGTH - len(CUSTOM_PREFIX)
_CUSTOM_NAME = re.compile(r"[^\W_][\w' -]*", re.UNICODE)


@dataclass(frozen=True)
class Exercise:
    """An exercise as /log, /records and the reports see it."""

    key: str
    name: str
    bodyweight: bool  # logged by reps; a load, if typed, is extra weight
    custom: bool = False


def find_exercise(catalog: ExerciseCatalog, name: str) -> Exercise | None:
    """The catalogue exercise a typed name means (an alias or its name, any case), or None."""
    wanted = loose(name)
    if not wanted:
        return None
    names = dict(catalog.exercise_names())
    bodyweight = catalog.bodyweight_keys()
    candidates = (wanted, wanted.removesuffix("s")) if len(wanted) > 3 else (wanted,)
    for candidate in candidates:
        for key, aliases in catalog.exercise_aliases():
            if candidate in {loose(alias) for alias in aliases}:
                return Exercise(key, names[key], key in bodyweight)
        for key, full in names.items():
            if candidate == loose(full):
                return Exercise(key, full, key in bodyweight)
    return None


def custom_exercise(name: str) -> Exercise:
    """His own lift for a name the catalogue lacks; InvalidAnswer when it cannot be one."""
    cleaned = loose(name)
    if not _CUSTOM_NAME.fullmatch(cleaned):
        raise InvalidAnswer(
            f"“{quoted(name)}” doesn't look like an exercise name — use letters, e.g. bench press."
        )
    if len(cleaned) > MAX_CUSTOM_NAME:
        raise InvalidAnswer(
            f"Exercise names can be up to {MAX_CUSTOM_NAME} characters — "
            f"“{quoted(name)}” is longer. A shorter name works."
        )
    key = CUSTOM_PREFIX + cleaned
    return Exercise(key, name_for_key(key), bodyweight=False, custom=True)


def exercise_for_name(catalog: ExerciseCatalog, name: str) -> Exercise:
    """The catalogue's exercise for a typed name, else his own (custom) lift."""
    return find_exercise(catalog, name) or custom_exercise(name)


def exercise_for_key(catalog: ExerciseCatalog, key: str) -> Exercise:
    """The exercise a stored key names; never fails (a custom or retired key gets a name)."""
    names = dict(catalog.exercise_names())
    if key in names:
        return Exercise(key, names[key], key in catalog.bodyweight_keys())
    return Exercise(key, name_for_key(key), bodyweight=False, custom=key.startswith(CUSTOM_PREFIX))


def name_for_key(key: str) -> str:
    """'custom:bench press' → 'Bench press'; 'old_lift' → 'Old lift'."""
    words = key.removeprefix(CUSTOM_PREFIX).replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else "Exercise"
