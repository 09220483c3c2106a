"""One-tap check-in buttons: the three ranges per nutrient and the amount a tap stores."""

from __future__ import annotations

from bot.domain.nutrition.catalog import Nutrient, RangeSpec
from bot.domain.nutrition.values import NutrientAmount, RangeOption
from bot.domain.text import InvalidAnswer


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
        raise InvalidAnswer(
            f"I need your weight for that: send /weight 82 kg or type /log {n.example}."
        )
    return NutrientAmount(n.key, option.amount, n.unit, option.amount, n.unit, range_key)


def _option(n: Nutrient, spec: RangeSpec, index: int, weight_kg: float | None) -> RangeOption:
    if not n.per_kg or weight_kg is None:
        unit = f"{n.unit}/kg" if n.per_kg else n.unit
        return RangeOption(spec.key, spec.label, spec.amount, spec.low, spec.high, unit)
    low, high = round(spec.low * weight_kg), round(spec.high * weight_kg)
    last = len(n.one_tap.options) - 1
    label = f"< {high}" if index == 0 else f"≥ {low}" if index == last else f"{low}–{high}"
    amount = float(round(spec.amount * weight_kg))
    return RangeOption(spec.key, f"{label} {n.unit}", amount, low, high, n.unit)
