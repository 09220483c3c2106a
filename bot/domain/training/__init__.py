"""Training: the exercise catalog, today's plan, lift logs, progression and streaks.

catalog.py and catalog_parts.py (content/exercises.yaml), plan.py (today's session or short
dose), exercises.py (names /log accepts, custom lifts), log_parse.py (typed lift logs),
records.py (a new personal record), guided.py (set-by-set logging with buttons), loads.py
(the next load), load_notes.py (the words beside it), progression.py (records, top sets),
adherence.py (planned sessions done), clearance.py (who trains on the clinician-cleared
path), values.py (sets, logs, results,
units), streaks.py (runs of completed planned days).
"""

from bot.domain.training.adherence import Adherence, Outcome, PlannedSession, adherence
from bot.domain.training.catalog import ExerciseCatalog
from bot.domain.training.catalog_parts import Phase
from bot.domain.training.clearance import (
    ClearanceReason,
    ClearanceRules,
    SafetyFacts,
    ScreenFinding,
    clearance_needed,
)
from bot.domain.training.exercises import (
    Exercise,
    exercise_for_key,
    exercise_for_name,
    find_exercise,
)
from bot.domain.training.loads import (
    Effort,
    LiftSession,
    LoadReason,
    LoadRules,
    NextLoad,
    lift_sessions,
    next_load,
)
from bot.domain.training.log_parse import EXAMPLES as LIFT_LOG_EXAMPLES
from bot.domain.training.log_parse import parse_lift_log, split_name
from bot.domain.training.plan import (
    DayPlan,
    ItemKind,
    PlannedItem,
    is_training_day,
    phase_for,
    session_for_day,
    weeks_since_start,
)
from bot.domain.training.progression import (
    PersonalRecord,
    TopSet,
    personal_records,
    top_sets,
)
from bot.domain.training.records import best_set, new_record
from bot.domain.training.streaks import best_streak, current_streak
from bot.domain.training.values import (
    LiftLog,
    SessionResult,
    SetEntry,
    format_amount,
    format_load,
    from_unit,
    to_unit,
)

__all__ = [
    "LIFT_LOG_EXAMPLES",
    "Adherence",
    "ClearanceReason",
    "ClearanceRules",
    "DayPlan",
    "Effort",
    "Exercise",
    "ExerciseCatalog",
    "ItemKind",
    "LiftLog",
    "LiftSession",
    "LoadReason",
    "LoadRules",
    "NextLoad",
    "Outcome",
    "PersonalRecord",
    "Phase",
    "PlannedItem",
    "PlannedSession",
    "SafetyFacts",
    "ScreenFinding",
    "SessionResult",
    "SetEntry",
    "TopSet",
    "adherence",
    "best_set",
    "best_streak",
    "clearance_needed",
    "current_streak",
    "exercise_for_key",
    "exercise_for_name",
    "find_exercise",
    "format_amount",
    "format_load",
    "from_unit",
    "is_training_day",
    "lift_sessions",
    "new_record",
    "next_load",
    "parse_lift_log",
    "personal_records",
    "phase_for",
    "session_for_day",
    "split_name",
    "to_unit",
    "top_sets",
    "weeks_since_start",
]
