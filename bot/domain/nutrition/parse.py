"""Typed nutrition entries ("calcium 1,200 mg") read into canonical amounts, or refused."""

from __future__ import annotations

import math
import re
from typing import NoReturn

from bot.domain.nutrition.catalog import Nutrient, NutrientCatalog, Unit, match_key
from bot.domain.nutrition.values import NutrientAmount
from bot.domain.text import InvalidAnswer, normalize

# Without his weight, protein's plausible g/kg range is applied across the weights parse_weight
# accepts: 0.3 g/kg x 35 kg to 3.5 g/kg x 300 kg, i.e. 10.5-1050 g a day.
UNKNOWN_WEIGHT_BOUNDS_KG = (35.0, 300.0)
_COMMAND = re.compile(r"^/log(?:@\w+)?\s*")
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?|[.,]\d+"
_ENTRY = re.compile(rf"(?P<name>.*?[^\s-])?\s*(?P<neg>-\s*)?(?P<num>{_NUMBER})\s*(?P<unit>\D*)")
_PER_DAY = re.compile(r"\s*(?:/ ?d(?:ay)?|(?:per|a|each|every) day|daily|today)$")
_PER_WEEK = re.compile(r"\s*(?:/ ?w(?:ee)?k|(?:per|a|each|every|once a) week|weekly)$")
DAYS_PER_WEEK = 7  # a weekly amount is logged as its daily average


def parse_nutrient_entry(
    text: str, catalog: NutrientCatalog, *, weight_kg: float | None
) -> NutrientAmount:
    """Read "calcium 1,200 mg", "d3 50mcg", "protein 140" (a bare number is the canonical unit).

    Refuses unknown nutrients and units, negative amounts and amounts outside the plausible
    daily range (protein's is 0.3-3.5 g/kg of weight_kg, see UNKNOWN_WEIGHT_BOUNDS_KG).
    """
    cleaned = _COMMAND.sub("", normalize(text))
    match = _ENTRY.fullmatch(cleaned)
    if not _spaced_amount(match, catalog) and (named := catalog.find(cleaned)) is not None:
        # "d3", "vitamin d3": a name that ends in a digit, with no amount after it
        if named.is_product_name(cleaned) and named.label_names is not None:
            raise InvalidAnswer(named.label_names.note)
        raise InvalidAnswer(f"How much {named.name}? Send it like /log {named.example}.")
    if match is None:
        raise InvalidAnswer(
            "I couldn't read that. Send it like /log calcium 1200 mg or /log d3 2000 IU."
        )
    nutrient = catalog.find(match["name"] or "")
    if nutrient is None:
        raise InvalidAnswer(
            f"I can log {_either([n.name for n in catalog.nutrients])} — e.g. /log calcium 1200 mg."
        )
    if match["neg"]:
        raise InvalidAnswer(f"An amount can't be negative. Send it like /log {nutrient.example}.")
    unit_text, weekly = _period(match["unit"].strip())
    unit_text, self_named = _named_in_unit(unit_text, nutrient)
    if nutrient.is_product_name(match["name"]) and not self_named:
        assert nutrient.label_names is not None  # is_product_name implies it
        raise InvalidAnswer(nutrient.label_names.note)
    unit = nutrient.find_unit(unit_text) if unit_text else nutrient.find_unit(nutrient.unit)
    if unit is None:
        accepted = _either([u.name for u in nutrient.units])
        raise InvalidAnswer(
            f"{nutrient.name} is logged in {accepted}, e.g. /log {nutrient.example}."
        )
    value = _number(match["num"])
    amount = _canonical(value / DAYS_PER_WEEK if weekly else value, unit, weight_kg)
    if amount is None:
        raise InvalidAnswer(
            f"I need your weight to turn {unit.name} into {nutrient.unit}: send it with "
            f"/weight 82 kg, or log {nutrient.name.lower()} in {nutrient.unit}."
        )
    if weekly:
        amount = float(round(amount))
    low, high = _bounds(nutrient, weight_kg)
    if not low <= amount <= high:
        _refuse_implausible(nutrient, value, unit, weight_kg, weekly=weekly)
    entered_unit = f"{unit.name}/wk" if weekly else unit.name
    return NutrientAmount(nutrient.key, amount, nutrient.unit, value, entered_unit, weekly=weekly)


def _period(unit_text: str) -> tuple[str, bool]:
    """The unit without "a day" / "weekly", and whether the amount was per week."""
    if _PER_WEEK.search(unit_text):
        return _PER_WEEK.sub("", unit_text).strip(), True
    return _PER_DAY.sub("", unit_text).strip(), False


def _named_in_unit(unit_text: str, nutrient: Nutrient) -> tuple[str, bool]:
    """'mg epa+dha' -> ('mg', True): the nutrient's own name after the unit says the amount is
    of the nutrient itself (not a product weight)."""
    head, _, tail = unit_text.partition(" ")
    if tail and match_key(tail) in nutrient.match_keys and not nutrient.is_product_name(tail):
        return head, True
    return unit_text, False


def _spaced_amount(match: re.Match[str] | None, catalog: NutrientCatalog) -> bool:
    """A known nutrient name, a space, then a number: an amount ("vitamin d 3" is 3 IU of
    vitamin D), even when name and number together also spell a name ("vitamin d3")."""
    if match is None or not match["name"] or catalog.find(match["name"]) is None:
        return False
    gap = match.string[match.end("name") : match.start("num")]
    return gap[:1].isspace()


def _either(items: list[str]) -> str:
    return " or ".join([", ".join(items[:-1]), items[-1]] if len(items) > 1 else items)


def _number(raw: str) -> float:
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", raw):
        return float(raw.replace(",", ""))
    return float(raw.replace(",", "."))


def _bounds(nutrient: Nutrient, weight_kg: float | None) -> tuple[float, float]:
    low, high = nutrient.plausible.low, nutrient.plausible.high
    if not nutrient.per_kg:
        return low, high
    light, heavy = UNKNOWN_WEIGHT_BOUNDS_KG if weight_kg is None else (weight_kg, weight_kg)
    return low * light, high * heavy


def _canonical(value: float, unit: Unit, weight_kg: float | None) -> float | None:
    if unit.per_kg:
        return None if weight_kg is None else value * unit.factor * weight_kg
    return value * unit.factor


def _refuse_implausible(
    n: Nutrient, value: float, unit: Unit, weight_kg: float | None, *, weekly: bool
) -> NoReturn:
    low, high = _bounds(n, weight_kg)
    span = f"between {math.ceil(low)} and {math.floor(high)} {n.unit} a day"
    if weekly:
        span += f" on average ({value:g} {unit.name} a week is {value / DAYS_PER_WEEK:.0f} a day)"
    if n.per_kg:
        basis = f"{n.plausible.low:.1f}–{n.plausible.high:.1f} {n.unit}/kg"
        span += f" for your weight ({basis})" if weight_kg else f" ({basis} of body weight)"
    # Suggest another unit only if it gives a real intake: at least a tenth of the target.
    floor = n.target.amount * (weight_kg if n.per_kg and weight_kg else 1.0) / 10
    for other in n.units:
        fits = _canonical(value / DAYS_PER_WEEK if weekly else value, other, weight_kg)
        if other is not unit and fits is not None and max(low, floor) <= fits <= high:
            meant = f"{value:g} {other.name}" + (" weekly" if weekly else "")
            raise InvalidAnswer(f"{n.name} must be {span} — did you mean {meant}?")
    hint = f" {n.plausible.hint}" if n.plausible.hint and not weekly else ""
    raise InvalidAnswer(f"{n.name} must be {span}.{hint}")
