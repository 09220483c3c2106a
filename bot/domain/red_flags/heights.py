"""A height loss told as two heights: "I used to be 6 foot, now 5'10", "was 175 cm, now 171".

Phrases can't subtract, so this reads the raw text: every height in feet and inches or in
centimetres, and a word that says one height is from before and one from now. The rules treat
a drop of more than HEIGHT_LOSS_CM like the height_loss concept (detect.py).
"""

from __future__ import annotations

import re

HEIGHT_LOSS_CM = 3.0  # clinical-defaults.md §6: more than 3 cm
CM_PER_FOOT, CM_PER_INCH = 30.48, 2.54
_FEET = re.compile(
    r"(?<![\d.])([4-7])\s*(?:'|’|ft\b\.?|feet\b|foot\b)\s*(?:(\d{1,2})(?![\d.]))?", re.IGNORECASE
)
_CM = re.compile(r"(?<![\d.])(1[4-9]\d|2[01]\d)(?:\.\d)?\s*(?:cm\b|cms\b|centimet)", re.IGNORECASE)
_BARE_CM = re.compile(r"(?<![\d.'’])(1[4-9]\d|2[01]\d)(?![\d.'’]|\s*(?:kg|lb|lbs|pounds)\b)")
_BEFORE = re.compile(r"\b(used to be|was|were|last (?:year|time|physical|check)|ago)\b", re.I)
_NOW = re.compile(r"\b(now|today|measured|these days|currently)\b", re.IGNORECASE)


def height_drop_cm(text: str) -> float | None:
    """How much shorter he says he is now than before, in cm; None when he doesn't say."""
    if not (_BEFORE.search(text) and _NOW.search(text)):
        return None
    heights = [
        int(feet) * CM_PER_FOOT + int(inches or 0) * CM_PER_INCH
        for feet, inches in _FEET.findall(text)
        if int(inches or 0) < 12
    ]
    centimetres = [float(cm) for cm in _CM.findall(text)]
    if centimetres:  # "was 175 cm all my life, today measured 171": the unit is said once
        centimetres = [float(cm) for cm in _BARE_CM.findall(text)]
    heights += centimetres
    if len(heights) < 2:
        return None
    return max(heights) - min(heights)
