"""Gather his history into the shapes the charts and the clinician PDF draw."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.content import Content
from bot.db.lab_queries import results_of
from bot.db.log_queries import nutrition_days_between, sets_of
from bot.db.models import NutritionEntry, TrainingSet
from bot.domain.labs import Band, Lab, ScoreKind, display_value, read_result
from bot.domain.nutrition import REACHED_TARGET, assess_day
from bot.domain.profile import LabUnits
from bot.domain.training import adherence, exercise_for_key
from bot.reports.progress_data import (
    LabPoint,
    LabRow,
    LabSeries,
    LiftPoint,
    NutritionWeek,
    ProgressData,
    ReportData,
    WeekTraining,
)
from bot.services.accounts import Account
from bot.services.adherence import planned_sessions
from bot.services.safety import red_flag_events
from bot.services.unit_of_work import UnitOfWork

WEEKS = 12
DISCLAIMER = (
    "Prepared by BoneCoach, a coaching tool — not a medical record and not medical advice. "
    "Values are as entered by the user. Flags are reading aids against published references; "
    "interpretation and any treatment decision belong to the clinician."
)


def _ok_band(bands: tuple[Band, ...]) -> tuple[float | None, float | None]:
    """The bounds of the "ok" band (None: open on that side)."""
    low: float | None = None
    for band in bands:
        if band.level == "ok":
            return low, band.bound
        low = band.bound
    return None, None


def _series(lab: Lab, points: list[LabPoint]) -> LabSeries:
    """One lab over time, with its reference band."""
    bands = lab.flags.bands or lab.flags.t_bands
    low, high = _ok_band(bands)
    unit = lab.unit
    return LabSeries(lab.name, unit, points, low, high, "reference band" if low or high else "")


async def progress_data(
    uow: UnitOfWork, *, account: Account, content: Content, today: date
) -> ProgressData:
    """The last twelve weeks of training, lifts, nutrition and his lab history."""
    session = uow.session
    first_week = today - timedelta(days=today.weekday() + 7 * (WEEKS - 1))
    sessions = await planned_sessions(uow, account=account, first=first_week, last=today)
    weeks = []
    for index in range(WEEKS):
        week_start = first_week + timedelta(days=7 * index)
        week = adherence(
            sessions, first=week_start, last=week_start + timedelta(days=6), today=today
        )
        weeks.append(
            WeekTraining(
                week_start, week.planned, week.done, week.partly, week.skipped, week.unanswered
            )
        )
    lifts = [  # loaded work only: bodyweight sets (load 0) have no load to chart
        LiftPoint(day, exercise_for_key(content.exercises, key).name, top)
        for (day, key), top in _top_sets(
            await sets_of(session, user_id=account.id, since=first_week)
        )
        if top > 0
    ]
    nutrition = await _nutrition_weeks(session, account, content, first_week, today)
    labs = await _lab_series(session, account, content)
    return ProgressData(today, weeks, lifts, nutrition, labs, account.weight_unit.value)


def _top_sets(sets: Sequence[TrainingSet]) -> list[tuple[tuple[date, str], float]]:
    """The heaviest set per (day, lift), in day order."""
    tops: dict[tuple[date, str], float] = {}
    for row in sets:
        key = (row.local_day, row.lift_key)
        tops[key] = max(tops.get(key, 0.0), row.load_kg)
    return sorted(tops.items())


async def _nutrition_weeks(
    session: AsyncSession, account: Account, content: Content, first_week: date, today: date
) -> list[NutritionWeek]:
    """Per week: check-in days and the days each nutrient met its target."""
    days = await nutrition_days_between(session, user_id=account.id, start=first_week, end=today)
    entries = (
        await session.exec(
            select(NutritionEntry)
            .where(NutritionEntry.user_id == account.id)
            .where(col(NutritionEntry.local_day) >= first_week)
        )
    ).all()
    per_day: dict[date, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for entry in entries:
        per_day[entry.local_day][entry.nutrient] += entry.amount
    names = {n.key: n.name for n in content.nutrients.nutrients}
    weeks = []
    for index in range(WEEKS):
        week_start = first_week + timedelta(days=7 * index)
        on_target: dict[str, int] = defaultdict(int)
        for offset in range(7):
            totals = per_day.get(week_start + timedelta(days=offset))
            if not totals:
                continue
            statuses = assess_day(
                dict(totals),
                age_band=account.age_band,
                weight_kg=account.weight_kg,
                catalog=content.nutrients,
            )
            for status in statuses:
                if status.status in REACHED_TARGET:
                    on_target[names.get(status.nutrient_key, status.nutrient_key)] += 1
        checkins = sum(1 for d in days if week_start <= d < week_start + timedelta(7))
        weeks.append(NutritionWeek(week_start, checkins, dict(on_target)))
    return weeks


async def _lab_series(session: AsyncSession, account: Account, content: Content) -> list[LabSeries]:
    """His results per lab he has any of, in catalogue order."""
    results = await results_of(session, user_id=account.id)
    series = []
    for lab in content.labs.labs:
        points = [LabPoint(r.taken_on, r.value_canonical) for r in results if r.lab_key == lab.key]
        if points:
            series.append(_series(lab, points))
    return series


async def report_data(
    uow: UnitOfWork, *, account: Account, content: Content, today: date
) -> ReportData:
    """Everything for the clinician's one-to-two pages."""
    progress = await progress_data(uow, account=account, content=content, today=today)
    prefs = account.lab_units or LabUnits.CONVENTIONAL
    age = account.age_band
    rows = []
    for result in await results_of(uow.session, user_id=account.id):
        lab = content.labs.get(result.lab_key)
        kind: ScoreKind | None = (
            "T" if result.score_kind == "T" else "Z" if result.score_kind == "Z" else None
        )
        reading = read_result(lab, result.value_canonical, age_band=age, score_kind=kind)
        flag = {"ok": "", "note": "note", "discuss": "discuss", "urgent": "contact promptly"}
        shown = display_value(result.value_canonical, lab, prefs, score_kind=kind)
        rows.append(LabRow(result.taken_on, lab.name, shown, flag.get(reading.level, "")))
    checkins = sum(w.checkins for w in progress.nutrition)
    adherence_lines = [f"Nutrition check-ins answered on {checkins} days (12 weeks)"]
    band = account.age_band.label if account.age_band else "not given"
    anastrozole = account.anastrozole.value if account.anastrozole else "not given"
    return ReportData(
        generated_on=today,
        patient_label=f"BoneCoach user · age band {band} · anastrozole: {anastrozole}",
        progress=progress,
        lab_rows=rows,
        supplements=_supplement_lines(progress),
        adherence_lines=adherence_lines,
        disclaimer=DISCLAIMER,
        red_flag_lines=await _red_flag_lines(uow, account),
    )


RESOLUTIONS = {"better": "later said: better", "checked": "later said: got checked"}


async def _red_flag_lines(uow: UnitOfWork, account: Account) -> list[str]:
    """'2026-03-02 — back pain nerve signs (later said: better)', newest first."""
    lines = []
    for event in reversed(await red_flag_events(uow, account=account)):
        line = f"{event.day.isoformat()} — {event.kind.replace('_', ' ')}"
        if event.resolution in RESOLUTIONS:
            line += f" ({RESOLUTIONS[event.resolution]})"
        lines.append(line)
    return lines


def _supplement_lines(progress: ProgressData) -> list[str]:
    """Days on target per nutrient over the twelve weeks, one line each."""
    totals: dict[str, int] = defaultdict(int)
    for week in progress.nutrition:
        for name, days in week.days_on_target.items():
            totals[name] += days
    return [f"{name}: on target on {days} days (12 weeks)" for name, days in sorted(totals.items())]
