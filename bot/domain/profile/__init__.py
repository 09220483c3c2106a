"""His profile: the questions, the values they take, and the parsers for typed answers.

values.py (units, age bands, weekdays, weight, the typed value of each answer), questions.py
(the questions and onboarding order), weekdays.py (training days as a 7-bit mask), and the
parsers: parse_answers.py (yes/no, anastrozole use, lab units, age; the one import point for
every answer parser), parse_schedule.py (clock time, weekdays, duration), parse_dates.py
(the anastrozole start) and parse_weight.py.
"""

from bot.domain.profile.parse_answers import (
    parse_age,
    parse_anastrozole_use,
    parse_lab_units,
    parse_screen,
    parse_yes_no,
)
from bot.domain.profile.parse_dates import parse_start_month
from bot.domain.profile.parse_schedule import (
    EVENING_EARLIEST,
    check_evening_time,
    parse_clock_time,
    parse_duration,
    parse_evening_time,
    parse_weekdays,
)
from bot.domain.profile.parse_weight import parse_weight
from bot.domain.profile.questions import (
    ONBOARDING_ORDER,
    Question,
    follow_up,
    next_onboarding_question,
    onboarding_position,
)
from bot.domain.profile.values import (
    KG_PER_LB,
    AgeBand,
    AnastrozoleUse,
    AnswerValue,
    LabUnits,
    ScreenAnswer,
    ScreenFinding,
    StartDate,
    Weekday,
    Weight,
    WeightUnit,
    ZoneName,
)
from bot.domain.profile.weekdays import describe, from_mask, to_mask

__all__ = [
    "EVENING_EARLIEST",
    "KG_PER_LB",
    "ONBOARDING_ORDER",
    "AgeBand",
    "AnastrozoleUse",
    "AnswerValue",
    "LabUnits",
    "Question",
    "ScreenAnswer",
    "ScreenFinding",
    "StartDate",
    "Weekday",
    "Weight",
    "WeightUnit",
    "ZoneName",
    "check_evening_time",
    "describe",
    "follow_up",
    "from_mask",
    "next_onboarding_question",
    "onboarding_position",
    "parse_age",
    "parse_anastrozole_use",
    "parse_clock_time",
    "parse_duration",
    "parse_evening_time",
    "parse_lab_units",
    "parse_screen",
    "parse_start_month",
    "parse_weekdays",
    "parse_weight",
    "parse_yes_no",
    "to_mask",
]
