"""Nutrition check-in logic: typed entries, one-tap ranges, daily targets and warnings.

Pure functions over the catalog in content/nutrients.yaml (models in nutrition_catalog.py).
Nothing here suggests a dose: notes compare an intake with reference figures, and warnings
send the user to his prescriber.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import NoReturn

from bot.domain.answers import InvalidAnswer, normalize
from bot.domain.nutrition_catalog import LimitSpec, RangeSpec, Unit
from bot.domain.nutrition_catalog import Nutrient as Nutrient
from bot.domain.nutrition_catalog import NutrientCatalog as NutrientCatalog
from bot.domain.nutrition_catalog import load_catalog as load_catalog
from bot.domain.profile_values import AgeBand

DEFAULT_CATALOG_PATH = Path(__file__).resolve().parents[2] / "content" / "nutrients.yaml"
# Without his weight, protein's plausible g/kg range is applied across the weights parse_weight
# accepts: 0.3 g/kg x 35 kg to 3.5 g/kg x 300 kg, i.e. 10.5-1050 g a day.
UNKNOWN_WEIGHT_BOUNDS_KG = (35.0, 300.0)
_DISCUSS = "discuss with your prescriber"
_COMMAND = re.compile(r"^/log(?:@\w+)?\s*")
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?|[.,]\d+"
_ENTRY = re.compile(rf"(?P<name>.*?[^\s-])?\s*(?P<neg>-\s*)?(?P<num>{_NUMBER})\s*(?P<unit>\D*)")
_PER_DAY = re.compile(r"\s*(?:/ ?d(?:ay)?|(?:per|a) day|daily|today)$")


@dataclass(frozen=True)
class NutrientAmount:
    """An intake in the nutrient's canonical unit, plus what the user typed or tapped."""

    nutrient_key: str
    amount: float
    unit: str
    entered_value: float
    entered_unit: str
    range_key: str | None = None  # set when the amount is a one-tap estimate


@dataclass(frozen=True)
class RangeOption:
    """One check-in button; unit is "g/kg" for protein when the weight is unknown."""

    key: str
    label: str
    amount: float
    low: float
    high: float
    unit: str


@dataclass(frozen=True)
class Target:
    """A day's reference figure in the stored unit (g/kg for protein without a weight)."""

    nutrient_key: str
    low: float
    high: float | None
    unit: str
    kind: str  # "goal" (judged met/below) or "reference" (information only)
    label: str
    source: str
    status: str
    basis: str = ""  # e.g. "1.0–1.2 g/kg" when converted with the user's weight

    @property
    def text(self) -> str:
        fmt = "{:.1f}".format if self.unit.endswith("/kg") else _fmt
        span = fmt(self.low) if self.high is None else f"{fmt(self.low)}–{fmt(self.high)}"
        return f"{span} {self.unit} a day" + (f" ({self.basis})" if self.basis else "")


class DayStatus(StrEnum):
    """Per-nutrient verdict; LOGGED means recorded without a judgement."""

    MET = "met"
    BELOW = "below"
    ABOVE_LIMIT = "above_limit"
    NOT_LOGGED = "not_logged"
    LOGGED = "logged"  # no judgement: a reference-only figure, or protein without a weight


@dataclass(frozen=True)
class NutrientStatus:
    """How one nutrient stands for the day, with a plain-English note for the summary."""

    nutrient_key: str
    status: DayStatus
    amount: float | None
    unit: str
    note: str


def _fmt(value: float) -> str:
    return f"{round(value, 1):.1f}".removesuffix(".0")


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


def _refuse_implausible(n: Nutrient, value: float, unit: Unit, weight_kg: float | None) -> NoReturn:
    low, high = _bounds(n, weight_kg)
    span = f"between {math.ceil(low)} and {math.floor(high)} {n.unit} a day"
    if n.per_kg:
        basis = f"{n.plausible.low:.1f}–{n.plausible.high:.1f} {n.unit}/kg"
        span += f" for your weight ({basis})" if weight_kg else f" ({basis} of body weight)"
    # Suggest another unit only if it gives a real intake: at least a tenth of the target.
    floor = n.target.amount * (weight_kg if n.per_kg and weight_kg else 1.0) / 10
    for other in n.units:
        fits = _canonical(value, other, weight_kg)
        if other is not unit and fits is not None and max(low, floor) <= fits <= high:
            raise InvalidAnswer(f"{n.name} must be {span} — did you mean {value:g} {other.name}?")
    raise InvalidAnswer(
        f"{n.name} must be {span}." + (f" {n.plausible.hint}" if n.plausible.hint else "")
    )


def parse_nutrient_entry(
    text: str, catalog: NutrientCatalog, *, weight_kg: float | None
) -> NutrientAmount:
    """Read "calcium 1,200 mg", "d3 50mcg", "protein 140" (a bare number is the canonical unit).

    Refuses unknown nutrients and units, negative amounts and amounts outside the plausible
    daily range (protein's is 0.3-3.5 g/kg of weight_kg, see UNKNOWN_WEIGHT_BOUNDS_KG).
    """
    cleaned = _COMMAND.sub("", normalize(text))
    if (named := catalog.find(cleaned)) is not None:
        raise InvalidAnswer(f"How much {named.name}? Send it like {named.example}.")
    match = _ENTRY.fullmatch(cleaned)
    if match is None:
        raise InvalidAnswer("I couldn't read that. Send it like calcium 1200 mg or d3 2000 IU.")
    nutrient = catalog.find(match["name"] or "")
    if nutrient is None:
        raise InvalidAnswer(
            f"I can log {_either([n.name for n in catalog.nutrients])} — e.g. calcium 1200 mg."
        )
    if match["neg"]:
        raise InvalidAnswer(f"An amount can't be negative. Send it like {nutrient.example}.")
    unit_text = _PER_DAY.sub("", match["unit"].strip())
    unit = nutrient.find_unit(unit_text) if unit_text else nutrient.find_unit(nutrient.unit)
    if unit is None:
        accepted = _either([u.name for u in nutrient.units])
        raise InvalidAnswer(f"{nutrient.name} is logged in {accepted} — e.g. {nutrient.example}.")
    value = _number(match["num"])
    amount = _canonical(value, unit, weight_kg)
    if amount is None:
        raise InvalidAnswer(
            f"I need your weight to turn {unit.name} into {nutrient.unit}: send it with "
            f"/weight 82 kg, or log {nutrient.name.lower()} in {nutrient.unit}."
        )
    low, high = _bounds(nutrient, weight_kg)
    if not low <= amount <= high:
        _refuse_implausible(nutrient, value, unit, weight_kg)
    return NutrientAmount(nutrient.key, amount, nutrient.unit, value, unit.name)


def _option(n: Nutrient, spec: RangeSpec, index: int, weight_kg: float | None) -> RangeOption:
    if not n.per_kg or weight_kg is None:
        unit = f"{n.unit}/kg" if n.per_kg else n.unit
        return RangeOption(spec.key, spec.label, spec.amount, spec.low, spec.high, unit)
    low, high = round(spec.low * weight_kg), round(spec.high * weight_kg)
    last = len(n.one_tap.options) - 1
    label = f"< {high}" if index == 0 else f"≥ {low}" if index == last else f"{low}–{high}"
    amount = float(round(spec.amount * weight_kg))
    return RangeOption(spec.key, f"{label} {n.unit}", amount, low, high, n.unit)


def range_options(nutrient: Nutrient, *, weight_kg: float | None) -> list[RangeOption]:
    """The three check-in buttons; protein's are in grams for his weight ("< 66 g" at 82 kg)."""
    return [_option(nutrient, s, i, weight_kg) for i, s in enumerate(nutrient.one_tap.options)]


def amount_for_range(
    nutrient: Nutrient, range_key: str, *, weight_kg: float | None
) -> NutrientAmount:
    """The estimated amount a tap stores (the estimates are explained in nutrients.yaml)."""
    n = nutrient
    option = {o.key: o for o in range_options(n, weight_kg=weight_kg)}.get(range_key)
    if option is None:
        raise InvalidAnswer(f"That isn't one of the {n.name} choices. Please tap a button.")
    if option.unit != n.unit:
        raise InvalidAnswer(f"I need your weight for that: send /weight 82 kg or type {n.example}.")
    return NutrientAmount(n.key, option.amount, n.unit, option.amount, n.unit, range_key)


def daily_target(
    nutrient: Nutrient, *, age_band: AgeBand | None, weight_kg: float | None
) -> Target:
    """The day's reference figure; protein's g/kg is turned into grams when weight is known."""
    n = nutrient
    spec = n.target
    low, high, unit, basis = spec.for_age(age_band), spec.high, n.unit, ""
    if n.per_kg and weight_kg is None:
        unit = f"{n.unit}/kg"
    elif n.per_kg and weight_kg is not None:
        basis = f"{low:.1f}" + ("" if high is None else f"–{high:.1f}") + f" {unit}/kg"
        low, high = round(low * weight_kg), None if high is None else round(high * weight_kg)
    details = (spec.kind, spec.label, spec.source, spec.status)
    return Target(n.key, low, high, unit, *details, basis=basis)


def _limit_note(n: Nutrient, limit: LimitSpec, age_band: AgeBand | None, amount: float) -> str:
    cap, shown = f"{_fmt(limit.for_age(age_band))} {n.unit}", f"{n.name} {_fmt(amount)} {n.unit}"
    if limit.applies_to == "supplements":
        return (
            f"{shown}: if more than {cap} a day of it comes from supplements, that is above "
            f"the {limit.label}; {_DISCUSS}."
        )
    qualifier = f" {limit.qualifier}" if limit.qualifier else ""
    return f"{shown} — above the {cap}/day {limit.label}{qualifier}; {_DISCUSS}."


def _assess(
    n: Nutrient, amount: float | None, age_band: AgeBand | None, weight_kg: float | None
) -> NutrientStatus:
    if amount is None:
        return NutrientStatus(n.key, DayStatus.NOT_LOGGED, None, n.unit, f"{n.name} — not logged.")
    limit, shown = n.limit, f"{n.name} {_fmt(amount)} {n.unit}"
    if limit and limit.applies_to == "total" and amount > limit.for_age(age_band):
        note = _limit_note(n, limit, age_band, amount)
        return NutrientStatus(n.key, DayStatus.ABOVE_LIMIT, amount, n.unit, note)
    target = daily_target(n, age_band=age_band, weight_kg=weight_kg)
    label, text = target.label, target.text
    if target.unit != n.unit:
        status, tail = DayStatus.LOGGED, f"logged; add your weight to compare it with {text}"
    elif target.kind == "reference":
        status, tail = DayStatus.LOGGED, f"logged; for reference, the {label} is {text}"
    elif amount >= target.low:
        status, tail = DayStatus.MET, f"on {label}: {text}"
    else:
        status, tail = DayStatus.BELOW, f"below the {label} of {text}"
    return NutrientStatus(n.key, status, amount, n.unit, f"{shown} — {tail}.")


def assess_day(
    totals: Mapping[str, float],
    *,
    age_band: AgeBand | None,
    weight_kg: float | None,
    catalog: NutrientCatalog,
) -> list[NutrientStatus]:
    """One status per catalog nutrient, in catalog order, for the day's totals (canonical units).

    Only limits on the total intake are judged here; magnesium's supplement-only limit is left
    to warnings_for_entry, since a total mixes food and supplements.
    """
    if unknown := sorted(set(totals) - set(catalog.keys)):
        raise ValueError(f"unknown nutrient keys: {', '.join(unknown)}")
    return [_assess(n, totals.get(n.key), age_band, weight_kg) for n in catalog.nutrients]


def warnings_for_entry(
    amount: NutrientAmount,
    *,
    catalog: NutrientCatalog,
    age_band: AgeBand | None,
    on_warfarin: bool | None,
) -> list[str]:
    """Warnings for one entry (or a day's total): limits passed, and the K2/warfarin caution.

    on_warfarin None (unknown) gives the warfarin caution as a conditional; False omits it.
    """
    nutrient, warnings = catalog.get(amount.nutrient_key), []
    if (limit := nutrient.limit) and amount.amount > limit.for_age(age_band):
        warnings.append(_limit_note(nutrient, limit, age_band, amount.amount))
    if amount.amount > 0 and on_warfarin is not False:
        lead = "You take warfarin: " if on_warfarin else "If you take warfarin: "
        warnings += [lead + i.warning for i in nutrient.interactions if i.condition == "warfarin"]
    return warnings
