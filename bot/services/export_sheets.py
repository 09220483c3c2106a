"""The spreadsheets in his export: one CSV per topic, plain column names with their units,
names instead of codes (days as 'Mon, Wed', exercises and labs by name), and a README line
for every column. Internal bookkeeping stays out of them (it is only in data.json)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.content import Content
from bot.db.models import (
    LabResult,
    NutritionEntry,
    RedFlagEvent,
    TrainingSession,
    TrainingSet,
)
from bot.domain.profile import KG_PER_LB, LabUnits, to_mask
from bot.domain.profile import describe as describe_days
from bot.domain.training import Effort, exercise_for_key
from bot.services.accounts import Account
from bot.services.labs import flag_text, readings_of, value_of


@dataclass(frozen=True)
class Column:
    """A column: its header (unit in the name where it has one) and what it means."""

    header: str
    meaning: str


@dataclass(frozen=True)
class Sheet:
    """One CSV file of the export."""

    file: str
    about: str
    columns: tuple[Column, ...]
    rows: list[list[Any]]


def _round(value: float, decimals: int) -> float | int:
    """A number as a spreadsheet shows it: whole when it is whole."""
    rounded = round(value, decimals)
    return int(rounded) if float(rounded).is_integer() else rounded


def profile_sheet(account: Account) -> Sheet:
    """His settings, one per row, in words."""
    weight = (
        f"{_round(account.weight_kg, 1)} kg ({_round(account.weight_kg / KG_PER_LB, 0)} lb)"
        if account.weight_kg
        else ""
    )
    quiet = account.quiet
    rows: list[list[Any]] = [
        ["time zone", account.zone or ""],
        ["training prompt time", _time(account.training_time)],
        ["nutrition check-in time", _time(account.checkin_time)],
        ["training days", describe_days(to_mask(account.training_days or frozenset()))],
        ["body weight", weight],
        ["age band", account.age_band.label if account.age_band else ""],
        ["anastrozole", account.anastrozole.value if account.anastrozole else ""],
        ["anastrozole since", _since(account)],
        ["lab units", (account.lab_units or LabUnits.CONVENTIONAL).value],
        ["quiet hours", f"{_time(quiet.start)}–{_time(quiet.end)}" if quiet else "off"],
        ["programme start", _day(account.program_start)],
        ["safety screen answered", _day(account.screened_on)],
        ["cleared by a clinician on", _day(account.cleared_on)],
    ]
    return Sheet(
        "profile.csv",
        "Your settings.",
        (
            Column("setting", "what the setting is"),
            Column("value", "its value (times are local wall-clock times, days in your zone)"),
        ),
        rows,
    )


def training_sheet(planned: Sequence[date], answers: Sequence[TrainingSession]) -> Sheet:
    """Per day: whether a training session was planned (its prompt went out), his answer
    and how it felt."""
    by_day = {a.local_day: a for a in answers}
    planned_days = set(planned)
    days = sorted(planned_days | set(by_day))
    rows = [
        [
            day.isoformat(),
            f"{day:%a}",
            "yes" if day in planned_days else "no",
            by_day[day].outcome if day in by_day else "",
            _effort_words(by_day.get(day)),
        ]
        for day in days
    ]
    return Sheet(
        "training_sessions.csv",
        "Each day with a planned session or an answer to the training prompt.",
        (
            Column("date", "the local day (YYYY-MM-DD)"),
            Column("weekday", "its day of the week"),
            Column(
                "planned_session",
                "yes when a training-day prompt went out that day (what adherence counts)",
            ),
            Column("answer", "done, partly or skipped; empty when you did not answer"),
            Column("effort", "how it felt (easy, about right, hard), if you said"),
        ),
        rows,
    )


def lift_sheet(sets: Sequence[TrainingSet], content: Content) -> Sheet:
    """Every logged set, with its load in kg and lb."""
    catalog = content.exercises
    rows = []
    for row in sets:
        exercise = exercise_for_key(catalog, row.lift_key)
        bare = exercise.bodyweight and row.load_kg == 0
        rows.append(
            [
                row.local_day.isoformat(),
                exercise.name,
                row.set_index + 1,
                row.reps,
                "" if bare else _round(row.load_kg, 2),
                "" if bare else _round(row.load_kg / KG_PER_LB, 1),
            ]
        )
    return Sheet(
        "lift_sets.csv",
        "Every set you logged.",
        (
            Column("date", "the local day (YYYY-MM-DD)"),
            Column("lift", "the exercise (your own name for a lift not in the catalogue)"),
            Column("set", "the set's number that day, from 1"),
            Column("reps", "repetitions"),
            Column("load_kg", "the load in kilograms (empty for bodyweight)"),
            Column("load_lb", "the same load in pounds (empty for bodyweight)"),
        ),
        rows,
    )


def nutrition_sheet(entries: Sequence[NutritionEntry], content: Content) -> Sheet:
    """Every nutrient entry, in the nutrient's own unit."""
    names = {n.key: n.name for n in content.nutrients.nutrients}
    rows = [
        [
            e.local_day.isoformat(),
            names.get(e.nutrient, e.nutrient),
            _round(e.amount, 1),
            e.unit,
            f"button {e.range_key}"
            if e.range_key
            else f"typed {_round(e.entered_value, 2)} {e.entered_unit}",
        ]
        for e in entries
    ]
    return Sheet(
        "nutrition.csv",
        "Every nutrient you logged (a day can have several entries; they add up).",
        (
            Column("date", "the local day (YYYY-MM-DD)"),
            Column("nutrient", "the nutrient"),
            Column("amount", "the amount stored, in `unit`"),
            Column("unit", "mg, IU, µg or g, as the nutrient is counted"),
            Column(
                "entered_as",
                "what you typed, or the check-in button you tapped (its range's stored value)",
            ),
        ),
        rows,
    )


def lab_sheet(results: Sequence[LabResult], account: Account, content: Content) -> Sheet:
    """Every lab result in his units and the other unit, with the bot's flag."""
    prefs = account.lab_units or LabUnits.CONVENTIONAL
    rows = []
    for result, reading in readings_of(results, account=account, catalog=content.labs):
        lab = content.labs.get(result.lab_key)
        kind = value_of(result).score_kind
        value: float | int
        other: float | int | str
        if lab.is_score:
            unit = lab.score_unit(kind).label or "score"
            value, other, other_unit = _round(result.value_canonical, 1), "", ""
        else:
            first, second = (lab.unit_named(name) for name in lab.display.order(prefs))
            value = _round(result.value_canonical * first.factor, first.decimals)
            other = _round(result.value_canonical * second.factor, second.decimals)
            unit, other_unit = first.name, second.name
        rows.append(
            [
                result.taken_on.isoformat(),
                lab.name,
                value,
                unit,
                other,
                other_unit,
                flag_text(reading),
            ]
        )
    return Sheet(
        "labs.csv",
        "Every lab result you entered.",
        (
            Column("date", "the day the sample was taken (YYYY-MM-DD)"),
            Column("lab", "the test"),
            Column("value", "the result in your preferred units"),
            Column("unit", "its unit (or T-score / Z-score for a bone scan)"),
            Column("value_other_unit", "the same result in the other common unit"),
            Column("other_unit", "that unit"),
            Column(
                "flag",
                "BoneCoach's reading aid: empty (no flag), note, discuss (with your prescriber) "
                "or contact promptly",
            ),
        ),
        rows,
    )


def red_flag_sheet(events: Sequence[RedFlagEvent]) -> Sheet:
    """The red flags he reported: the day and which flag, never his words."""
    rows = [
        [e.local_day.isoformat(), e.kind.replace("_", " "), e.resolution or "", _day(e.resolved_on)]
        for e in events
    ]
    return Sheet(
        "red_flags.csv",
        "Urgent symptoms you reported (BoneCoach keeps the day and the kind, not your words).",
        (
            Column("date", "the local day you reported it"),
            Column("kind", "which red flag"),
            Column("after", "what you said later: better, checked, or empty"),
            Column("after_on", "the day you said it"),
        ),
        rows,
    )


def _since(account: Account) -> str:
    """'2025-03-01', or 'about 2025-03' when he picked a range."""
    since = account.anastrozole_since
    if since is None:
        return ""
    return f"about {since.day:%Y-%m}" if since.approximate else since.day.isoformat()


def _effort_words(answer: TrainingSession | None) -> str:
    """How the session felt, in the bot's words ('' when he did not say)."""
    effort = Effort._value2member_map_.get(answer.effort or "") if answer is not None else None
    return effort.words if isinstance(effort, Effort) else ""


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def _time(value: Any) -> str:
    return value.strftime("%H:%M") if value is not None else ""


def readme_section(sheet: Sheet) -> str:
    """The README's part for one file: what it holds and every column's meaning and unit."""
    lines = [f"## {sheet.file}", sheet.about, ""]
    lines += [f"- `{c.header}`: {c.meaning}" for c in sheet.columns]
    return "\n".join(lines) + "\n"
