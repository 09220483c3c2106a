"""Which of the progress data the charts show: recent weeks, the main lifts, labs with points."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from bot.domain.profile import KG_PER_LB
from bot.reports.progress_data import (
    LabSeries,
    LiftPoint,
    NutrientSeries,
    NutritionWeek,
    ProgressData,
    WeekTraining,
)

MAX_WEEKS = 12
MAX_LIFTS = 4
DAYS_PER_WEEK = 7
GRID_COLUMNS = 2  # lab and nutrient panels, two to a row: legible on a phone


def has_progress_data(data: ProgressData) -> bool:
    """Whether any panel of the progress chart has something to draw."""
    return bool(
        training_weeks(data.weeks)
        or data.lifts
        or nutrition_weeks(data.nutrition)
        or lab_series(data.labs)
        or data.nutrients
    )


def first_week(data: ProgressData) -> date:
    """The Monday of the week of his first data in the last MAX_WEEKS weeks (sessions planned
    or answered, lifts, check-ins, nutrient totals): the weekly axes start there, so a new user
    sees no empty weeks. Labs keep their own, longer axis."""
    today = data.generated_on
    earliest = today - timedelta(days=today.weekday() + 7 * (MAX_WEEKS - 1))
    days = [w.week_start for w in data.weeks if w.planned or w.done or w.partly or w.skipped]
    days += [w.week_start for w in data.nutrition if w.checkins or any(w.days_on_target.values())]
    days += [p.day for p in data.lifts]
    days += [d.day for n in data.nutrients for d in n.days]
    days = [d for d in days if earliest <= d <= today]
    first = min(days, default=today)
    return first - timedelta(days=first.weekday())


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


def training_weeks(weeks: Sequence[WeekTraining], start: date | None = None) -> list[WeekTraining]:
    """The last MAX_WEEKS weeks from `start` on, oldest first, or none if nothing was
    planned or done."""
    recent = sorted(weeks, key=lambda w: w.week_start)[-MAX_WEEKS:]
    recent = [w for w in recent if start is None or w.week_start >= start]
    return recent if any(w.planned or w.done or w.partly or w.skipped for w in recent) else []


def nutrition_weeks(
    weeks: Sequence[NutritionWeek], start: date | None = None
) -> list[NutritionWeek]:
    """The last MAX_WEEKS weeks from `start` on, oldest first, or none if nothing was
    recorded in them."""
    recent = sorted(weeks, key=lambda w: w.week_start)[-MAX_WEEKS:]
    recent = [w for w in recent if start is None or w.week_start >= start]
    has_any = any(w.checkins or any(w.days_on_target.values()) for w in recent)
    return recent if has_any else []


def lab_series(labs: Sequence[LabSeries]) -> list[LabSeries]:
    """Every lab series that has at least one result: each gets a panel."""
    return [series for series in labs if series.points]


def nutrient_series(nutrients: Sequence[NutrientSeries]) -> list[NutrientSeries]:
    """Every nutrient he logged: each gets a panel."""
    return [series for series in nutrients if series.days]


def grid_rows(count: int) -> list[int]:
    """Panels per row: a single panel spans the width, otherwise two to a row."""
    if count == 1:
        return [1]
    return [GRID_COLUMNS] * (count // GRID_COLUMNS) + [1] * (count % GRID_COLUMNS)
