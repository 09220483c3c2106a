"""When a lab is next due: baseline, a recheck after an anastrozole start or dose change, then
the catalog's interval (or his own). Pure: every figure comes from content/labs.yaml.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from bot.domain.labs.catalog import Lab

DueReason = Literal["baseline", "recheck after change", "interval", "custom interval"]
CUSTOM_SOURCE = "an interval set by you or your prescriber"


@dataclass(frozen=True)
class DueInfo:
    """When the next result is due, why, and the gap in days behind it (0 for a baseline).

    source/is_default say where the figure comes from; is_default (a U row) means "a default
    your prescriber may change".
    """

    due_on: dt.date
    reason: DueReason
    interval_days: int
    source: str = ""
    is_default: bool = False


def next_due(
    lab: Lab,
    *,
    history: Sequence[dt.date],
    anastrozole_since: dt.date | None,
    changed_on: dt.date | None,
    custom_interval_days: int | None,
    today: dt.date,
    last_result_low: bool = False,
) -> DueInfo:
    """The next due date for one lab.

    - No result yet: a baseline, due today (or at the anastrozole start if the catalog ties
      the baseline to it and the start is still ahead).
    - An anastrozole start or a dose change (changed_on) on or after the last result, for a
      lab whose catalog recheck lists that trigger: the change date plus the recheck days.
      A result taken on the day of the change counts as taken before it.
    - Otherwise: the last result plus custom_interval_days when set, else plus the catalog
      interval (its `if_low` interval when last_result_low, e.g. DXA yearly after low bone
      mass, vitamin D 3 months after a low result).
    Due dates in the past mean overdue; the caller decides how to remind.
    """
    if custom_interval_days is not None and custom_interval_days < 1:
        raise ValueError("custom_interval_days must be at least 1")
    schedule = lab.schedule
    if not history:
        baseline, due_on = schedule.baseline, today
        if baseline.timing == "ai_start" and anastrozole_since and anastrozole_since > today:
            due_on = anastrozole_since
        return DueInfo(due_on, "baseline", 0, baseline.source, baseline.status == "U")
    last = max(history)
    if (recheck := schedule.recheck) is not None:
        triggers = {"ai_start": anastrozole_since, "dose_change": changed_on}
        changes = [
            day
            for trigger, day in triggers.items()
            if trigger in recheck.after and day is not None and day >= last
        ]
        if changes:
            due_on = max(changes) + dt.timedelta(days=recheck.days)
            is_default = recheck.status == "U"
            return DueInfo(due_on, "recheck after change", recheck.days, recheck.source, is_default)
    if custom_interval_days is not None:
        due_on = last + dt.timedelta(days=custom_interval_days)
        return DueInfo(due_on, "custom interval", custom_interval_days, CUSTOM_SOURCE)
    interval = schedule.if_low if last_result_low and schedule.if_low else schedule.interval
    due_on = last + dt.timedelta(days=interval.days)
    return DueInfo(due_on, "interval", interval.days, interval.source, interval.status == "U")
