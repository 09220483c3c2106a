"""Gather his history into the shapes the charts and the clinician PDF draw."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta
from itertools import pairwise

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.content import Content
from bot.db.lab_queries import results_of
from bot.db.log_queries import nutrition_days_between, sets_of
from bot.db.models import LabResult, NutritionEntry, TrainingSet
from bot.domain.labs import Lab, ScoreKind, display_value, read_result
from bot.domain.labs.catalog import fmt_number
from bot.domain.nutrition import (
    REACHED_TARGET,
    Nutrient,
    NutrientStatus,
    assess_day,
    daily_target,
)
from bot.domain.nutrition.values import format_amount
from bot.domain.profile import AgeBand, AnastrozoleUse, LabUnits, WeightUnit
from bot.domain.training import adherence, exercise_for_key
from bot.reports.progress_data import (
    LabBand,
    LabLine,
    LabPoint,
    LabRow,
    LabSeries,
    LiftPoint,
    NutrientDay,
    NutrientSeries,
    NutritionWeek,
    ProgressData,
    ReportData,
    WeekTraining,
)
from bot.services.accounts import Account
from bot.services.adherence import planned_sessions
from bot.services.labs import LabValue, flag_text, readings_of, value_of
from bot.services.safety import red_flag_events
from bot.services.unit_of_work import UnitOfWork

WEEKS = 12
DISCLAIMER = (
    "Prepared by BoneCoach, a coaching tool — not a medical record and not medical advice. "
    "Values are as entered by the user. Flags are reading aids against published references; "
    "interpretation and any treatment decision belong to the clinician."
)


def flag_bands(
    lab: Lab, *, age_band: AgeBand | None, score_kind: ScoreKind | None, factor: float = 1.0
) -> tuple[LabBand, ...]:
    """The stretches of values the bot reads at one level, bounded by the catalogue's flag
    thresholds (bands, and the DXA AI-context cut-off) and levelled by read_result itself, so
    the chart shades exactly where /lab flags. Neighbouring stretches of one level merge.
    `factor` turns canonical values into the series' display unit."""
    flags = lab.flags
    kind_bands = flags.bands
    if lab.is_score:
        kind_bands = flags.z_bands if score_kind == "Z" else flags.t_bands
    cuts = {b.bound for b in kind_bands if b.bound is not None}
    if lab.is_score and flags.ai_context is not None:
        cuts.add(flags.ai_context.below)
    if not cuts:
        return ()
    edges = sorted(cuts)
    spans: list[tuple[float | None, float | None]] = [(None, edges[0])]
    spans += list(pairwise(edges))
    spans.append((edges[-1], None))
    bands: list[LabBand] = []
    for low, high in spans:
        probe = (
            (low + high) / 2
            if low is not None and high is not None
            else (high - 1.0 if high is not None else (low or 0.0) + 1.0)
        )
        level = read_result(lab, probe, age_band=age_band, score_kind=score_kind).level
        shown = (None if low is None else low * factor, None if high is None else high * factor)
        if bands and bands[-1].level == level:
            bands[-1] = LabBand(bands[-1].low, shown[1], level)
        else:
            bands.append(LabBand(shown[0], shown[1], level))
    return tuple(bands) if len(bands) > 1 else ()


async def progress_data(
    uow: UnitOfWork, *, account: Account, content: Content, today: date
) -> ProgressData:
    """The last twelve weeks of training, lifts and nutrition, and his whole lab history."""
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
    per_day = await _nutrient_totals(session, account, first_week)
    nutrition = await _nutrition_weeks(session, account, content, per_day, first_week, today)
    labs = await _lab_series(session, account, content)
    return ProgressData(
        today,
        weeks,
        lifts,
        nutrition,
        labs,
        account.weight_unit.value,
        nutrients=_nutrient_series(account, content, per_day),
    )


def _top_sets(sets: Sequence[TrainingSet]) -> list[tuple[tuple[date, str], float]]:
    """The heaviest set per (day, lift), in day order."""
    tops: dict[tuple[date, str], float] = {}
    for row in sets:
        key = (row.local_day, row.lift_key)
        tops[key] = max(tops.get(key, 0.0), row.load_kg)
    return sorted(tops.items())


async def _nutrient_totals(
    session: AsyncSession, account: Account, first_week: date
) -> dict[date, dict[str, float]]:
    """His total of each nutrient per day, from `first_week` on (canonical units)."""
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
    return {day: dict(totals) for day, totals in per_day.items()}


def _assessed(
    account: Account, content: Content, per_day: dict[date, dict[str, float]]
) -> dict[date, list[NutrientStatus]]:
    """The bot's own verdicts (assess_day) for each day he logged anything."""
    return {
        day: assess_day(
            totals,
            age_band=account.age_band,
            weight_kg=account.weight_kg,
            catalog=content.nutrients,
        )
        for day, totals in sorted(per_day.items())
        if totals
    }


async def _nutrition_weeks(
    session: AsyncSession,
    account: Account,
    content: Content,
    per_day: dict[date, dict[str, float]],
    first_week: date,
    today: date,
) -> list[NutritionWeek]:
    """Per week: check-in days and the days each nutrient met its target."""
    days = await nutrition_days_between(session, user_id=account.id, start=first_week, end=today)
    names = {n.key: n.name for n in content.nutrients.nutrients}
    verdicts = _assessed(account, content, per_day)
    weeks = []
    for index in range(WEEKS):
        week_start = first_week + timedelta(days=7 * index)
        on_target: dict[str, int] = defaultdict(int)
        for offset in range(7):
            for status in verdicts.get(week_start + timedelta(days=offset), []):
                if status.status in REACHED_TARGET:
                    on_target[names.get(status.nutrient_key, status.nutrient_key)] += 1
        checkins = sum(1 for d in days if week_start <= d < week_start + timedelta(7))
        weeks.append(NutritionWeek(week_start, checkins, dict(on_target)))
    return weeks


def _nutrient_series(
    account: Account, content: Content, per_day: dict[date, dict[str, float]]
) -> list[NutrientSeries]:
    """Every nutrient he logged: daily totals with the bot's verdicts, target and limit."""
    verdicts = _assessed(account, content, per_day)
    series = []
    for nutrient in content.nutrients.nutrients:
        days = [
            NutrientDay(day, status.amount, status.status.value)
            for day, statuses in verdicts.items()
            for status in statuses
            if status.nutrient_key == nutrient.key and status.amount is not None
        ]
        if days:
            series.append(_one_nutrient(nutrient, account, days))
    return series


def _one_nutrient(nutrient: Nutrient, account: Account, days: list[NutrientDay]) -> NutrientSeries:
    target = daily_target(nutrient, age_band=account.age_band, weight_kg=account.weight_kg)
    same_unit = target.unit == nutrient.unit
    limit, limit_text = None, ""
    if (spec := nutrient.limit) is not None:
        amount = spec.for_age(account.age_band)
        if spec.applies_to == "total":
            limit = amount
            limit_text = f"{spec.label} {format_amount(amount)} {nutrient.unit} a day"
        else:
            limit_text = (
                f"{spec.label}: {format_amount(amount)} {nutrient.unit} a day, "
                "not judged on check-in totals"
            )
    return NutrientSeries(
        name=nutrient.name,
        unit=nutrient.unit,
        days=days,
        target_low=target.low if same_unit else None,
        target_high=target.high if same_unit else None,
        target_text=f"{target.label} {target.text}",
        limit=limit,
        limit_text=limit_text,
        judged=target.kind == "goal" and same_unit,
    )


async def _lab_series(session: AsyncSession, account: Account, content: Content) -> list[LabSeries]:
    """Every lab he has any result of, in catalogue order, in his display unit, with the bands
    the bot flags with; a DXA site logged as both T- and Z-scores gets a series for each."""
    results = await results_of(session, user_id=account.id)
    prefs = account.lab_units or LabUnits.CONVENTIONAL
    series = []
    for lab in content.labs.labs:
        mine = [r for r in results if r.lab_key == lab.key]
        kinds: list[ScoreKind | None] = [None]
        if lab.is_score:
            kinds = [k for k in ("T", "Z") if any((r.score_kind or "T") == k for r in mine)]
        for kind in kinds:
            rows = [r for r in mine if kind is None or (r.score_kind or "T") == kind]
            if not rows:
                continue
            if lab.is_score:
                unit = lab.score_unit(kind)
                name, unit_name = lab.name, unit.label or f"{kind}-score"
            else:
                unit = lab.unit_named(lab.display.order(prefs)[0])
                name, unit_name = lab.name, unit.name
            factor = unit.factor
            points = [LabPoint(r.taken_on, r.value_canonical * factor) for r in rows]
            bands = flag_bands(lab, age_band=account.age_band, score_kind=kind, factor=factor)
            lines: tuple[LabLine, ...] = ()
            if (rise := lab.flags.rise_vs_baseline) is not None and rows:
                limit = rows[0].value_canonical * (1 + rise.percent / 100) * factor
                label = f"flag: {format_amount(rise.percent)} % over the first result"
                lines = (LabLine(limit, label),)
            series.append(LabSeries(name, unit_name, points, bands, lines))
    return series


async def report_data(
    uow: UnitOfWork, *, account: Account, content: Content, today: date
) -> ReportData:
    """Everything for the clinician's one-to-two pages."""
    progress = await progress_data(uow, account=account, content=content, today=today)
    results = await results_of(uow.session, user_id=account.id)
    return ReportData(
        generated_on=today,
        patient_label=patient_label(account),
        progress=progress,
        lab_rows=_lab_rows(account, content, results),
        adherence_lines=[],  # check-ins and sessions are in their own sections
        disclaimer=DISCLAIMER,
        red_flag_lines=await _red_flag_lines(uow, account),
        lab_trends=_lab_trends(account, content, results),
    )


def patient_label(account: Account) -> str:
    """'Age band 50–59 · weight 132 lb · anastrozole since Mar 2025 · TRT started or changed
    4 Mar 2026': what a prescriber asks first. Weight is rounded to a whole number in his
    unit; the TRT date is the latest he gave with /trt changed (none is printed without one)."""
    band = account.age_band.label if account.age_band else "not given"
    parts = [f"Age band {band}"]
    if account.weight is not None:
        weight = account.weight
        amount = weight.lb if weight.unit is WeightUnit.LB else weight.kg
        parts.append(f"weight {round(amount)} {weight.unit.value}")
    else:
        parts.append("weight not given")
    parts.append(_anastrozole(account))
    if account.trt_changed_on is not None:
        parts.append(f"TRT started or changed {_day_text(account.trt_changed_on)}")
    return " · ".join(parts)


def _anastrozole(account: Account) -> str:
    use = account.anastrozole
    since = account.anastrozole_since
    if use is AnastrozoleUse.NO:
        return "not on anastrozole"
    if use is AnastrozoleUse.PLANNED:
        planned = "anastrozole planned"
        return planned + (f", from {since.day:%b %Y}" if since else "")
    if since is not None:  # to the month: he answers with a month or "3 months ago"
        about = "about " if since.approximate else ""
        return f"anastrozole since {about}{since.day:%b %Y}"
    return "anastrozole: yes, start not given" if use else "anastrozole: not given"


def _day_text(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def _lab_rows(account: Account, content: Content, results: Sequence[LabResult]) -> list[LabRow]:
    """Each result in his unit and the other (and his lab's range when he gave it), flagged
    as /lab flagged it (readings_of: the same function /labs and the export use)."""
    prefs = account.lab_units or LabUnits.CONVENTIONAL
    rows = []
    for result, reading in readings_of(results, account=account, catalog=content.labs):
        lab = content.labs.get(result.lab_key)
        value = value_of(result)
        shown = display_value(value.value, lab, prefs, score_kind=value.score_kind)
        if result.ref_low is not None and result.ref_high is not None and not lab.is_score:
            unit = lab.unit_named(lab.display.order(prefs)[0])
            low, high = (
                fmt_number(bound * unit.factor, unit.decimals)
                for bound in (result.ref_low, result.ref_high)
            )
            shown += f" · lab range {low}–{high} {unit.name}"
        rows.append(LabRow(result.taken_on, lab.name, shown, flag_text(reading)))
    return rows


def _lab_trends(account: Account, content: Content, results: Sequence[LabResult]) -> list[str]:
    """One line per lab he has: first and latest value in his unit, and how many results."""
    prefs = account.lab_units or LabUnits.CONVENTIONAL
    lines = []
    for lab in content.labs.labs:
        for kind in ("T", "Z") if lab.is_score else (None,):
            mine = [
                value_of(r)
                for r in results
                if r.lab_key == lab.key and (kind is None or (r.score_kind or "T") == kind)
            ]
            if not mine:
                continue

            first = f"{_in_his_unit(lab, mine[0], prefs)} ({_day_text(mine[0].taken_on)})"
            last = f"{_in_his_unit(lab, mine[-1], prefs)} ({_day_text(mine[-1].taken_on)})"
            if len(mine) == 1:
                lines.append(f"{lab.name}: {last}, one result")
                continue
            change = mine[-1].value - mine[0].value
            direction = "up" if change > 0 else "down" if change < 0 else "unchanged"
            lines.append(f"{lab.name}: {first} → {last}, {direction}; {len(mine)} results")
    return lines


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


def _in_his_unit(lab: Lab, value: LabValue, prefs: LabUnits) -> str:
    """The value in his preferred unit only ("24 pg/mL"; a DXA score as "T-score -1.8")."""
    text = display_value(value.value, lab, prefs, score_kind=value.score_kind)
    return text if lab.is_score else text.split(" (")[0]
