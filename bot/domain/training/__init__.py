"""Training: the exercise catalog, today's plan, lift logs, progression and streaks.

catalog.py and catalog_parts.py (content/exercises.yaml), plan.py (today's session or short
dose), exercises.py (names /log accepts, custom lifts), log_parse.py (typed lift logs),
records.py (a new personal record), guided.py (set-by-set logging with buttons),
progression.py (load suggestions, records, top sets), values.py (sets, logs, results,
units), streaks.py (runs of completed planned days).
"""

from bot.domain.training.catalog import ExerciseCatalog
from bot.domain.training.catalog_parts import Phase
from bot.domain.training.exercises import (
    Exercise,
    exercise_for_key,
    exercise_for_name,
    find_exercise,
)
from bot.domain.training.log_parse import EXAMPLES as LIFT_LOG_EXAMPLES
from bot.domain.training.log_parse import parse_lift_log, split_name
from bot.domain.training.plan import (
    DayPlan,
    ItemKind,
    PlannedItem,
    phase_for,
    session_for_day,
    weeks_since_start,
)
from bot.domain.training.progression import (
    PersonalRecord,
    TopSet,
    next_suggestion,
    personal_records,
    top_sets,
)
from bot.domain.training.records import best_set, new_record
from bot.domain.training.streaks import best_streak, current_streak
from bot.domain.training.values import (
    LiftLog,
    LoadSuggestion,
    SessionResult,
    SetEntry,
    SuggestionReason,
    format_amount,
    format_load,
    from_unit,
    to_unit,
)

__all__ = [
    "LIFT_LOG_EXAMPLES",
    "DayPlan",
    "Exercise",
    "ExerciseCatalog",
    "ItemKind",
    "LiftLog",
    "LoadSuggestion",
    "PersonalRecord",
    "Phase",
    "PlannedItem",
    "SessionResult",
    "SetEntry",
    "SuggestionReason",
    "TopSet",
    "best_set",
    "best_streak",
    "current_streak",
    "exercise_for_key",
    "exercise_for_name",
    "find_exercise",
    "format_amount",
    "format_load",
    "from_unit",
    "new_record",
    "next_suggestion",
    "parse_lift_log",
    "personal_records",
    "phase_for",
    "session_for_day",
    "split_name",
    "to_unit",
    "top_sets",
    "weeks_since_start",
]
