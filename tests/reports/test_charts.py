"""Progress and weekly charts: PNG output, the series drawn, and the empty states."""

from __future__ import annotations

import struct
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from bot.domain.profile import KG_PER_LB
from bot.reports import charts
from bot.reports.progress_data import (
    LabBand,
    LabPoint,
    LabSeries,
    LiftPoint,
    NutrientDay,
    NutrientSeries,
    NutritionWeek,
    ProgressData,
    WeekReview,
    WeekTraining,
)

TODAY = date(2025, 3, 16)  # a Sunday: the last seeded week is complete
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def history(weeks: int, unit: str = "kg", lab_series: int = 5) -> ProgressData:
    """A seeded history of `weeks` weeks ending this week, with up to `lab_series` labs."""
    monday = TODAY - timedelta(days=TODAY.weekday())
    starts = [monday - timedelta(weeks=weeks - 1 - i) for i in range(weeks)]
    training = [WeekTraining(s, 3, 1 + i % 3, i % 2) for i, s in enumerate(starts)]
    lifts: list[LiftPoint] = []
    for i, start in enumerate(starts):
        lifts.append(LiftPoint(start, "Squat", 60 + 2.5 * i))
        lifts.append(LiftPoint(start + timedelta(days=2), "Deadlift", 80 + 2.5 * i))
        if i % 2 == 0:
            lifts.append(LiftPoint(start + timedelta(days=4), "Overhead press", 30 + i))
    nutrition = [
        NutritionWeek(s, 4 + i % 4, {"Calcium": 2 + i % 3, "Vitamin D": 3})
        for i, s in enumerate(starts)
    ]
    first, last = starts[0], starts[-1]
    labs = [
        LabSeries(
            "Estradiol",
            "pg/mL",
            [LabPoint(first, 14.0), LabPoint(last, 24.0)],
            (LabBand(None, 10.0, "urgent"), LabBand(10.0, 20.0, "note"), LabBand(20.0, None, "ok")),
        ),
        LabSeries("Total testosterone", "ng/dL", [LabPoint(first, 650.0)]),
        LabSeries(
            "25-OH vitamin D",
            "ng/mL",
            [LabPoint(last, 24.0)],
            (
                LabBand(None, 30.0, "discuss"),
                LabBand(30.0, 50.0, "ok"),
                LabBand(50, None, "discuss"),
            ),
        ),
        LabSeries(
            "Hematocrit",
            "%",
            [LabPoint(first, 47.0)],
            (LabBand(None, 54.0, "ok"), LabBand(54.0, None, "urgent")),
        ),
        LabSeries("PSA", "ng/mL", [LabPoint(last, 1.1)]),
    ][:lab_series]
    return ProgressData(
        TODAY,
        training,
        lifts,
        nutrition,
        labs if weeks >= 4 else [],
        unit,
        nutrients=nutrients(starts[0]),
    )


NUTRIENTS = (
    ("Calcium", "mg", 1000.0, None, 2000.0),
    ("Vitamin D3", "IU", 600.0, None, 4000.0),
    ("Vitamin K2 (MK-7)", "µg", 120.0, None, None),
    ("Magnesium", "mg", 420.0, None, None),
    ("Protein", "g", 75.0, 90.0, None),
    ("Omega-3 (EPA+DHA)", "mg", 250.0, 500.0, 5000.0),
)


def nutrients(first: date) -> list[NutrientSeries]:
    """Six nutrients logged every other day from `first`, a third of the days below target."""
    series = []
    for name, unit, low, high, limit in NUTRIENTS:
        days = []
        for offset in range(0, (TODAY - first).days + 1, 2):
            below = offset % 3 == 0
            amount = low * (0.7 if below else 1.1)
            status = "below" if below else "met"
            days.append(NutrientDay(first + timedelta(days=offset), amount, status))
        text = f"target {low:g} {unit} a day"
        limit_text = "" if limit is None else f"upper limit {limit:g} {unit} a day"
        series.append(
            NutrientSeries(name, unit, days, low, high, text, limit, limit_text, judged=True)
        )
    return series


def empty() -> ProgressData:
    """A user with nothing logged."""
    return ProgressData(TODAY, [], [], [], [], "kg")


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, after checking the PNG signature."""
    assert png[:8] == PNG_SIGNATURE
    assert png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def axes_by_title(fig: Figure) -> dict[str, Axes]:
    """The figure's axes keyed by their titles."""
    return {ax.get_title(): ax for ax in fig.axes}


def texts(fig: Figure) -> list[str]:
    """Every free text in the figure and its axes (placeholders, messages, annotations)."""
    found = [t.get_text() for t in fig.texts]
    for ax in fig.axes:
        found += [t.get_text() for t in ax.texts]
    return found


def line_labels(ax: Axes) -> list[str]:
    """Labels of the lines drawn on an axes."""
    return [str(line.get_label()) for line in ax.get_lines()]


def ydata(ax: Axes, index: int) -> list[float]:
    """The y values of one line on an axes, as floats."""
    values: list[float] = np.asarray(ax.get_lines()[index].get_ydata(), dtype=float).tolist()
    return values


def legend_texts(ax: Axes) -> list[str]:
    """The entries of an axes' legend."""
    legend = ax.get_legend()
    return [] if legend is None else [t.get_text() for t in legend.get_texts()]


@pytest.fixture(scope="module")
def twelve_week_pngs() -> list[bytes]:
    return charts.progress_charts(history(12))


def test_twelve_week_chart_is_one_phone_png_per_topic(twelve_week_pngs: list[bytes]) -> None:
    """12 weeks with nutrients and labs give three PNGs (training, nutrients, labs), each
    1080 px wide and at most 1920 px tall, so a phone shows them without shrinking."""
    assert len(twelve_week_pngs) == 3
    for png in twelve_week_pngs:
        width, height = png_size(png)
        assert width == 1080
        assert height <= 1920


def test_twelve_week_chart_has_every_panel_titled() -> None:
    """With 12 weeks of data every panel is drawn, titled, and none is a placeholder."""
    fig = charts._progress_figure(history(12))
    titles = set(axes_by_title(fig))
    assert {charts.TRAINING_TITLE, charts.LIFTS_TITLE, charts.NUTRITION_TITLE} <= titles
    assert {"Estradiol (pg/mL)", "Total testosterone (ng/dL)", "Hematocrit (%)"} <= titles
    assert charts.NOT_ENOUGH_DATA not in texts(fig)
    for ax in fig.axes:
        assert ax.get_ylabel(), f"{ax.get_title()} has no y label"


def test_training_bars_show_planned_and_done_per_week() -> None:
    """The training panel has one planned and one done bar per week for the last 12 weeks."""
    data = history(14)
    ax = axes_by_title(charts._progress_figure(data))[charts.TRAINING_TITLE]
    bars = {container.get_label(): container for container in ax.containers}
    recent = data.weeks[-12:]
    assert [bar.get_height() for bar in bars["Planned"]] == [w.planned for w in recent]
    assert [bar.get_height() for bar in bars["Done"]] == [w.done for w in recent]
    assert [bar.get_height() for bar in bars["Partly done"]] == [w.partly for w in recent]
    assert [t.get_text() for t in ax.get_xticklabels()][-1] == charts.short_date(
        recent[-1].week_start
    )


def test_lift_lines_are_labelled_per_lift_in_kg() -> None:
    """Each main lift is its own labelled line, with loads in kg and the unit on the axis."""
    ax = axes_by_title(charts._progress_figure(history(12)))[charts.LIFTS_TITLE]
    assert line_labels(ax) == ["Squat", "Deadlift", "Overhead press"]
    assert ax.get_ylabel() == "Top set (kg)"
    assert ydata(ax, 0)[:2] == [60.0, 62.5]


def test_lift_loads_convert_to_lb() -> None:
    """For a user who logs in lb the loads are converted from kg and the axis says lb."""
    ax = axes_by_title(charts._progress_figure(history(12, unit="lb")))[charts.LIFTS_TITLE]
    assert ax.get_ylabel() == "Top set (lb)"
    assert ydata(ax, 0)[0] == pytest.approx(60 / KG_PER_LB)


def test_nutrition_panel_shows_checkins_per_week() -> None:
    """The nutrition panel has one check-in bar per week and no overlapping nutrient lines."""
    data = history(12)
    ax = axes_by_title(charts._progress_figure(data))[charts.NUTRITION_TITLE]
    checkins = next(c for c in ax.containers if c.get_label() == "Check-ins")
    assert [bar.get_height() for bar in checkins] == [w.checkins for w in data.nutrition]
    assert ax.get_lines() == []


def test_one_week_history_renders_with_a_placeholder_for_labs() -> None:
    """One week of data draws the training, lift and nutrition panels and says labs lack data."""
    data = history(1)
    png = charts.progress_chart(data)
    assert png_size(png)[0] == 1080
    fig = charts._progress_figure(data)
    by_title = axes_by_title(fig)
    assert line_labels(by_title[charts.LIFTS_TITLE]) == ["Squat", "Deadlift", "Overhead press"]
    assert [t.get_text() for t in by_title[charts.LABS_TITLE].texts] == [charts.NOT_ENOUGH_DATA]
    assert texts(fig).count(charts.NOT_ENOUGH_DATA) == 1


def test_panel_without_data_says_not_enough_data_instead_of_empty_axes() -> None:
    """A panel with no data (no lifts logged) shows the placeholder text and draws no lines."""
    data = history(6)
    no_lifts = ProgressData(TODAY, data.weeks, [], data.nutrition, data.labs, "kg")
    ax = axes_by_title(charts._progress_figure(no_lifts))[charts.LIFTS_TITLE]
    assert [t.get_text() for t in ax.texts] == [charts.NOT_ENOUGH_DATA]
    assert ax.get_lines() == []


def test_no_data_at_all_gives_one_friendly_image() -> None:
    """With nothing logged the chart is a single friendly message, not empty axes."""
    assert not charts.has_progress_data(empty())
    fig = charts._progress_figure(empty())
    assert fig.axes == []
    message = " ".join(" ".join(texts(fig)).split())
    assert "Not enough data yet — log a few sessions and check-ins" in message
    width, height = png_size(charts.progress_chart(empty()))
    assert (width, height) == (1080, 720)


WEEK = WeekReview(
    start=date(2025, 3, 3),
    end=date(2025, 3, 9),
    planned_sessions=3,
    done=1,
    partly=1,
    skipped=1,
    lift_sets=12,
    checkin_days=5,
)
EMPTY_WEEK = WeekReview(date(2025, 3, 3), date(2025, 3, 9), 0, 0, 0, 0, 0, 0)


@pytest.mark.parametrize("week", [WEEK, EMPTY_WEEK])
def test_weekly_chart_is_800_by_450(week: WeekReview) -> None:
    """The weekly summary chart is an 800×450 PNG whatever the week held."""
    assert png_size(charts.weekly_chart(week)) == (800, 450)


def test_weekly_chart_shows_the_summary_weeks_own_numbers() -> None:
    """The weekly chart titles the summary's own seven days and states the same counts as its
    text: done, partly and skipped of planned, and check-in days."""
    fig = charts._weekly_figure(WEEK)
    (ax,) = fig.axes
    assert ax.get_title() == "Your week, 3 Mar–9 Mar"
    assert ax.get_xlabel()
    shown = texts(fig)
    assert "1 done, 1 partly, 1 skipped of 3 planned" in shown
    assert WEEK.sessions_text in shown
    assert "5 of 7 days" in shown
    assert {"Sessions done", "Partly done", "Check-ins", "Planned"} <= set(legend_texts(ax))


def test_charts_render_the_same_from_several_threads() -> None:
    """Rendering in worker threads (no pyplot, no shared figure) gives the same PNG bytes."""
    expected = charts.weekly_chart(WEEK)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: charts.weekly_chart(WEEK), range(4)))
    assert results == [expected] * 4
