"""Bone labs: the catalog in content/labs.yaml, its checks, typed results, readings, due dates.

catalog.py (the models), checks.py (what the models can't check), parse.py (typed results),
flags.py (readings and display), schedule.py (when the next result is due).
"""

from bot.domain.labs.catalog import Band, Lab, LabCatalog, Level, ScoreKind, convert
from bot.domain.labs.checks import catalog_problems
from bot.domain.labs.flags import (
    DISCUSS,
    U_NOTE,
    URGENT,
    Citation,
    Reading,
    display_value,
    read_result,
)
from bot.domain.labs.parse import (
    MAX_YEARS_BACK,
    LabEntry,
    ReferenceRange,
    parse_lab_entry,
    parse_reference,
    reference_in,
)
from bot.domain.labs.schedule import DueInfo, DueReason, next_due

__all__ = [
    "DISCUSS",
    "MAX_YEARS_BACK",
    "URGENT",
    "U_NOTE",
    "Band",
    "Citation",
    "DueInfo",
    "DueReason",
    "Lab",
    "LabCatalog",
    "LabEntry",
    "Level",
    "Reading",
    "ReferenceRange",
    "ScoreKind",
    "catalog_problems",
    "convert",
    "display_value",
    "next_due",
    "parse_lab_entry",
    "parse_reference",
    "read_result",
    "reference_in",
]
