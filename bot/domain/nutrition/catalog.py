"""The nutrient catalog: strict pydantic models for content/nutrients.yaml and its loader."""

from __future__ import annotations

import re
from functools import cached_property
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from bot.domain.profile import AgeBand
from bot.domain.text import normalize

MAX_LABEL = 20  # characters on a one-tap button
Status = Literal["C", "S", "U", "definitional"]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def match_key(text: str) -> str:
    """A name ignoring case, spaces and punctuation: "Omega-3 (EPA+DHA)" -> "omega3epadha"."""
    return re.sub(r"[\W_]+", "", normalize(text))


def unit_key(text: str) -> str:
    """A unit spelling ignoring case, spaces and dots: "I.U." -> "iu", "µg" -> "μg"."""
    return re.sub(r"[\s.]+", "", normalize(text))


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class _Sourced(_Model):
    source: Text
    status: Status


class Unit(_Model):
    name: Text
    factor: float = Field(gt=0)
    per_kg: bool = False  # value x factor x body weight in kg gives the canonical amount
    spellings: tuple[Text, ...] = Field(min_length=1)
    source: Text | None = None
    status: Status | None = None


class _AgeFigure(_Sourced):
    amount: float = Field(ge=0)
    by_age: dict[AgeBand, Annotated[float, Field(ge=0)]] = Field(default_factory=dict)

    def for_age(self, age_band: AgeBand | None) -> float:
        """The figure for an age band; `amount` when the band is unknown or not overridden."""
        return self.amount if age_band is None else self.by_age.get(age_band, self.amount)


class TargetSpec(_AgeFigure):
    kind: Literal["goal", "reference"]  # a reference figure is never judged met/below
    label: Text
    high: float | None = None


class LimitSpec(_AgeFigure):
    applies_to: Literal["total", "supplements"]
    label: Text
    qualifier: str = ""


class Reference(_Sourced):
    """An information-only figure (for lessons), never shown as advice."""

    label: Text
    amount: float
    high: float | None = None
    unit: Text


class Interaction(_Sourced):
    condition: Literal["warfarin"]
    warning: Text


class Plausible(_Sourced):
    low: float = Field(ge=0)
    high: float = Field(gt=0)
    hint: str = ""


class LabelNames(_Model):
    """Names of a product (a capsule, an oil) whose weight is not the nutrient's amount."""

    names: tuple[Text, ...] = Field(min_length=1)
    note: Text


class RangeSpec(_Model):
    key: Annotated[str, StringConstraints(pattern=r"^[a-z]{1,8}$")]
    label: Annotated[str, StringConstraints(min_length=1, max_length=MAX_LABEL)]
    low: float
    high: float
    amount: float


class OneTap(_Sourced):
    options: tuple[RangeSpec, ...] = Field(min_length=3, max_length=4)


class Nutrient(_Model):
    key: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
    name: Text
    aliases: tuple[Text, ...] = ()
    label_names: LabelNames | None = None
    example: Text
    unit: Text
    per_kg: bool = False  # target, plausible range and one-tap bounds are in unit per kg
    units: tuple[Unit, ...] = Field(min_length=1)
    target: TargetSpec
    limit: LimitSpec | None = None
    references: tuple[Reference, ...] = ()
    interactions: tuple[Interaction, ...] = ()
    plausible: Plausible
    one_tap: OneTap

    @model_validator(mode="after")
    def _consistent(self) -> Nutrient:
        problems = [*_unit_problems(self), *_figure_problems(self), *_range_problems(self)]
        if problems:
            raise ValueError("; ".join(problems))
        return self

    @cached_property
    def match_keys(self) -> frozenset[str]:
        """Every name of it, as match_key spells them (computed once: /log asks often),
        product names (label_names) included."""
        names = (self.key, self.name, *self.aliases)
        return frozenset(match_key(name) for name in names) | self.product_keys

    @cached_property
    def product_keys(self) -> frozenset[str]:
        """Its label_names as match_key spells them: an amount after one is a product weight."""
        names = self.label_names.names if self.label_names else ()
        return frozenset(match_key(name) for name in names)

    def is_product_name(self, text: str) -> bool:
        """True for a product name ("fish oil") whose weight is not this nutrient's amount."""
        return match_key(text) in self.product_keys

    def find_unit(self, text: str) -> Unit | None:
        """The accepted unit spelled `text` (its name or one of its spellings), if any."""
        wanted = unit_key(text)
        for unit in self.units:
            if wanted in {unit_key(s) for s in (unit.name, *unit.spellings)}:
                return unit
        return None


def _unit_problems(n: Nutrient) -> list[str]:
    problems = []
    if not any(u.name == n.unit and u.factor == 1 and not u.per_kg for u in n.units):
        problems.append(f"units: canonical unit '{n.unit}' must be listed with factor 1")
    spellings = [s for u in n.units for s in {unit_key(s) for s in (u.name, *u.spellings)}]
    if dupes := sorted({s for s in spellings if spellings.count(s) > 1}):
        problems.append(f"units: spelling {', '.join(dupes)} is listed twice")
    for u in n.units:
        if (u.factor != 1 or u.per_kg) and not (u.source and u.status):
            problems.append(f"units: conversion '{u.name}' needs a source and status")
        if u.per_kg and not n.per_kg:
            problems.append(f"units: '{u.name}' is per kg but the nutrient is not")
    if len(set(map(match_key, n.aliases))) != len(n.aliases):
        problems.append("aliases: the same alias is listed twice")
    return problems


def _figure_problems(n: Nutrient) -> list[str]:
    problems = []
    if n.plausible.low >= n.plausible.high:
        problems.append("plausible: low must be below high")
    target = n.target
    if target.high is not None and target.high <= max([target.amount, *target.by_age.values()]):
        problems.append("target: high must be above every low amount")
    return problems


def _range_problems(n: Nutrient) -> list[str]:
    problems, previous_high = [], n.plausible.low
    options = n.one_tap.options
    if len({o.key for o in options}) != len(options):
        problems.append("one_tap.options: keys must be unique")
    for option in options:
        where = f"one_tap.options '{option.key}'"
        if not previous_high <= option.low <= option.high <= n.plausible.high:
            problems.append(
                f"{where}: {option.low:g}–{option.high:g} is out of order or outside the "
                f"plausible range {n.plausible.low:g}–{n.plausible.high:g}"
            )
        if not option.low <= option.amount <= option.high:
            problems.append(f"{where}: amount {option.amount:g} is outside its own range")
        previous_high = max(previous_high, option.high)
    return problems + _verdict_problems(n)


def _verdict_problems(n: Nutrient) -> list[str]:
    """Buttons split at a limit on the total and store an amount on the right side of it; the
    top band of a goal reaches the target (the cautious figures: `amount`)."""
    problems, options = [], n.one_tap.options
    if n.limit is not None and n.limit.applies_to == "total":
        cap = n.limit.amount
        for o in options:
            if o.low < cap < o.high:
                problems.append(f"one_tap.options '{o.key}': {o.label} straddles the limit {cap:g}")
            if o.low >= cap and o.amount <= cap:
                problems.append(f"one_tap.options '{o.key}': amount must be above the limit")
    if n.target.kind == "goal" and options[-1].amount < n.target.amount:
        problems.append("one_tap.options: the top band must reach the target")
    return problems


class NutrientCatalog(_Model):
    version: Literal[1]
    nutrients: tuple[Nutrient, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> NutrientCatalog:
        owners: dict[str, str] = {}
        problems = []
        for nutrient in self.nutrients:
            if nutrient.key in {n.key for n in self.nutrients if n is not nutrient}:
                problems.append(f"nutrient key '{nutrient.key}' is used twice")
            for alias in sorted(nutrient.match_keys):
                owner = owners.setdefault(alias, nutrient.key)
                if owner != nutrient.key:
                    problems.append(f"alias '{alias}' is used by both {owner} and {nutrient.key}")
        if problems:
            raise ValueError("; ".join(sorted(set(problems))))
        return self

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(n.key for n in self.nutrients)

    def get(self, key: str) -> Nutrient:
        """The nutrient with this catalog key; KeyError if there is none."""
        for nutrient in self.nutrients:
            if nutrient.key == key:
                return nutrient
        raise KeyError(f"no nutrient with key {key!r}")

    def find(self, alias_text: str) -> Nutrient | None:
        """The nutrient a typed name refers to (ignoring case, spaces and punctuation)."""
        wanted = match_key(alias_text)
        return next((n for n in self.nutrients if wanted and wanted in n.match_keys), None)
