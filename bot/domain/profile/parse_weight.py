"""Parser for a typed body weight in kg, lb, or stones and pounds."""

import re

from bot.domain.profile.values import KG_PER_LB, Weight, WeightUnit
from bot.domain.text import InvalidAnswer, normalize, word_set

_NUMBER = r"(\d+(?:\.\d+)?)"
_PREFIX = re.compile(r"^(?:about|around|approx(?:imately)?|roughly|ca|~|≈)\s*")
_PLAIN = re.compile(_NUMBER + r" ?([a-z#]+)?")
_STONES = re.compile(
    _NUMBER + r" ?(?:st|stone|stones)(?: ?(?:and )?" + _NUMBER + r" ?(?:lb|lbs|pounds?)?)?"
)
_UNITS = dict.fromkeys(word_set("kg kgs k kilo kilos kilogram kilograms kilogramme"), WeightUnit.KG)
_UNITS |= dict.fromkeys(word_set("lb lbs lbm pound pounds #"), WeightUnit.LB)
# Plausible adult body weight, stated in each unit (35-300 kg is about 77-661 lb).
_RANGES = {WeightUnit.KG: (35.0, 300.0), WeightUnit.LB: (77.0, 661.0)}
_EXAMPLES = {WeightUnit.KG: "82 kg", WeightUnit.LB: "180 lb"}
_UNREADABLE = "I couldn't read that weight. Send it like 82 kg, 180 lb or 12 st 6."
_ASK_UNIT = "Is that kg or lb? Send it like 82 kg or 180 lb."


def _checked(amount: float, unit: WeightUnit) -> Weight:
    low, high = _RANGES[unit]
    if not low <= amount <= high:
        raise InvalidAnswer(
            f"That weight looks off. Please send a weight between {low:.0f} and {high:.0f} "
            f"{unit.value}, e.g. {_EXAMPLES[unit]}."
        )
    kg = amount if unit is WeightUnit.KG else amount * KG_PER_LB
    return Weight(kg=kg, unit=unit)


def parse_weight(text: str, default_unit: WeightUnit | None) -> Weight:
    """Read "82", "82,5 kg", "180 lbs", "12 st 6"; a bare number uses default_unit.

    Stones and pounds are stored with the lb unit (1 st = 14 lb).
    """
    cleaned = _PREFIX.sub("", normalize(text)).replace(",", ".").replace("kg.", "kg")
    if match := _STONES.fullmatch(cleaned):
        stones, pounds = float(match[1]), float(match[2] or 0)
        if pounds >= 14:
            raise InvalidAnswer("The pounds after stones go from 0 to 13, e.g. 12 st 6.")
        return _checked(stones * 14 + pounds, WeightUnit.LB)
    match = _PLAIN.fullmatch(cleaned)
    if match is None:
        raise InvalidAnswer(_UNREADABLE)
    unit = _UNITS.get(match[2]) if match[2] else default_unit
    if match[2] and unit is None:
        raise InvalidAnswer(_UNREADABLE)
    if unit is None:
        raise InvalidAnswer(_ASK_UNIT)
    return _checked(float(match[1]), unit)
