"""Plain, frozen descriptions of what the progress charts and clinician report show.

Services build these from the database; the renderers in this package only read them,
so the drawing code never touches the DB or Telegram. Loads are always stored in kg and
converted for display according to ``ProgressData.weight_unit``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from bot.domain.training.adherence import sessions_text


@dataclass(frozen=True)
class WeekTraining:
    """Training sessions in one week (``week_start`` is the first day of that week)."""

    week_start: date
    planned: int
    done: int
    partly: int
    skipped: int = 0
    unanswered: int = 0  # past sessions with no answer (today's pending one is not counted)


@dataclass(frozen=True)
class WeekReview:
    """One summary week, `start` to `end` inclusive: the weekly summary's text and its chart
    are both drawn from this one value."""

    start: date
    end: date
    planned_sessions: int
    done: int
    partly: int
    skipped: int
    lift_sets: int
    checkin_days: int

    @property
    def sessions_text(self) -> str:
        """'2 done, 1 partly, 1 skipped of 4 planned': the summary's text and chart say this."""
        return sessions_text(
            done=self.done, partly=self.partly, skipped=self.skipped, planned=self.planned_sessions
        )


@dataclass(frozen=True)
class LiftPoint:
    """The heaviest logged set of one lift on one day, in kg."""

    day: date
    lift_name: str
    top_kg: float


@dataclass(frozen=True)
class NutritionWeek:
    """Nutrition check-ins in one week, and on how many days each target was met."""

    week_start: date
    checkins: int
    days_on_target: dict[str, int]  # nutrient display name -> days met target that week


@dataclass(frozen=True)
class LabPoint:
    """One lab value on one day, in the series' unit."""

    day: date
    value: float


@dataclass(frozen=True)
class LabBand:
    """A stretch of values the bot reads at one flag level (either bound may be open):
    the bounds are the catalogue's flag thresholds, in the series' unit."""

    low: float | None
    high: float | None
    level: str  # "ok" | "note" | "discuss" | "urgent", as the bot reads a value in it


@dataclass(frozen=True)
class LabLine:
    """A flag line that depends on his own history (e.g. CTX 30 % over his first result)."""

    value: float
    label: str


@dataclass(frozen=True)
class LabSeries:
    """One lab test over time in his display unit, with the bands the bot flags with."""

    name: str
    unit: str
    points: list[LabPoint]
    bands: tuple[LabBand, ...] = ()
    lines: tuple[LabLine, ...] = ()


@dataclass(frozen=True)
class NutrientDay:
    """His total of one nutrient on one day, and the bot's verdict on it."""

    day: date
    amount: float
    status: str  # a DayStatus value: "met", "above_target", "below", "above_limit" or "logged"


@dataclass(frozen=True)
class NutrientSeries:
    """One nutrient's daily totals, with the target and upper limit the bot judges them by."""

    name: str
    unit: str
    days: list[NutrientDay]
    target_low: float | None  # None: no target in this unit (protein without his weight)
    target_high: float | None
    target_text: str  # "target 1000 mg a day"
    limit: float | None  # an upper limit judged on the day's total, if any
    limit_text: str  # "upper limit 2000 mg a day", or how a supplement-only limit applies
    judged: bool  # False: a reference figure only, never judged met or below

    def count(self, status: str) -> int:
        """Days with this verdict."""
        return sum(1 for d in self.days if d.status == status)


@dataclass(frozen=True)
class LabRow:
    """One line of the clinician report's lab table, already formatted."""

    day: date
    name: str
    value_text: str  # value with its unit, as entered
    flag: str  # flag text ('' if none)


@dataclass(frozen=True)
class ProgressData:
    """Everything the progress charts draw."""

    generated_on: date
    weeks: list[WeekTraining]
    lifts: list[LiftPoint]
    nutrition: list[NutritionWeek]
    labs: list[LabSeries]
    weight_unit: str  # "kg" | "lb"
    nutrients: list[NutrientSeries] = field(default_factory=list)


@dataclass(frozen=True)
class ReportData:
    """Everything the clinician PDF shows."""

    generated_on: date
    patient_label: str  # "Age band 50–59 · weight 132 lb · anastrozole since Mar 2025"
    progress: ProgressData
    lab_rows: list[LabRow]
    adherence_lines: list[str]
    disclaimer: str
    red_flag_lines: list[str] = field(default_factory=list)  # "2026-03-02 — back pain …"
    lab_trends: list[str] = field(default_factory=list)  # one line per lab he has
