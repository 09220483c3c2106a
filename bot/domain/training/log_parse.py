"""Parser for a typed lift log: `/log squat 5x5 100kg`, `/log squat 60x5 65x5 70x3`,
`/log bench 3x10 135lb`, `/log jumping chin-ups 3x5`, `squat 100kg 5,5,5,4,4`.

The name is everything before the first word that reads as a number (so names may hold
hyphens and digits, e.g. "jumping chin-ups"); a catalogue name or alias is logged under its
key, anything else as his own custom lift. Sets are either sets×reps (or a list of reps)
with one load, or one load×reps per set (`60x5 65kgx5 70x3`, `100x5x3` = 3 sets of 5 at
100). Bodyweight exercises need no load.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.domain.profile import WeightUnit
from bot.domain.text import InvalidAnswer, normalize, quoted
from bot.domain.training.catalog import ExerciseCatalog
from bot.domain.training.catalog_parts import NUMERIC_WORD
from bot.domain.training.exercises import Exercise, exercise_for_name
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
PER_SET_EXAMPLE = "squat 60x5 65x5 70x3"
# Every example the bot shows for /log lifts (help, refusals); a test parses each one.
EXAMPLES = (EXAMPLE, PER_SET_EXAMPLE, "bench 3x10 135lb", "jumping chin-ups 3x5")
# Accepted load range per unit, stated in that unit (1100 lb is just under 500 kg).
LOAD_LIMITS = {WeightUnit.KG: 500.0, WeightUnit.LB: 1100.0}
_UNIT_EXAMPLES = {WeightUnit.KG: EXAMPLE, WeightUnit.LB: "squat 5x5 225 lb"}
FORMS = (
    f"sets×reps and a load ({EXAMPLE}), each set as load×reps ({PER_SET_EXAMPLE}), "
    f"or reps alone for bodyweight work ({EXAMPLES[3]})"
)
_MISSING = (
    f"I need sets×reps and a load, e.g. {EXAMPLE}, or each set as load×reps: {PER_SET_EXAMPLE}."
)
_NO_BODYWEIGHT = (
    f"I need a load in kg or lb — bodyweight sets aren't logged for this lift. "
    f"Send it like {EXAMPLE}."
)
_UNITS = {
    **dict.fromkeys(("kg", "kgs", "kilo", "kilos", "kilogram", "kilograms"), WeightUnit.KG),
    **dict.fromkeys(("lb", "lbs", "pound", "pounds"), WeightUnit.LB),
}
_UNIT_WORDS = "|".join(sorted(_UNITS, key=len, reverse=True))
_COMMAND = re.compile(r"^/log(?:@\w+)?\s*")
_AMOUNT = r"\d+(?:[.,]\d+)?"
_TOKEN = re.compile(
    r"\s*(?:"
    r"(?P<scheme>(?P<sets>\d+)\s*sets?\s*(?:of|x)\s*(?P<reps>\d+)(?:\s*reps?)?)(?![\d.,])"
    rf"|(?P<times>(?P<a>{_AMOUNT})\s*(?P<a_unit>{_UNIT_WORDS})?\s*x\s*(?P<b>\d+)"
    r"(?:\s*reps?)?(?:\s*x\s*(?P<c>\d+))?)(?!\d|[.,]\d)"
    rf"|(?P<load>(?P<amount>{_AMOUNT})\s*(?P<unit>{_UNIT_WORDS}))(?![a-z])"
    r"|(?P<replist>\d+(?:\s*[,/]\s*\d+)+)(?![\d.])"
    r"|(?P<bare>\d+(?:\.\d+)?)(?![\d,a-z])"
    r"|(?P<at>@|at(?![a-z]))"
    r"|(?P<sep>[,;])"
    r"|(?P<word>\S+)"
    r")"
)
_BODYWEIGHT = frozenset(("bodyweight", "bw", "body"))


@dataclass(frozen=True)
class _Times:
    """An `AxB[xC]` token: sets×reps, or load×reps (×sets), decided with its neighbours."""

    a: str
    unit: WeightUnit | None
    b: int
    c: int | None

    @property
    def surely_load(self) -> bool:
        """A unit, a decimal or a third number makes the first number a load."""
        return self.unit is not None or not self.a.isdigit() or self.c is not None


@dataclass
class _Parts:
    schemes: list[tuple[int, int]] = field(default_factory=list)
    times: list[_Times] = field(default_factory=list)
    rep_lists: list[list[int]] = field(default_factory=list)
    loads: list[tuple[float, WeightUnit | None]] = field(default_factory=list)
    bodyweight: bool = False


def split_name(text: str) -> tuple[str, str]:
    """'/log Jumping chin-ups 3x5' → ('jumping chin-ups', '3x5'): the name ends at the first
    word that reads as a number, a load or '@'."""
    cleaned = normalize(_COMMAND.sub("", normalize(text)).replace("×", "x").replace("*", "x"))
    words = cleaned.split()
    cut = next((i for i, word in enumerate(words) if NUMERIC_WORD.fullmatch(word)), len(words))
    return " ".join(words[:cut]), " ".join(words[cut:])


def parse_lift_log(text: str, catalog: ExerciseCatalog, *, default_unit: WeightUnit) -> LiftLog:
    """Read a typed lift log (see the module's examples). A load without a unit uses
    default_unit. Raises InvalidAnswer with a friendly message; nothing is half-read."""
    name, rest = split_name(text)
    if not name:
        raise InvalidAnswer(f"Start with the exercise, e.g. {EXAMPLE} or {EXAMPLES[2]}.")
    exercise = exercise_for_name(catalog, name)
    parts = _tokenize(rest)
    if parts.bodyweight and not exercise.bodyweight:
        raise InvalidAnswer(_NO_BODYWEIGHT)
    per_set = _per_set(parts, exercise, default_unit)
    if per_set is not None:
        sets, unit = per_set
    else:
        reps_per_set = _reps_per_set(parts)
        load = _single_load(parts, default_unit, exercise)
        unit = load[1] if load else default_unit
        load_kg = from_unit(load[0], load[1]) if load else 0.0
        sets = [SetEntry(reps=reps, load_kg=load_kg) for reps in reps_per_set]
    return LiftLog(lift_key=exercise.key, sets=sets, entered_unit=unit)


def _tokenize(rest: str) -> _Parts:
    parts = _Parts()
    words = rest.split()
    parts.bodyweight = any(word in _BODYWEIGHT for word in words)
    rest = " ".join(word for word in words if word not in _BODYWEIGHT)
    for match in _TOKEN.finditer(rest):
        if match["scheme"]:
            parts.schemes.append((int(match["sets"]), int(match["reps"])))
        elif match["times"]:
            unit = _UNITS[match["a_unit"]] if match["a_unit"] else None
            c = int(match["c"]) if match["c"] else None
            parts.times.append(_Times(match["a"], unit, int(match["b"]), c))
        elif match["load"]:
            parts.loads.append((_number(match["amount"]), _UNITS[match["unit"]]))
        elif match["replist"]:
            parts.rep_lists.append([int(n) for n in re.split(r"\s*[,/]\s*", match["replist"])])
        elif match["bare"]:
            parts.loads.append((_number(match["bare"]), None))
        elif match["word"]:
            raise InvalidAnswer(
                f"I couldn't read “{quoted(match['word'])}”. Send it like {EXAMPLE} "
                f"or {PER_SET_EXAMPLE}."
            )
    return parts


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def _per_set(
    parts: _Parts, exercise: Exercise, default_unit: WeightUnit
) -> tuple[list[SetEntry], WeightUnit] | None:
    """Sets typed as load×reps each, or None when the line is sets×reps with one load."""
    times = parts.times
    if not times:
        return None
    sure = [t for t in times if t.surely_load]
    others = bool(parts.loads or parts.rep_lists or parts.schemes)
    if not sure:
        if others or exercise.bodyweight:
            parts.schemes.extend((int(t.a), t.b) for t in times)
            return None
        if len(times) == 1 and int(times[0].a) <= MAX_SETS:
            parts.schemes.append((int(times[0].a), times[0].b))
            return None
    if others:
        raise InvalidAnswer(
            f"Send either one load×reps per set ({PER_SET_EXAMPLE}) or sets×reps and one "
            f"load ({EXAMPLE}), not both."
        )
    first_unit = next((t.unit for t in times if t.unit is not None), None)
    sets: list[SetEntry] = []
    for token in times:
        unit = token.unit or first_unit or default_unit
        amount = _checked_load(_number(token.a), unit)
        _check_reps([token.b])
        count = token.c or 1
        if not MIN_SETS <= count <= MAX_SETS or len(sets) + count > MAX_SETS:
            raise InvalidAnswer(f"Sets go from {MIN_SETS} to {MAX_SETS}, e.g. {EXAMPLE}.")
        sets += [SetEntry(reps=token.b, load_kg=from_unit(amount, unit))] * count
    return sets, first_unit or default_unit


def _reps_per_set(parts: _Parts) -> list[int]:
    if len(parts.schemes) + len(parts.rep_lists) > 1:
        raise InvalidAnswer(
            f"Send the sets once — either 5x5 or a list of reps like 5,5,5,4,4, e.g. {EXAMPLE}."
        )
    if parts.schemes:
        sets, reps = parts.schemes[0]
        reps_per_set = [reps] * sets if MIN_SETS <= sets <= MAX_SETS else []
        if not reps_per_set:
            raise InvalidAnswer(
                f"Sets go from {MIN_SETS} to {MAX_SETS}, e.g. {EXAMPLE}. "
                f"A load for each set goes like {PER_SET_EXAMPLE}."
            )
    elif parts.rep_lists:
        reps_per_set = parts.rep_lists[0]
        if len(reps_per_set) > MAX_SETS:
            raise InvalidAnswer(f"Sets go from {MIN_SETS} to {MAX_SETS}, e.g. {EXAMPLE}.")
    else:
        raise InvalidAnswer(_MISSING)
    _check_reps(reps_per_set)
    return reps_per_set


def _check_reps(reps_per_set: list[int]) -> None:
    if not all(MIN_REPS <= reps <= MAX_REPS for reps in reps_per_set):
        raise InvalidAnswer(f"Reps per set go from {MIN_REPS} to {MAX_REPS}, e.g. {EXAMPLE}.")


def _single_load(
    parts: _Parts, default_unit: WeightUnit, exercise: Exercise
) -> tuple[float, WeightUnit] | None:
    """The one load of a sets×reps line; None for bodyweight work (or his own lift) without."""
    if not parts.loads:
        if exercise.bodyweight or exercise.custom:
            return None
        raise InvalidAnswer(_MISSING)
    if len(parts.loads) > 1:
        raise InvalidAnswer(f"I found more than one load — send one, e.g. {EXAMPLE}.")
    amount, typed_unit = parts.loads[0]
    unit = typed_unit or default_unit
    return _checked_load(amount, unit), unit


def _checked_load(amount: float, unit: WeightUnit) -> float:
    limit = LOAD_LIMITS[unit]
    if not 0 < amount <= limit:
        raise InvalidAnswer(
            f"The load should be more than 0 and at most {limit:.0f} {unit.value}, "
            f"e.g. {_UNIT_EXAMPLES[unit]}."
        )
    return amount
