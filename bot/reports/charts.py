"""Headless progress charts as PNG bytes, drawn with matplotlib's object API.

Only ``matplotlib.figure.Figure`` and the Agg canvas are used — never pyplot — so no
display is needed, no global figure registry is touched, and each call builds its own
figure: rendering can run in a worker thread (``asyncio.to_thread``). Font sizes are passed
per call rather than through ``rcParams`` for the same reason.

``progress_chart`` is a tall portrait image about 1080 px wide for reading on a phone;
``weekly_chart`` is a small 800×450 image for the weekly summary.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Literal

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from bot.domain.profile_values import KG_PER_LB
from bot.reports.progress_data import (
    LabSeries,
    LiftPoint,
    NutritionWeek,
    ProgressData,
    WeekTraining,
)

NOT_ENOUGH_DATA = "not enough data yet"
EMPTY_MESSAGE = "Not enough data yet —\nlog a few sessions and check-ins"

MAX_WEEKS = 12
MAX_LIFTS = 4
MAX_NUTRIENTS = 4
MAX_LAB_PANELS = 4
_MIN_WEEK_SLOTS = 5
DAYS_PER_WEEK = 7
_EPOCH = date(1970, 1, 1)

PROGRESS_TITLE = "Your BoneCoach progress"
TRAINING_TITLE = "Training sessions per week"
LIFTS_TITLE = "Top-set loads"
NUTRITION_TITLE = "Nutrition check-ins per week"
LABS_TITLE = "Lab results"

# Progress chart: 9 in × 120 dpi = 1080 px wide; heights are multiples of 0.1 in (12 px).
_PROGRESS_DPI = 120
_PROGRESS_WIDTH_IN = 9.0
_HEADER_IN = 0.6
_PANEL_IN = 3.2
_LAB_ROW_IN = 2.8
_LAB_EMPTY_IN = 1.8
_EMPTY_HEIGHT_IN = 6.0

# Weekly chart: 8 in × 100 dpi = 800 px by 450 px.
_WEEKLY_DPI = 100
_WEEKLY_SIZE_IN = (8.0, 4.5)

# Font sizes in points (at 120 dpi 1 pt is 1.67 px), large enough for a phone screen.
_SUPTITLE_PT = 22
_TITLE_PT = 18
_LABEL_PT = 15
_TICK_PT = 14
_LEGEND_PT = 12
_SMALL_TITLE_PT = 15
_SMALL_TICK_PT = 12
_SMALL_LEGEND_PT = 10
_PLACEHOLDER_PT = 17

# Colour-blind-safe palette (Okabe–Ito) plus neutral greys.
_PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9")
_PLANNED = "#C9CED6"
_DONE = "#0072B2"
_PARTLY = "#8CC3E6"
_CHECKINS = "#BFD9C9"
_BAND = "#009E73"
_MUTED = "#6B7280"


def progress_chart(data: ProgressData) -> bytes:
    """The full progress chart as PNG bytes (portrait, 1080 px wide)."""
    return _png(_progress_figure(data))


def weekly_chart(data: ProgressData) -> bytes:
    """This week's sessions and nutrition check-ins as a small 800×450 PNG."""
    return _png(_weekly_figure(data))


def has_progress_data(data: ProgressData) -> bool:
    """Whether any panel of the progress chart has something to draw."""
    return bool(
        _training_weeks(data.weeks)
        or data.lifts
        or _nutrition_weeks(data.nutrition)
        or _lab_series(data.labs)
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


def short_date(day: date) -> str:
    """A compact day label such as "3 Mar"."""
    return f"{day.day} {day:%b}"


# --- figures -------------------------------------------------------------------------


def _progress_figure(data: ProgressData) -> Figure:
    if not has_progress_data(data):
        return _empty_figure()
    labs = _lab_series(data.labs)
    lab_rows = _lab_layout(len(labs))
    heights = [_PANEL_IN, _PANEL_IN, _PANEL_IN]
    heights += [_LAB_ROW_IN] * len(lab_rows) if labs else [_LAB_EMPTY_IN]
    fig = Figure(
        figsize=(_PROGRESS_WIDTH_IN, _HEADER_IN + sum(heights)),
        dpi=_PROGRESS_DPI,
        layout="constrained",
    )
    fig.suptitle(
        f"{PROGRESS_TITLE} — {short_date(data.generated_on)} {data.generated_on.year}",
        fontsize=_SUPTITLE_PT,
        fontweight="bold",
    )
    grid = fig.add_gridspec(len(heights), 2, height_ratios=heights)
    _draw_training(fig.add_subplot(grid[0, :]), _training_weeks(data.weeks))
    _draw_lifts(fig.add_subplot(grid[1, :]), data.lifts, data.weight_unit)
    _draw_nutrition(fig.add_subplot(grid[2, :]), _nutrition_weeks(data.nutrition))
    if not labs:
        _placeholder(fig.add_subplot(grid[3, :]), LABS_TITLE, _TITLE_PT)
        return fig
    index = 0
    for row, columns in enumerate(lab_rows):
        for column in range(columns):
            where = grid[3 + row, :] if columns == 1 else grid[3 + row, column]
            _draw_lab(fig.add_subplot(where), labs[index])
            index += 1
    return fig


def _weekly_figure(data: ProgressData) -> Figure:
    fig = Figure(figsize=_WEEKLY_SIZE_IN, dpi=_WEEKLY_DPI, layout="constrained")
    ax = fig.add_subplot()
    week = _current_week(data)
    nutrition = _current_nutrition(data, week)
    if week is not None:
        week_start = week.week_start
    elif nutrition is not None:
        week_start = nutrition.week_start
    else:
        _placeholder(ax, "This week", _TITLE_PT)
        return fig
    planned = week.planned if week is not None else 0
    done = week.done if week is not None else 0
    partly = week.partly if week is not None else 0
    checkins = nutrition.checkins if nutrition is not None else 0

    rows = [1.0, 0.0]  # sessions on top, check-ins below
    height = 0.55
    ax.barh(rows[0], done, height=height, color=_DONE, label="Sessions done")
    if partly:
        ax.barh(rows[0], partly, left=done, height=height, color=_PARTLY, label="Partly done")
    ax.barh(rows[1], checkins, height=height, color=_PALETTE[2], label="Check-ins")
    ax.barh(
        rows,
        [planned, DAYS_PER_WEEK],
        height=height,
        fill=False,
        edgecolor=_MUTED,
        linestyle="--",
        linewidth=2,
        zorder=3,
        label="Target",
    )
    ax.set_yticks(rows, ["Sessions", "Check-ins"])
    ax.set_ylim(-0.55, 1.95)
    span = max(planned, done + partly, DAYS_PER_WEEK)
    ax.set_xlim(0, span * 1.5)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    session_text = f"{done} of {planned} done" + (f", {partly} partly" if partly else "")
    checkin_text = f"{checkins} of {DAYS_PER_WEEK} days"
    for y, end, text in (
        (rows[0], max(planned, done + partly), session_text),
        (rows[1], max(DAYS_PER_WEEK, checkins), checkin_text),
    ):
        ax.text(end + span * 0.03, y, text, va="center", fontsize=_LABEL_PT)
    ax.set_title(f"This week ({short_date(week_start)})", fontsize=_TITLE_PT, fontweight="bold")
    ax.set_xlabel("Sessions / days", fontsize=_LABEL_PT)
    ax.tick_params(labelsize=_TICK_PT)
    ax.legend(fontsize=_LEGEND_PT, loc="upper left", frameon=False, ncols=4)
    _tidy(ax, grid_axis="x")
    return fig


def _empty_figure() -> Figure:
    fig = Figure(figsize=(_PROGRESS_WIDTH_IN, _EMPTY_HEIGHT_IN), dpi=_PROGRESS_DPI)
    fig.text(0.5, 0.78, PROGRESS_TITLE, ha="center", fontsize=_SUPTITLE_PT + 4, fontweight="bold")
    fig.text(
        0.5,
        0.45,
        EMPTY_MESSAGE,
        ha="center",
        va="center",
        fontsize=_SUPTITLE_PT,
        color=_MUTED,
        linespacing=1.6,
    )
    fig.text(
        0.5,
        0.15,
        "Your charts will appear here after a week or two.",
        ha="center",
        fontsize=_LABEL_PT,
        color=_MUTED,
    )
    return fig


# --- panels --------------------------------------------------------------------------


def _draw_training(ax: Axes, weeks: list[WeekTraining]) -> None:
    if not weeks:
        _placeholder(ax, TRAINING_TITLE, _TITLE_PT)
        return
    xs = list(range(len(weeks)))
    width = 0.38
    ax.bar(
        [x - width / 2 for x in xs],
        [w.planned for w in weeks],
        width,
        color=_PLANNED,
        label="Planned",
    )
    ax.bar([x + width / 2 for x in xs], [w.done for w in weeks], width, color=_DONE, label="Done")
    if any(w.partly for w in weeks):
        ax.bar(
            [x + width / 2 for x in xs],
            [w.partly for w in weeks],
            width,
            bottom=[w.done for w in weeks],
            color=_PARTLY,
            label="Partly done",
        )
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    top = max(max(w.planned, w.done + w.partly) for w in weeks)
    ax.set_ylim(0, max(top, 1) * 1.3)
    _week_ticks(ax, [w.week_start for w in weeks])
    ax.set_title(TRAINING_TITLE, fontsize=_TITLE_PT, fontweight="bold")
    ax.set_ylabel("Sessions", fontsize=_LABEL_PT)
    ax.set_xlabel("Week starting", fontsize=_LABEL_PT)
    ax.tick_params(labelsize=_TICK_PT)
    ax.legend(fontsize=_LEGEND_PT, loc="upper left", ncols=3, frameon=False)
    _tidy(ax)


def _draw_lifts(ax: Axes, lifts: Sequence[LiftPoint], weight_unit: str) -> None:
    series = lift_series(lifts)
    if not series:
        _placeholder(ax, LIFTS_TITLE, _TITLE_PT)
        return
    all_days: list[date] = []
    all_loads: list[float] = []
    for colour, (name, points) in zip(_PALETTE, series.items(), strict=False):
        days = [p.day for p in points]
        loads = [display_load(p.top_kg, weight_unit) for p in points]
        all_days += days
        all_loads += loads
        ax.plot(
            _day_numbers(days),
            loads,
            marker="o",
            linewidth=2.5,
            markersize=7,
            color=colour,
            label=name,
        )
    _date_axis(ax, all_days, max_ticks=6)
    # Headroom above the lines for the legend (three names to a row).
    low, high = min(all_loads), max(all_loads)
    spread = max(high - low, high * 0.1, 1.0)
    legend_rows = -(-len(series) // 3)
    ax.set_ylim(max(0.0, low - spread * 0.1), high + spread * (0.15 + 0.2 * legend_rows))
    ax.set_title(LIFTS_TITLE, fontsize=_TITLE_PT, fontweight="bold")
    ax.set_ylabel(f"Top set ({weight_unit})", fontsize=_LABEL_PT)
    ax.set_xlabel("Date", fontsize=_LABEL_PT)
    ax.tick_params(labelsize=_TICK_PT)
    ax.legend(fontsize=_LEGEND_PT, loc="upper left", ncols=3, frameon=False)
    _tidy(ax)


def _draw_nutrition(ax: Axes, weeks: list[NutritionWeek]) -> None:
    if not weeks:
        _placeholder(ax, NUTRITION_TITLE, _TITLE_PT)
        return
    xs = list(range(len(weeks)))
    ax.bar(xs, [w.checkins for w in weeks], 0.6, color=_CHECKINS, label="Check-ins")
    nutrients: list[str] = []
    for week in weeks:
        nutrients += [name for name in week.days_on_target if name not in nutrients]
    for colour, name in zip(_PALETTE, nutrients[:MAX_NUTRIENTS], strict=False):
        ax.plot(
            xs,
            [w.days_on_target.get(name, 0) for w in weeks],
            marker="o",
            linewidth=2.5,
            markersize=7,
            color=colour,
            label=f"{name} on target",
        )
    ax.set_ylim(0, DAYS_PER_WEEK * 1.35)
    ax.set_yticks(range(0, DAYS_PER_WEEK + 1))
    _week_ticks(ax, [w.week_start for w in weeks])
    ax.set_title(NUTRITION_TITLE, fontsize=_TITLE_PT, fontweight="bold")
    ax.set_ylabel("Days (of 7)", fontsize=_LABEL_PT)
    ax.set_xlabel("Week starting", fontsize=_LABEL_PT)
    ax.tick_params(labelsize=_TICK_PT)
    ax.legend(fontsize=_LEGEND_PT, loc="upper left", ncols=3, frameon=False)
    _tidy(ax)


def _draw_lab(ax: Axes, series: LabSeries) -> None:
    points = sorted(series.points, key=lambda p: p.day)
    days = [p.day for p in points]
    low, high = series.band_low, series.band_high
    band_label = series.band_label or "Reference range"
    band: list[Artist] = []
    if low is not None and high is not None:
        band.append(ax.axhspan(low, high, color=_BAND, alpha=0.15, label=band_label))
    else:
        bound = low if low is not None else high
        if bound is not None:
            line = ax.axhline(bound, color=_BAND, linestyle="--", linewidth=1.8, label=band_label)
            band.append(line)
    ax.plot(
        _day_numbers(days),
        [p.value for p in points],
        marker="o",
        linewidth=2.2,
        markersize=7,
        color=_PALETTE[0],
        label=series.name,
    )
    _date_axis(ax, days, max_ticks=4)
    ax.set_title(f"{series.name} ({series.unit})", fontsize=_SMALL_TITLE_PT, fontweight="bold")
    ax.set_ylabel(series.unit, fontsize=_SMALL_TICK_PT)
    ax.tick_params(labelsize=_SMALL_TICK_PT)
    if band:  # the series itself is named in the title
        ax.legend(handles=band, fontsize=_SMALL_LEGEND_PT, loc="best", frameon=False)
    _tidy(ax)


# --- helpers -------------------------------------------------------------------------


def _png(fig: Figure) -> bytes:
    FigureCanvasAgg(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=fig.dpi)
    return buffer.getvalue()


def _placeholder(ax: Axes, title: str, title_pt: float) -> None:
    ax.set_title(title, fontsize=title_pt, fontweight="bold")
    ax.text(
        0.5,
        0.5,
        NOT_ENOUGH_DATA,
        transform=ax.transAxes,
        ha="center",
        va="center",
        fontsize=_PLACEHOLDER_PT,
        color=_MUTED,
        style="italic",
    )
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_color("#E5E7EB")


def _tidy(ax: Axes, grid_axis: Literal["x", "y"] = "y") -> None:
    ax.spines["top"].set_visible(False)
    ax.spines["right"].set_visible(False)
    ax.grid(axis=grid_axis, color="#E5E7EB", linewidth=1)
    ax.set_axisbelow(True)


def _week_ticks(ax: Axes, starts: list[date]) -> None:
    xs = list(range(len(starts)))
    labels = [short_date(d) for d in starts]
    if len(starts) > 6:
        ax.set_xticks(xs, labels, rotation=45, ha="right", rotation_mode="anchor")
    else:
        ax.set_xticks(xs, labels)
    spare = (
        max(0, _MIN_WEEK_SLOTS - len(starts)) / 2
    )  # keep one or two weeks from filling the width
    ax.set_xlim(-0.6 - spare, len(starts) - 0.4 + spare)


def _day_numbers(days: Sequence[date]) -> list[int]:
    """Days as plain numbers (days since 1970-01-01) so the axis needs no date converter."""
    return [(day - _EPOCH).days for day in days]


def _date_axis(ax: Axes, days: list[date], max_ticks: int) -> None:
    first, last = min(days), max(days)
    pad = max(3, (last - first).days // 20)
    ax.set_xlim((first - _EPOCH).days - pad, (last - _EPOCH).days + pad)
    long_span = (last - first).days > 300

    def label(value: float, _position: float | None) -> str:
        day = _EPOCH + timedelta(days=round(value))
        return f"{day:%b %Y}" if long_span else short_date(day)

    ax.xaxis.set_major_locator(MaxNLocator(nbins=max_ticks, integer=True, min_n_ticks=2))
    ax.xaxis.set_major_formatter(FuncFormatter(label))


def _training_weeks(weeks: Sequence[WeekTraining]) -> list[WeekTraining]:
    recent = sorted(weeks, key=lambda w: w.week_start)[-MAX_WEEKS:]
    return recent if any(w.planned or w.done or w.partly for w in recent) else []


def _nutrition_weeks(weeks: Sequence[NutritionWeek]) -> list[NutritionWeek]:
    recent = sorted(weeks, key=lambda w: w.week_start)[-MAX_WEEKS:]
    has_any = any(w.checkins or any(w.days_on_target.values()) for w in recent)
    return recent if has_any else []


def _lab_series(labs: Sequence[LabSeries]) -> list[LabSeries]:
    return [series for series in labs if series.points][:MAX_LAB_PANELS]


def _lab_layout(count: int) -> list[int]:
    """Panels per row: one lab spans the width, two share a row, three or four use two rows."""
    return {0: [], 1: [1], 2: [2], 3: [2, 1]}.get(count, [2, 2])


def _current_week(data: ProgressData) -> WeekTraining | None:
    weeks = sorted(data.weeks, key=lambda w: w.week_start)
    past = [w for w in weeks if w.week_start <= data.generated_on]
    return past[-1] if past else (weeks[-1] if weeks else None)


def _current_nutrition(data: ProgressData, week: WeekTraining | None) -> NutritionWeek | None:
    if week is not None:
        return next((n for n in data.nutrition if n.week_start == week.week_start), None)
    weeks = sorted(data.nutrition, key=lambda w: w.week_start)
    past = [w for w in weeks if w.week_start <= data.generated_on]
    return past[-1] if past else (weeks[-1] if weeks else None)
