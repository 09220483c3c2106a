"""How the progress charts look: titles, sizes, fonts, colours, and the empty panel and chart.

Font sizes are passed per call rather than through ``rcParams`` so that rendering never
touches matplotlib's global state and can run in a worker thread.
"""

from __future__ import annotations

from typing import Literal

from matplotlib.axes import Axes
from matplotlib.figure import Figure

NOT_ENOUGH_DATA = "not enough data yet"
EMPTY_MESSAGE = "Not enough data yet —\nlog a few sessions and check-ins"

PROGRESS_TITLE = "Your BoneCoach progress"
TRAINING_TITLE = "Training sessions per week"
LIFTS_TITLE = "Top-set loads"
NUTRITION_TITLE = "Nutrition check-ins per week"
LABS_TITLE = "Lab results"
NUTRIENTS_TITLE = "Daily intake by nutrient"

# Progress chart: 9 in × 120 dpi = 1080 px wide; heights are multiples of 0.1 in (12 px).
PROGRESS_DPI = 120
PROGRESS_WIDTH_IN = 9.0
HEADER_IN = 0.6
PANEL_IN = 3.2
LAB_ROW_IN = 2.8
NUTRIENT_ROW_IN = 2.6
SECTION_IN = 0.45  # a section heading row ("Lab results")
LAB_EMPTY_IN = 1.8
EMPTY_HEIGHT_IN = 6.0

# Weekly chart: 8 in × 100 dpi = 800 px by 450 px.
WEEKLY_DPI = 100
WEEKLY_SIZE_IN = (8.0, 4.5)

# Font sizes in points (at 120 dpi 1 pt is 1.67 px), large enough for a phone screen.
SUPTITLE_PT = 22
TITLE_PT = 18
LABEL_PT = 15
TICK_PT = 14
LEGEND_PT = 12
SMALL_TITLE_PT = 15
SMALL_TICK_PT = 12
SMALL_LEGEND_PT = 10
PLACEHOLDER_PT = 17

# Colour-blind-safe palette (Okabe–Ito) plus neutral greys.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9")
PLANNED = "#C9CED6"
DONE = "#0072B2"
PARTLY = "#8CC3E6"
CHECKINS = "#BFD9C9"
BAND = "#009E73"
# Flag levels as the bot reads them, shaded behind each lab's values.
LEVEL_COLOURS = {"ok": "#009E73", "note": "#F0E442", "discuss": "#E69F00", "urgent": "#D55E00"}
LEVEL_LABELS = {
    "ok": "no flag",
    "note": "note",
    "discuss": "discuss",
    "urgent": "contact promptly",
}
STATUS_COLOURS = {
    "met": "#009E73",
    "above_target": "#E69F00",  # above the target, within any upper limit
    "below": "#0072B2",
    "above_limit": "#D55E00",
}
LOGGED = "#6B7280"
LIMIT = "#D55E00"
MUTED = "#6B7280"
_FAINT = "#E5E7EB"  # grid lines and the frame of an empty panel


def placeholder(ax: Axes, title: str, title_pt: float) -> None:
    """An empty panel: its title and "not enough data yet", without ticks."""
    ax.set_title(title, fontsize=title_pt, fontweight="bold")
    ax.text(
        0.5,
        0.5,
        NOT_ENOUGH_DATA,
        transform=ax.transAxes,
        ha="center",
        va="center",
        fontsize=PLACEHOLDER_PT,
        color=MUTED,
        style="italic",
    )
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_color(_FAINT)


def tidy(ax: Axes, grid_axis: Literal["x", "y"] = "y") -> None:
    """Drop the top and right spines and draw a light grid behind the data."""
    ax.spines["top"].set_visible(False)
    ax.spines["right"].set_visible(False)
    ax.grid(axis=grid_axis, color=_FAINT, linewidth=1)
    ax.set_axisbelow(True)


def empty_figure() -> Figure:
    """The whole progress chart when there is nothing to draw yet."""
    fig = Figure(figsize=(PROGRESS_WIDTH_IN, EMPTY_HEIGHT_IN), dpi=PROGRESS_DPI)
    fig.text(0.5, 0.78, PROGRESS_TITLE, ha="center", fontsize=SUPTITLE_PT + 4, fontweight="bold")
    fig.text(
        0.5,
        0.45,
        EMPTY_MESSAGE,
        ha="center",
        va="center",
        fontsize=SUPTITLE_PT,
        color=MUTED,
        linespacing=1.6,
    )
    fig.text(
        0.5,
        0.15,
        "Your charts will appear here after a week or two.",
        ha="center",
        fontsize=LABEL_PT,
        color=MUTED,
    )
    return fig
