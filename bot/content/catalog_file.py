"""One way to read a catalogue file: YAML in, a validated model out, one error format.

Every problem is a ContentError whose message starts with the file and says what is wrong,
naming the item (by its key) and the field: ``.../labs.yaml is invalid: lab 'vitd', field
'plausible': low must be below high``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib.resources.abc import Traversable
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser is 10x faster


class ContentError(ValueError):
    """A content file is missing or broken; `problems` has one line per problem."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems if problems is not None else [message]


def read_text(file: Traversable) -> str:
    """The file's text; ContentError naming the file when it is missing or not UTF-8."""
    try:
        return file.read_text(encoding="utf-8").removeprefix("\ufeff")
    except FileNotFoundError:
        raise ContentError(f"{file}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError(f"{file}: can't read: {exc}") from None


def parse_yaml(text: str, where: str) -> Any:
    """YAML text as Python data; ContentError naming `where` when it is not YAML."""
    try:
        return yaml.load(text, Loader=_SAFE_LOADER)  # noqa: S506 (a safe loader)
    except yaml.YAMLError as exc:
        raise ContentError(f"{where} is not valid YAML: {' '.join(str(exc).split())}") from None


def validation_problems(
    raw: Any, exc: ValidationError, labels: Mapping[str, str]
) -> list[tuple[str, str, str]]:
    """Pydantic's errors in the catalogue's words: (item, field, message) each.

    The item is named by its key: `labels` maps a top-level field holding items (a list of
    mappings with a `key`, or a mapping of names) to what one item is called: {"labs": "lab"}.
    Errors outside such items belong to "catalog".
    """
    found = []
    for error in exc.errors():
        loc, where = tuple(error["loc"]), "catalog"
        if len(loc) >= 2 and isinstance(loc[0], str) and loc[0] in labels:
            items = raw.get(loc[0]) if isinstance(raw, dict) else None
            label = labels[loc[0]]
            if isinstance(loc[1], int):
                item = items[loc[1]] if isinstance(items, list) and loc[1] < len(items) else None
                key = item.get("key") if isinstance(item, dict) else None
                where, loc = f"{label} '{key or f'#{loc[1] + 1}'}'", loc[2:]
            else:
                where, loc = f"{label} '{loc[1]}'", loc[2:]
        message = str(error["msg"]).removeprefix("Value error, ")
        if error["type"] == "literal_error":
            message += f" (got {error['input']!r})"
        found.append((where, ".".join(map(str, loc)), message))
    return found


def describe(raw: Any, exc: ValidationError, labels: Mapping[str, str]) -> str:
    """Every validation problem on one line: `lab 'vitd', field 'plausible': message; ...`."""
    return "; ".join(
        f"{where}, field '{field}': {message}" if field else f"{where}: {message}"
        for where, field, message in validation_problems(raw, exc, labels)
    )


def load_model(
    file: Traversable,
    model: type[M],
    *,
    labels: Mapping[str, str],
    checks: Callable[[M], list[str]] | None = None,
) -> M:
    """Read, parse and validate one catalogue file; ContentError naming file, item and field."""
    raw = parse_yaml(read_text(file), str(file))
    if not isinstance(raw, dict):
        raise ContentError(f"{file} is invalid: expected a mapping at the top level")
    try:
        catalog = model.model_validate(raw)
    except ValidationError as exc:
        raise ContentError(f"{file} is invalid: {describe(raw, exc, labels)}") from None
    if checks is not None and (problems := checks(catalog)):
        raise ContentError(f"{file} is invalid: {'; '.join(problems)}")
    return catalog
