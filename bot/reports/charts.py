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

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from bot.reports.chart_axes import short_date
from bot.reports.chart_panels import draw_lab, draw_lifts, draw_nutrition, draw_training
from bot.reports.chart_series import (
    DAYS_PER_WEEK,
    MAX_LAB_PANELS,
    MAX_LIFTS,
    MAX_NUTRIENTS,
    MAX_WEEKS,
    display_load,
    has_progress_data,
    lab_layout,
    lab_series,
    lift_series,
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
from bot.reports.progress_data import ProgressData, WeekReview

__all__ = [
    "DAYS_PER_WEEK",
    "EMPTY_MESSAGE",
    "LABS_TITLE",
    "LIFTS_TITLE",
    "MAX_LAB_PANELS",
    "MAX_LIFTS",
    "MAX_NUTRIENTS",
    "MAX_WEEKS",
    "NOT_ENOUGH_DATA",
    "NUTRITION_TITLE",
    "PROGRESS_TITLE",
    "TRAINING_TITLE",
    "display_load",
    "has_progress_data",
    "lift_series",
    "progress_chart",
    "short_date",
    "weekly_chart",
]


def progress_chart(data: ProgressData) -> bytes:
    """The full progress chart as PNG bytes (portrait, 1080 px wide)."""
    return _png(_progress_figure(data))


def weekly_chart(week: WeekReview) -> bytes:
    """A summary week's sessions and nutrition check-ins as a small 800×450 PNG."""
    return _png(_weekly_figure(week))


def _progress_figure(data: ProgressData) -> Figure:
    if not has_progress_data(data):
        return empty_figure()
    labs = lab_series(data.labs)
    lab_rows = lab_layout(len(labs))
    heights = [PANEL_IN, PANEL_IN, PANEL_IN]
    heights += [LAB_ROW_IN] * len(lab_rows) if labs else [LAB_EMPTY_IN]
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
    draw_training(fig.add_subplot(grid[0, :]), training_weeks(data.weeks))
    draw_lifts(fig.add_subplot(grid[1, :]), data.lifts, data.weight_unit)
    draw_nutrition(fig.add_subplot(grid[2, :]), nutrition_weeks(data.nutrition))
    if not labs:
        placeholder(fig.add_subplot(grid[3, :]), LABS_TITLE, TITLE_PT)
        return fig
    index = 0
    for row, columns in enumerate(lab_rows):
        for column in range(columns):
            where = grid[3 + row, :] if columns == 1 else grid[3 + row, column]
            draw_lab(fig.add_subplot(where), labs[index])
            index += 1
    return fig


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
