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
    r"(?<![\d.])([4-7]|four|five|six|seven)\s*(?:'|’|ft\b\.?|feet\b|foot\b)\s*(?:(\d{1,2})(?![\d.]))?",
    re.IGNORECASE,
)
_WORD_FEET = {"four": 4, "five": 5, "six": 6, "seven": 7}
_CM = re.compile(r"(?<![\d.])(1[4-9]\d|2[01]\d)(?:\.\d)?\s*(?:cm\b|cms\b|centimet)", re.IGNORECASE)
_BARE_CM = re.compile(r"(?<![\d.'’])(1[4-9]\d|2[01]\d)(?![\d'’]|\.\d|\s*(?:kg|lb|lbs|pounds)\b)")
_BEFORE = re.compile(
    r"\b(used to be|was|were|been|from|last (?:year|time|physical|check)|ago|licen[cs]e|"
    r"passport|records?|file)\b",
    re.IGNORECASE,
)
_NOW = re.compile(
    r"\b(now|today|measured|these days|currently|to \d|put me at|says|said|physical|check-?up)",
    re.IGNORECASE,
)
_HEIGHT_WORD = re.compile(r"\b(height|tall|measured|shorter|shrunk|shrank)\b", re.IGNORECASE)


def height_drop_cm(text: str) -> float | None:
    """How much shorter he says he is now than before, in cm; None when he doesn't say."""
    if not (_BEFORE.search(text) and _NOW.search(text)):
        return None
    heights = [
        (int(feet) if feet.isdigit() else _WORD_FEET[feet.lower()]) * CM_PER_FOOT
        + int(inches or 0) * CM_PER_INCH
        for feet, inches in _FEET.findall(text)
        if int(inches or 0) < 12
    ]
    centimetres = [float(cm) for cm in _CM.findall(text)]
    # "was 175 cm all my life, today measured 171", "measured 173 today, always been 177":
    # once a unit or a height word is said, the other heights may come bare.
    if centimetres or (_HEIGHT_WORD.search(text) and not heights):
        centimetres = [float(cm) for cm in _BARE_CM.findall(text)]
    heights += centimetres
    if len(heights) < 2:
        return None
    return max(heights) - min(heights)
