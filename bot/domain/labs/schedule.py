"""When a lab is next due: baseline, a recheck after an anastrozole start or dose change, then
the catalog's interval (or his own). Pure: every figure comes from content/labs.yaml.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from bot.domain.labs.catalog import Interval, Lab

DueReason = Literal[
    "baseline", "recheck after change", "interval", "custom interval", "recheck after a flag"
]
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
    last_result_flagged: bool = False,
    trt_changed_on: dt.date | None = None,
    since: dt.date | None = None,
) -> DueInfo:
    """The next due date for one lab.

    - No result yet: a baseline, due from `since` (the day he joined; today when not given),
      or from the anastrozole start if the catalog ties the baseline to it and it is later.
    - An anastrozole start, an anastrozole dose change (changed_on) or a testosterone start or
      dose change (trt_changed_on) on or after the last result, for a lab whose catalog
      recheck lists that trigger: the change date plus the recheck days. A result taken on
      the day of the change counts as taken before it.
    - Otherwise: the last result plus custom_interval_days when set, else plus the catalog
      interval: its `if_low` interval when last_result_low (DXA yearly after low bone mass,
      vitamin D 3 months after a low result), its `after_flag` interval after any other
      flagged result, whichever of these and the interval is shortest.
    Due dates in the past mean overdue; the caller decides how to remind.
    """
    if custom_interval_days is not None and custom_interval_days < 1:
        raise ValueError("custom_interval_days must be at least 1")
    schedule = lab.schedule
    if not history:
        baseline, due_on = schedule.baseline, min(since or today, today)
        if baseline.timing == "ai_start" and anastrozole_since and anastrozole_since > due_on:
            due_on = anastrozole_since
        return DueInfo(due_on, "baseline", 0, baseline.source, baseline.status == "U")
    last = max(history)
    if (recheck := schedule.recheck) is not None:
        triggers = {
            "ai_start": anastrozole_since,
            "dose_change": changed_on,
            "trt_change": trt_changed_on,
        }
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
    chosen: tuple[Interval, DueReason] = (schedule.interval, "interval")
    flagged = [schedule.if_low] if last_result_low else []
    flagged += [schedule.after_flag] if last_result_low or last_result_flagged else []
    for shorter in flagged:
        if shorter is not None and shorter.days < chosen[0].days:
            chosen = (shorter, "recheck after a flag")
    interval, reason = chosen
    due_on = last + dt.timedelta(days=interval.days)
    return DueInfo(due_on, reason, interval.days, interval.source, interval.status == "U")
