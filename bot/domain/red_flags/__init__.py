"""Red flags in a user's free text: symptoms that need medical contact instead of coaching.

detect.py (the most severe flag a message reports), model.py (the catalog in
content/red_flags.yaml, checked and compiled), text.py (clean-up, sentences, the phrase
pattern language), hits.py (concept hits minus negated, hypothetical and question ones).
"""

from bot.domain.red_flags.detect import RedFlagMatch, detect
from bot.domain.red_flags.model import RedFlagCatalog, Severity

__all__ = [
    "RedFlagCatalog",
    "RedFlagMatch",
    "Severity",
    "detect",
]
