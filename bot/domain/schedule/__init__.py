"""When prompts happen: local times to UTC across DST, quiet hours, and each kind's timing.

times.py (occurrences of a wall time in a zone), quiet_hours.py (quiet hours and the
send/wait/skip decision), prompt_timing.py (which scheduled messages a user gets, and when).
"""

from bot.domain.schedule.prompt_timing import KindTiming, timings_for
from bot.domain.schedule.quiet_hours import (
    QuietHours,
    SendDecision,
    in_quiet_hours,
    parse_quiet_hours,
    quiet_hours_end,
    send_decision,
)
from bot.domain.schedule.times import (
    ALL_DAYS_MASK,
    local_day_of,
    next_occurrence,
    occurrence,
    occurrences_between,
    week_bounds,
)

__all__ = [
    "ALL_DAYS_MASK",
    "KindTiming",
    "QuietHours",
    "SendDecision",
    "in_quiet_hours",
    "local_day_of",
    "next_occurrence",
    "occurrence",
    "occurrences_between",
    "parse_quiet_hours",
    "quiet_hours_end",
    "send_decision",
    "timings_for",
    "week_bounds",
]
