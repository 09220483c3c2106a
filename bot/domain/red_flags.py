"""Red flags in a user's free text: symptoms that need medical contact instead of coaching.

`detect` reads one message and returns the most severe red flag it reports, or None.
How it decides, in order (all word lists live in content/red_flags.yaml):

1. Clean up the text (case, accents, apostrophes, dashes, known typos) and cut it into
   sentences of words; find every phrase of every concept ("a fall", "leg swelling").
2. Drop hits that are not a report:
   - negated: "no", "not", "without", "didn't"... up to `scope` words before the hit, or
     "free"/"gone" just after it, unless a clause break ("but", "now") comes between, or the
     negation word belongs to another phrase ("no idea why", "for no reason");
   - hypothetical: after "what if", "signs of", "risk of", "can ... cause", "in case"...;
   - in a question asking for information: a sentence that ends with "?", starts with a
     question word and says nothing about the user ("what are the signs of a blood clot?").
     "is it bad that my calf is swollen and hot?" mentions "my", so it is a report.
3. A flag fires when one of its rules finds every required concept within a short window
   of words and none of its vetoing concepts (training context such as "after sprints",
   "leg day", "pump") in the same sentences.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from bot.domain.red_flags_hits import Hit, active_hits, stated_age
from bot.domain.red_flags_model import SEVERITY_RANK, RedFlagCatalog, Rule, Severity
from bot.domain.red_flags_text import split_message

__all__ = [
    "DEFAULT_RED_FLAGS_PATH",
    "RedFlagCatalog",
    "RedFlagMatch",
    "Severity",
    "detect",
    "load_red_flags",
]

DEFAULT_RED_FLAGS_PATH = Path(__file__).resolve().parents[2] / "content" / "red_flags.yaml"
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser is 10x faster


@dataclass(frozen=True)
class RedFlagMatch:
    """The red flag a message reports: its catalog key, severity and the message to send."""

    key: str
    severity: Severity
    message: str


def load_red_flags(path: Path) -> RedFlagCatalog:
    """Read and validate the YAML catalog; ValueError names the flag or concept at fault."""
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)  # noqa: S506
    except yaml.YAMLError as exc:
        raise ValueError(f"{path.name} is not valid YAML: {exc}") from exc
    try:
        return RedFlagCatalog.model_validate(raw)
    except ValidationError as exc:
        raise ValueError(f"{path.name} is invalid: {_describe(raw, exc)}") from None


def detect(text: str, catalog: RedFlagCatalog, *, age: int | None = None) -> RedFlagMatch | None:
    """The most severe red flag `text` reports (ties: the first in the catalog), or None.

    `age` is the user's age if the bot knows it; an age stated in the text wins.
    """
    compiled = catalog.compiled
    message = split_message(text, compiled.spellings)
    if not message.words:
        return None
    hits = active_hits(message, compiled)
    stated = stated_age(message, compiled.age)
    known_age = stated if stated is not None else age
    best, best_rank = None, 0
    for flag in catalog.flags:
        rank = SEVERITY_RANK[flag.severity]
        if rank > best_rank and any(
            _fires(rule, hits, catalog.window, known_age) for rule in flag.rules
        ):
            best, best_rank = flag, rank
    return None if best is None else RedFlagMatch(best.key, best.severity, best.message)


def _fires(rule: Rule, hits: Mapping[str, list[Hit]], default_window: int, age: int | None) -> bool:
    if rule.min_age is not None and (age is None or age < rule.min_age):
        return False
    groups = [[h for name in names for h in hits.get(name, [])] for names in rule.required()]
    optional = [hits[name] for name in rule.of if name in hits]
    if any(not group for group in groups) or len(optional) < rule.at_least:
        return False
    window = rule.window or default_window
    for anchor in sorted({h.start for group in [*groups, *optional] for h in group}):
        inside = [[h for h in g if anchor <= h.start and h.end <= anchor + window] for g in groups]
        present = [
            p
            for g in optional
            if (p := [h for h in g if anchor <= h.start and h.end <= anchor + window])
        ]
        if any(not group for group in inside) or len(present) < rule.at_least:
            continue
        sentences = {h.sentence for group in [*inside, *present] for h in group}
        if not any(h.sentence in sentences for name in rule.none for h in hits.get(name, [])):
            return True
    return False


def _describe(raw: Any, exc: ValidationError) -> str:
    flags = raw.get("flags") if isinstance(raw, dict) else None
    messages = []
    for error in exc.errors():
        loc, where = tuple(error["loc"]), "catalog"
        if len(loc) >= 2 and loc[0] == "flags" and isinstance(loc[1], int):
            item = flags[loc[1]] if isinstance(flags, list) and loc[1] < len(flags) else None
            key = item.get("key") if isinstance(item, dict) else None
            where, loc = f"flag '{key or f'#{loc[1] + 1}'}'", loc[2:]
        elif len(loc) >= 2 and loc[0] == "concepts":
            where, loc = f"concept '{loc[1]}'", loc[2:]
        message = str(error["msg"]).removeprefix("Value error, ")
        field = ".".join(map(str, loc))
        messages.append(f"{where}, field '{field}': {message}" if field else f"{where}: {message}")
    return "; ".join(messages)
