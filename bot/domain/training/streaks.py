"""Streaks over planned days: runs of completed planned days, unplanned days ignored."""

from collections.abc import Sequence
from datetime import date


def _by_day(outcomes: Sequence[tuple[date, bool]]) -> dict[date, bool]:
    """One outcome per planned day; a day listed twice counts as done if either says so."""
    days: dict[date, bool] = {}
    for day, done in outcomes:
        days[day] = days.get(day, False) or done
    return days


def current_streak(
    outcomes: Sequence[tuple[date, bool]], *, today: date, include_today_if_pending: bool = True
) -> int:
    """Completed planned days in a row, ending at the latest planned day on or before today.

    Today's planned day, not yet done, is pending: it neither counts nor breaks the streak.
    With include_today_if_pending=False it is read as missed (the day is over), giving 0.
    """
    days = _by_day(outcomes)
    streak = 0
    for day in sorted((d for d in days if d <= today), reverse=True):
        if days[day]:
            streak += 1
        elif day == today and include_today_if_pending:
            continue
        else:
            break
    return streak


def best_streak(outcomes: Sequence[tuple[date, bool]]) -> int:
    """The longest run of completed planned days in a row."""
    days = _by_day(outcomes)
    best = run = 0
    for day in sorted(days):
        run = run + 1 if days[day] else 0
        best = max(best, run)
    return best
