"""Which of the progress data the charts show: recent weeks, the main lifts, labs with points."""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.profile import KG_PER_LB
from bot.reports.progress_data import (
    LabSeries,
    LiftPoint,
    NutritionWeek,
    ProgressData,
    WeekTraining,
)

MAX_WEEKS = 12
MAX_LIFTS = 4
MAX_NUTRIENTS = 4
MAX_LAB_PANELS = 4
DAYS_PER_WEEK = 7


def has_progress_data(data: ProgressData) -> bool:
    """Whether any panel of the progress chart has something to draw."""
    return bool(
        training_weeks(data.weeks)
        or data.lifts
        or nutrition_weeks(data.nutrition)
        or lab_series(data.labs)
    )


def display_load(kg: float, weight_unit: str) -> float:
    """A load stored in kg, in the user's unit ("kg" or "lb")."""
    return kg / KG_PER_LB if weight_unit == "lb" else kg


def lift_series(lifts: Sequence[LiftPoint]) -> dict[str, list[LiftPoint]]:
    """Points per lift, day-ordered, for the lifts with the most points (at most four)."""
    by_name: dict[str, list[LiftPoint]] = {}
    for point in sorted(lifts, key=lambda p: p.day):
        by_name.setdefault(point.lift_name, []).append(point)
    ranked = sorted(by_name, key=lambda name: -len(by_name[name]))[:MAX_LIFTS]
    return {name: by_name[name] for name in sorted(ranked, key=list(by_name).index)}


def training_weeks(weeks: Sequence[WeekTraining]) -> list[WeekTraining]:
    """The last MAX_WEEKS weeks, oldest first, or none if nothing was planned or done."""
    recent = sorted(weeks, key=lambda w: w.week_start)[-MAX_WEEKS:]
    return recent if any(w.planned or w.done or w.partly for w in recent) else []


def nutrition_weeks(weeks: Sequence[NutritionWeek]) -> list[NutritionWeek]:
    """The last MAX_WEEKS weeks, oldest first, or none if nothing was recorded in them."""
    recent = sorted(weeks, key=lambda w: w.week_start)[-MAX_WEEKS:]
    has_any = any(w.checkins or any(w.days_on_target.values()) for w in recent)
    return recent if has_any else []


def lab_series(labs: Sequence[LabSeries]) -> list[LabSeries]:
    """The first MAX_LAB_PANELS lab series that have at least one result."""
    return [series for series in labs if series.points][:MAX_LAB_PANELS]


def lab_layout(count: int) -> list[int]:
    """Panels per row: one lab spans the width, two share a row, three or four use two rows."""
    return {0: [], 1: [1], 2: [2], 3: [2, 1]}.get(count, [2, 2])
