"""The red-flag second opinion's weights (content/red_flags_model.json) and their fingerprint.

The model is trained from the phrase sets by bot/content/red_flag_training.py
(`make red-flag-model`). Its fingerprint hashes what it was trained on: the feature version,
the red-flag catalogue and every phrase file. tests/domain/test_red_flag_model.py recomputes
it, so a change to the catalogue or a phrase set without retraining fails the tests.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from importlib.resources.abc import Traversable

from bot.content.catalog_file import ContentError, read_text
from bot.content.location import RED_FLAG_MODEL
from bot.domain.red_flags.second_opinion import FEATURE_VERSION, SecondOpinion, parse_model


def red_flag_model_in(root: Traversable) -> Traversable | None:
    """A content folder's red-flag model; a folder without one runs on the rules alone."""
    model = root / RED_FLAG_MODEL
    return model if model.is_file() else None


def load_red_flag_model(file: Traversable) -> SecondOpinion:
    """The model in `file`; ContentError naming the file when it is missing or broken."""
    text = read_text(file)
    try:
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("expected a JSON object")
        return parse_model(data)
    except ValueError as exc:
        raise ContentError(f"{file} is invalid: {exc}") from None


def fingerprint(catalogue: Traversable, phrase_files: Iterable[Traversable]) -> str:
    """sha256 of the feature version, the catalogue and the phrase files (by name, in order)."""
    digest = hashlib.sha256(f"features v{FEATURE_VERSION}\n".encode())
    digest.update(catalogue.read_bytes())
    for file in sorted(phrase_files, key=lambda f: f.name):
        digest.update(f"\n{file.name}\n".encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()
