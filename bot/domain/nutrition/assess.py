"""A day's nutrition judged against the catalog: targets, per-nutrient verdicts, warnings.

Nothing here suggests a dose: notes compare an intake with reference figures, and warnings
send the user to his prescriber.
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.domain.nutrition.catalog import LimitSpec, Nutrient, NutrientCatalog
from bot.domain.nutrition.values import (
    DayStatus,
    NutrientAmount,
    NutrientStatus,
    Target,
    format_amount,
)
from bot.domain.profile import AgeBand

_DISCUSS = "discuss with your prescriber"


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


def _assess(
    n: Nutrient, amount: float | None, age_band: AgeBand | None, weight_kg: float | None
) -> NutrientStatus:
    if amount is None:
        return NutrientStatus(n.key, DayStatus.NOT_LOGGED, None, n.unit, f"{n.name} — not logged.")
    limit, shown = n.limit, f"{n.name} {format_amount(amount)} {n.unit}"
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


def _limit_note(n: Nutrient, limit: LimitSpec, age_band: AgeBand | None, amount: float) -> str:
    cap = f"{format_amount(limit.for_age(age_band))} {n.unit}"
    shown = f"{n.name} {format_amount(amount)} {n.unit}"
    if limit.applies_to == "supplements":
        return (
            f"{shown}: if more than {cap} a day of it comes from supplements, that is above "
            f"the {limit.label}; {_DISCUSS}."
        )
    qualifier = f" {limit.qualifier}" if limit.qualifier else ""
    return f"{shown} — above the {cap}/day {limit.label}{qualifier}; {_DISCUSS}."
