"""Which scheduled messages a user gets, and at what local time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

FOLLOWUP_BEFORE_CHECKIN = timedelta(hours=1)
MIN_GAP_AFTER_TRAINING = timedelta(hours=2)

TRAINING = "training"
NUTRITION = "nutrition"
FOLLOWUP = "followup"
WEEKLY = "weekly"
LABS = "labs"
LABS_TIME = time(12, 0)  # lab reminders at midday, when clinics answer the phone


@dataclass(frozen=True)
class KindTiming:
    """One kind of scheduled message: its local time and, if not daily, the weekdays."""

    kind: str
    at: time
    days_mask: int | None


def _minus(at: time, delta: timedelta) -> time | None:
    moved = datetime.combine(date(2000, 1, 2), at) - delta
    return moved.time() if moved.date() == date(2000, 1, 2) else None


def timings_for(
    *, training_time: time, nutrition_time: time, training_days_mask: int, summary_weekday: int
) -> list[KindTiming]:
    """The training prompt and the check-in daily; the follow-up on training days, an hour
    before the check-in when that leaves room after the training prompt; the weekly summary
    on his summary day with the morning prompt; lab reminders at midday."""
    timings = [
        KindTiming(WEEKLY, training_time, 1 << summary_weekday),
        KindTiming(TRAINING, training_time, None),
        KindTiming(NUTRITION, nutrition_time, None),
        KindTiming(LABS, LABS_TIME, None),
    ]
    followup = _minus(nutrition_time, FOLLOWUP_BEFORE_CHECKIN)
    if followup is not None and training_days_mask:
        earliest = datetime.combine(date(2000, 1, 2), training_time) + MIN_GAP_AFTER_TRAINING
        if datetime.combine(date(2000, 1, 2), followup) >= earliest:
            timings.append(KindTiming(FOLLOWUP, followup, training_days_mask))
    return timings
