"""Nutrition check-in logic: typed entries, one-tap ranges, daily targets and warnings.

Pure functions over the catalog in content/nutrients.yaml (models in catalog.py). Nothing here
suggests a dose: notes compare an intake with reference figures, and warnings send the user to
his prescriber.

values.py (amounts, options, targets, verdicts), parse.py (typed entries), ranges.py (one-tap
buttons) and assess.py (daily targets, day assessment, warnings).
"""

from bot.domain.nutrition.assess import (
    assess_amount,
    assess_day,
    daily_target,
    supplement_limit_note,
    warnings_for_entry,
)
from bot.domain.nutrition.catalog import Nutrient, NutrientCatalog
from bot.domain.nutrition.parse import UNKNOWN_WEIGHT_BOUNDS_KG, parse_nutrient_entry
from bot.domain.nutrition.ranges import amount_for_range, range_options
from bot.domain.nutrition.values import (
    REACHED_TARGET,
    DayStatus,
    NutrientAmount,
    NutrientStatus,
    RangeOption,
    Target,
)

__all__ = [
    "REACHED_TARGET",
    "UNKNOWN_WEIGHT_BOUNDS_KG",
    "DayStatus",
    "Nutrient",
    "NutrientAmount",
    "NutrientCatalog",
    "NutrientStatus",
    "RangeOption",
    "Target",
    "amount_for_range",
    "assess_amount",
    "assess_day",
    "daily_target",
    "parse_nutrient_entry",
    "range_options",
    "supplement_limit_note",
    "warnings_for_entry",
]
