"""Parser for a typed lift log such as `/log squat 5x5 100kg` or `squat 100kg 5,5,5,4,4`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.domain.profile import WeightUnit
from bot.domain.text import InvalidAnswer, normalize, quoted
from bot.domain.training.catalog import ExerciseCatalog
from bot.domain.training.values import (
    MAX_REPS,
    MAX_SETS,
    MIN_REPS,
    MIN_SETS,
    LiftLog,
    SetEntry,
    from_unit,
)

EXAMPLE = "squat 5x5 100kg"
# Accepted load range per unit, stated in that unit (1100 lb is just under 500 kg).
LOAD_LIMITS = {WeightUnit.KG: 500.0, WeightUnit.LB: 1100.0}
_UNIT_EXAMPLES = {WeightUnit.KG: EXAMPLE, WeightUnit.LB: "squat 5x5 225 lb"}
_MISSING = f"I need sets×reps and a load, e.g. {EXAMPLE}."
_NO_BODYWEIGHT = (
    f"I need a load in kg or lb — bodyweight sets aren't logged here. Send it like {EXAMPLE}."
)
_UNITS = {
    **dict.fromkeys(("kg", "kgs", "kilo", "kilos", "kilogram", "kilograms"), WeightUnit.KG),
    **dict.fromkeys(("lb", "lbs", "pound", "pounds"), WeightUnit.LB),
}
_UNIT_WORDS = "|".join(sorted(_UNITS, key=len, reverse=True))
_COMMAND = re.compile(r"^/log(?:@\w+)?\s*")
_NAME = re.compile(r"(?P<name>[^\d@]*?)\s*(?=[\d@]|\bat\s+\d|$)")
_TOKEN = re.compile(
    r"\s*(?:"
    r"(?P<scheme>(?P<sets>\d+)\s*(?:x|sets?\s*(?:of|x))\s*(?P<reps>\d+)(?:\s*reps?)?)(?![\d.,])"
    rf"|(?P<load>(?P<amount>\d+(?:[.,]\d+)?)\s*(?P<unit>{_UNIT_WORDS}))(?![a-z])"
    r"|(?P<replist>\d+(?:\s*[,/]\s*\d+)+)(?![\d.])"
    r"|(?P<bare>\d+(?:\.\d+)?)(?![\d,a-z])"
    r"|(?P<at>@|at(?![a-z]))"
    r"|(?P<word>\S+)"
    r")"
)
_BODYWEIGHT = frozenset(("bodyweight", "bw", "body"))


@dataclass
class _Parts:
    schemes: list[tuple[int, int]] = field(default_factory=list)
    rep_lists: list[list[int]] = field(default_factory=list)
    loads: list[tuple[float, WeightUnit | None]] = field(default_factory=list)


def parse_lift_log(text: str, catalog: ExerciseCatalog, *, default_unit: WeightUnit) -> LiftLog:
    """Read "squat 5x5 100kg", "ohp 5 x 5 @ 40", "squat 100kg 5,5,5,4,4" (order may swap).

    A load without a unit uses default_unit. Raises InvalidAnswer with a friendly message.
    """
    cleaned = normalize(_COMMAND.sub("", normalize(text)).replace("×", "x").replace("*", "x"))
    name_match = _NAME.match(cleaned)
    assert name_match is not None  # the pattern can always match (possibly empty)
    name = name_match["name"].strip()
    if not name:
        raise InvalidAnswer(
            f"Start with the exercise, e.g. {EXAMPLE}. I can log: {catalog.known_lift_names()}."
        )
    lift = catalog.lift_for_name(name)
    if lift is None:
        raise InvalidAnswer(
            f"I don't know the exercise “{quoted(name)}”. I can log: {catalog.known_lift_names()}."
        )
    parts = _tokenize(cleaned[name_match.end() :])
    reps_per_set = _reps_per_set(parts)
    amount, unit = _single_load(parts, default_unit)
    load_kg = from_unit(amount, unit)
    return LiftLog(
        lift_key=lift.key,
        sets=[SetEntry(reps=reps, load_kg=load_kg) for reps in reps_per_set],
        entered_unit=unit,
    )


def _tokenize(rest: str) -> _Parts:
    parts = _Parts()
    if any(word in _BODYWEIGHT for word in rest.split()):
        raise InvalidAnswer(_NO_BODYWEIGHT)
    for match in _TOKEN.finditer(rest):
        if match["scheme"]:
            parts.schemes.append((int(match["sets"]), int(match["reps"])))
        elif match["load"]:
            parts.loads.append((_number(match["amount"]), _UNITS[match["unit"]]))
        elif match["replist"]:
            parts.rep_lists.append([int(n) for n in re.split(r"\s*[,/]\s*", match["replist"])])
        elif match["bare"]:
            parts.loads.append((_number(match["bare"]), None))
        elif match["word"]:
            raise InvalidAnswer(
                f"I couldn't read “{quoted(match['word'])}”. Send it like {EXAMPLE}."
            )
    return parts


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def _reps_per_set(parts: _Parts) -> list[int]:
    if len(parts.schemes) + len(parts.rep_lists) > 1:
        raise InvalidAnswer(
            f"Send the sets once — either 5x5 or a list of reps like 5,5,5,4,4, e.g. {EXAMPLE}."
        )
    if parts.schemes:
        sets, reps = parts.schemes[0]
        reps_per_set = [reps] * sets if MIN_SETS <= sets <= MAX_SETS else []
        if not reps_per_set:
            raise InvalidAnswer(f"Sets go from {MIN_SETS} to {MAX_SETS}, e.g. {EXAMPLE}.")
    elif parts.rep_lists:
        reps_per_set = parts.rep_lists[0]
        if len(reps_per_set) > MAX_SETS:
            raise InvalidAnswer(f"Sets go from {MIN_SETS} to {MAX_SETS}, e.g. {EXAMPLE}.")
    else:
        raise InvalidAnswer(_MISSING)
    if not all(MIN_REPS <= reps <= MAX_REPS for reps in reps_per_set):
        raise InvalidAnswer(f"Reps per set go from {MIN_REPS} to {MAX_REPS}, e.g. {EXAMPLE}.")
    return reps_per_set


def _single_load(parts: _Parts, default_unit: WeightUnit) -> tuple[float, WeightUnit]:
    if not parts.loads:
        raise InvalidAnswer(_MISSING)
    if len(parts.loads) > 1:
        raise InvalidAnswer(f"I found more than one load — send one, e.g. {EXAMPLE}.")
    amount, typed_unit = parts.loads[0]
    unit = typed_unit or default_unit
    limit = LOAD_LIMITS[unit]
    if not 0 < amount <= limit:
        raise InvalidAnswer(
            f"The load should be more than 0 and at most {limit:.0f} {unit.value}, "
            f"e.g. {_UNIT_EXAMPLES[unit]}."
        )
    return amount, unit
