"""Headless progress charts as PNG bytes, drawn with matplotlib's object API.

Only ``matplotlib.figure.Figure`` and the Agg canvas are used — never pyplot — so no
display is needed, no global figure registry is touched, and each call builds its own
figure: rendering can run in a worker thread (``asyncio.to_thread``). Font sizes are passed
per call rather than through ``rcParams`` for the same reason.

``progress_chart`` is a tall portrait image about 1080 px wide for reading on a phone;
``weekly_chart`` is a small 800×450 image for the weekly summary.

The parts live in chart_series.py (what data is shown), chart_style.py (titles, sizes,
fonts, colours, empty panels), chart_axes.py (date and week axes) and chart_panels.py
(the progress chart's panels); this module lays out the figures.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import TypeVar

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.gridspec import GridSpec
from matplotlib.ticker import MaxNLocator

from bot.reports.chart_axes import short_date
from bot.reports.chart_panels import (
    draw_lab,
    draw_lifts,
    draw_nutrient,
    draw_nutrition,
    draw_training,
)
from bot.reports.chart_series import (
    DAYS_PER_WEEK,
    MAX_LIFTS,
    MAX_WEEKS,
    display_load,
    first_week,
    grid_rows,
    has_progress_data,
    lab_series,
    lift_series,
    nutrient_series,
    nutrition_weeks,
    training_weeks,
)
from bot.reports.chart_style import (
    DONE,
    EMPTY_MESSAGE,
    HEADER_IN,
    LAB_EMPTY_IN,
    LAB_ROW_IN,
    LABEL_PT,
    LABS_TITLE,
    LEGEND_PT,
    LIFTS_TITLE,
    MUTED,
    NOT_ENOUGH_DATA,
    NUTRIENT_ROW_IN,
    NUTRIENTS_TITLE,
    NUTRITION_TITLE,
    PALETTE,
    PANEL_IN,
    PARTLY,
    PROGRESS_DPI,
    PROGRESS_TITLE,
    PROGRESS_WIDTH_IN,
    SUPTITLE_PT,
    TICK_PT,
    TITLE_PT,
    TRAINING_TITLE,
    WEEKLY_DPI,
    WEEKLY_SIZE_IN,
    empty_figure,
    placeholder,
    tidy,
)
from bot.reports.progress_data import NutrientSeries, ProgressData, WeekReview

T = TypeVar("T")

__all__ = [
    "DAYS_PER_WEEK",
    "EMPTY_MESSAGE",
    "LABS_TITLE",
    "LIFTS_TITLE",
    "MAX_LIFTS",
    "MAX_WEEKS",
    "NOT_ENOUGH_DATA",
    "NUTRIENTS_TITLE",
    "NUTRITION_TITLE",
    "PROGRESS_TITLE",
    "TRAINING_TITLE",
    "display_load",
    "first_week",
    "has_progress_data",
    "lab_chart",
    "lift_series",
    "progress_chart",
    "progress_charts",
    "short_date",
    "weekly_chart",
]


def progress_chart(data: ProgressData) -> bytes:
    """The full progress chart as one PNG (portrait, 1080 px wide): every panel."""
    return _png(_progress_figure(data))


def progress_charts(data: ProgressData) -> list[bytes]:
    """The progress chart as one PNG per topic, each 1080 px wide and at most 1920 px tall so
    a phone shows it legibly: training, lifts and check-ins; one panel per nutrient he logged;
    one panel per lab he entered (the last two only when he has any)."""
    if not has_progress_data(data):
        return [_png(empty_figure())]
    pictures = [_png(_progress_figure(data, split=True))]
    if nutrients := nutrient_series(data.nutrients):
        pictures.append(_png(_nutrient_figure(data, nutrients)))
    if (labs := lab_chart(data)) is not None:
        pictures.append(labs)
    return pictures


def lab_chart(data: ProgressData) -> bytes | None:
    """One panel per lab he entered, over the bands the bot flags with (for the clinician
    PDF): None when he has entered no lab."""
    labs = lab_series(data.labs)
    if not labs:
        return None
    return _png(_panels_figure(LABS_TITLE, LAB_ROW_IN, labs, draw_lab))


def weekly_chart(week: WeekReview) -> bytes:
    """A summary week's sessions and nutrition check-ins as a small 800×450 PNG."""
    return _png(_weekly_figure(week))


def _progress_figure(data: ProgressData, *, split: bool = False) -> Figure:
    """Training, lifts and check-ins from his first week of data (at most MAX_WEEKS), then a
    grid of one panel per nutrient he logged, then a grid of one panel per lab he entered.
    `split`: the nutrients and labs are drawn as figures of their own (a placeholder says
    when he has no lab yet)."""
    if not has_progress_data(data):
        return empty_figure()
    start = first_week(data)
    span = (start, data.generated_on)
    labs = [] if split else lab_series(data.labs)
    nutrients = [] if split else nutrient_series(data.nutrients)
    nutrient_rows, lab_rows = grid_rows(len(nutrients)), grid_rows(len(labs))
    heights = [PANEL_IN, PANEL_IN, PANEL_IN]
    heights += [NUTRIENT_ROW_IN] * len(nutrient_rows)
    no_labs_yet = not lab_series(data.labs)
    if labs:
        heights += [LAB_ROW_IN] * len(lab_rows)
    elif no_labs_yet:
        heights += [LAB_EMPTY_IN]
    fig = Figure(
        figsize=(PROGRESS_WIDTH_IN, HEADER_IN + sum(heights)),
        dpi=PROGRESS_DPI,
        layout="constrained",
    )
    fig.suptitle(
        f"{PROGRESS_TITLE} — {short_date(data.generated_on)} {data.generated_on.year}",
        fontsize=SUPTITLE_PT,
        fontweight="bold",
    )
    grid = fig.add_gridspec(len(heights), 2, height_ratios=heights)
    draw_training(fig.add_subplot(grid[0, :]), training_weeks(data.weeks, start))
    draw_lifts(fig.add_subplot(grid[1, :]), data.lifts, data.weight_unit, span)
    draw_nutrition(fig.add_subplot(grid[2, :]), nutrition_weeks(data.nutrition, start))
    row = _fill_grid(fig, grid, 3, nutrients, lambda ax, n: draw_nutrient(ax, n, span))
    if labs:
        _fill_grid(fig, grid, row, labs, draw_lab)
    elif no_labs_yet:
        placeholder(fig.add_subplot(grid[row, :]), LABS_TITLE, TITLE_PT)
    return fig


def _fill_grid(
    fig: Figure, grid: GridSpec, first_row: int, items: Sequence[T], draw: Callable[[Axes, T], None]
) -> int:
    """One panel per item, two to a row from `first_row` (one item spans the width); the
    grid row after the last one."""
    row = first_row
    for index in range(0, len(items), 2):
        pair = items[index : index + 2]
        for column, item in enumerate(pair):
            where = grid[row, :] if len(items) == 1 else grid[row, column]
            draw(fig.add_subplot(where), item)
        row += 1
    return row


def _panels_figure(
    title: str, row_height_in: float, items: Sequence[T], draw: Callable[[Axes, T], None]
) -> Figure:
    """A titled figure of one panel per item, two to a row, each row `row_height_in` tall."""
    rows = grid_rows(len(items))
    fig = Figure(
        figsize=(PROGRESS_WIDTH_IN, HEADER_IN + row_height_in * len(rows)),
        dpi=PROGRESS_DPI,
        layout="constrained",
    )
    fig.suptitle(title, fontsize=SUPTITLE_PT, fontweight="bold")
    _fill_grid(fig, fig.add_gridspec(len(rows), 2), 0, items, draw)
    return fig


def _nutrient_figure(data: ProgressData, nutrients: list[NutrientSeries]) -> Figure:
    """One small panel per nutrient, two to a row, over the weeks of his progress chart."""
    span = (first_week(data), data.generated_on)
    return _panels_figure(
        NUTRIENTS_TITLE, NUTRIENT_ROW_IN, nutrients, lambda ax, n: draw_nutrient(ax, n, span)
    )


def _weekly_figure(week: WeekReview) -> Figure:
    fig = Figure(figsize=WEEKLY_SIZE_IN, dpi=WEEKLY_DPI, layout="constrained")
    ax = fig.add_subplot()
    planned, done, partly = week.planned_sessions, week.done, week.partly
    checkins = week.checkin_days

    rows = [1.0, 0.0]  # sessions on top, check-ins below
    height = 0.55
    ax.barh(rows[0], done, height=height, color=DONE, label="Sessions done")
    if partly:
        ax.barh(rows[0], partly, left=done, height=height, color=PARTLY, label="Partly done")
    ax.barh(rows[1], checkins, height=height, color=PALETTE[2], label="Check-ins")
    ax.barh(
        rows,
        [planned, DAYS_PER_WEEK],
        height=height,
        fill=False,
        edgecolor=MUTED,
        linestyle="--",
        linewidth=2,
        zorder=3,
        label="Planned",
    )
    ax.set_yticks(rows, ["Sessions", "Check-ins"])
    ax.set_ylim(-0.55, 1.95)
    span = max(planned, done + partly, DAYS_PER_WEEK)
    ax.set_xlim(0, span * 1.5)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    for y, end, text in (
        (rows[0], max(planned, done + partly), week.sessions_text),
        (rows[1], max(DAYS_PER_WEEK, checkins), f"{checkins} of {DAYS_PER_WEEK} days"),
    ):
        ax.text(end + span * 0.03, y, text, va="center", fontsize=LABEL_PT)
    title = f"Your week, {short_date(week.start)}–{short_date(week.end)}"
    ax.set_title(title, fontsize=TITLE_PT, fontweight="bold")
    ax.set_xlabel("Sessions / days", fontsize=LABEL_PT)
    ax.tick_params(labelsize=TICK_PT)
    ax.legend(fontsize=LEGEND_PT, loc="upper left", frameon=False, ncols=4)
    tidy(ax, grid_axis="x")
    return fig


def _png(fig: Figure) -> bytes:
    FigureCanvasAgg(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=fig.dpi)
    return buffer.getvalue()
