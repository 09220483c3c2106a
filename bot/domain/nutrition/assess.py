"""A day's nutrition judged against the catalog: targets, per-nutrient verdicts, warnings.

Nothing here suggests a dose: notes compare an intake with reference figures, and warnings
send the user to his prescriber.
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.domain.nutrition.catalog import Nutrient, NutrientCatalog
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
    shown: Mapping[str, str] | None = None,
) -> list[NutrientStatus]:
    """One status per catalog nutrient, in catalog order, for the day's totals (canonical units).

    `shown` gives how to show an amount that is only a tapped band ("over 4000 IU") instead of
    the number stored for it. Each verdict comes from assess_amount, the one rule.
    """
    if unknown := sorted(set(totals) - set(catalog.keys)):
        raise ValueError(f"unknown nutrient keys: {', '.join(unknown)}")
    labels = shown or {}
    return [
        assess_amount(
            n, totals.get(n.key), age_band=age_band, weight_kg=weight_kg, shown=labels.get(n.key)
        )
        for n in catalog.nutrients
    ]


def assess_amount(
    n: Nutrient,
    amount: float | None,
    *,
    age_band: AgeBand | None,
    weight_kg: float | None,
    shown: str | None = None,
) -> NutrientStatus:
    """The one rule for a day's amount: below target / on target / above target but within the
    upper limit / above the upper limit (discuss). A limit on supplements only (magnesium) is
    never judged against a total that mixes food and supplements; it is said plainly instead.
    """
    if amount is None:
        return NutrientStatus(n.key, DayStatus.NOT_LOGGED, None, n.unit, f"{n.name} — not logged.")
    shown = f"{n.name} {shown or f'{format_amount(amount)} {n.unit}'}"
    limit = n.limit
    cap = limit.for_age(age_band) if limit else None
    total_cap = cap if limit and limit.applies_to == "total" else None
    if total_cap is not None and amount > total_cap:
        tail = f"above the {_limit_text(n, age_band)}; {_DISCUSS}."
        return NutrientStatus(
            n.key, DayStatus.ABOVE_LIMIT, amount, n.unit, f"{shown} — {tail}", tail
        )
    target = daily_target(n, age_band=age_band, weight_kg=weight_kg)
    label, text = target.label, target.text
    top = target.low if target.high is None else target.high
    if target.unit != n.unit:
        status, tail = DayStatus.LOGGED, f"logged; add your weight to compare it with {text}"
    elif target.kind == "reference":
        status, tail = DayStatus.LOGGED, f"logged; for reference, the {label} is {text}"
    elif amount < target.low:
        status, tail = DayStatus.BELOW, f"below the {label} of {text}"
    elif amount <= top:
        status, tail = DayStatus.MET, f"on {label}: {text}"
    else:
        status, tail = DayStatus.ABOVE_TARGET, f"above the {label} of {text}"
        if total_cap is not None:
            where = "at" if amount == total_cap else "within"
            tail += f", {where} the {_limit_text(n, age_band)}"
    tail += "."
    if limit and cap is not None and limit.applies_to == "supplements" and amount > cap:
        tail += " " + supplement_limit_note(n, age_band)
    return NutrientStatus(n.key, status, amount, n.unit, f"{shown} — {tail}", tail)


def supplement_limit_note(n: Nutrient, age_band: AgeBand | None) -> str:
    """'The 350 mg/day upper limit for magnesium from supplements is not a limit on your total
    (food doesn't count toward it): if more than 350 mg came from supplements, discuss …'."""
    assert n.limit is not None and n.limit.applies_to == "supplements"
    cap = f"{format_amount(n.limit.for_age(age_band))} {n.unit}"
    return (
        f"The {cap}/day {n.limit.label} is not a limit on your total (food doesn't count "
        f"toward it): if more than {cap} came from supplements, {_DISCUSS}."
    )


def warnings_for_entry(
    amount: NutrientAmount,
    *,
    catalog: NutrientCatalog,
    age_band: AgeBand | None,
    on_warfarin: bool | None,
) -> list[str]:
    """Cautions for one entry beyond its day's verdict: the K2/warfarin caution.

    on_warfarin None (unknown) gives the warfarin caution as a conditional; False omits it.
    Limits are judged by assess_amount on the day's total (one rule everywhere).
    """
    nutrient, warnings = catalog.get(amount.nutrient_key), []
    if amount.amount > 0 and on_warfarin is not False:
        lead = "You take warfarin: " if on_warfarin else "If you take warfarin: "
        warnings += [lead + i.warning for i in nutrient.interactions if i.condition == "warfarin"]
    return warnings


def _limit_text(n: Nutrient, age_band: AgeBand | None) -> str:
    """'4000 IU/day upper limit unless supervised'."""
    assert n.limit is not None
    cap = f"{format_amount(n.limit.for_age(age_band))} {n.unit}"
    qualifier = f" {n.limit.qualifier}" if n.limit.qualifier else ""
    return f"{cap}/day {n.limit.label}{qualifier}"
