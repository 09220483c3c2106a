"""The progress chart's panels: training, top-set loads, nutrition and one per lab series."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator

from bot.reports.chart_axes import date_axis, day_numbers, week_ticks
from bot.reports.chart_series import DAYS_PER_WEEK, MAX_NUTRIENTS, display_load, lift_series
from bot.reports.chart_style import (
    BAND,
    CHECKINS,
    DONE,
    LABEL_PT,
    LEGEND_PT,
    LIFTS_TITLE,
    NUTRITION_TITLE,
    PALETTE,
    PARTLY,
    PLANNED,
    SMALL_LEGEND_PT,
    SMALL_TICK_PT,
    SMALL_TITLE_PT,
    TICK_PT,
    TITLE_PT,
    TRAINING_TITLE,
    placeholder,
    tidy,
)
from bot.reports.progress_data import LabSeries, LiftPoint, NutritionWeek, WeekTraining


def draw_training(ax: Axes, weeks: list[WeekTraining]) -> None:
    """Planned against done (and partly done) sessions, one pair of bars per week."""
    if not weeks:
        placeholder(ax, TRAINING_TITLE, TITLE_PT)
        return
    xs = list(range(len(weeks)))
    width = 0.38
    ax.bar(
        [x - width / 2 for x in xs],
        [w.planned for w in weeks],
        width,
        color=PLANNED,
        label="Planned",
    )
    ax.bar([x + width / 2 for x in xs], [w.done for w in weeks], width, color=DONE, label="Done")
    if any(w.partly for w in weeks):
        ax.bar(
            [x + width / 2 for x in xs],
            [w.partly for w in weeks],
            width,
            bottom=[w.done for w in weeks],
            color=PARTLY,
            label="Partly done",
        )
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    top = max(max(w.planned, w.done + w.partly) for w in weeks)
    ax.set_ylim(0, max(top, 1) * 1.3)
    week_ticks(ax, [w.week_start for w in weeks])
    ax.set_title(TRAINING_TITLE, fontsize=TITLE_PT, fontweight="bold")
    ax.set_ylabel("Sessions", fontsize=LABEL_PT)
    ax.set_xlabel("Week starting", fontsize=LABEL_PT)
    ax.tick_params(labelsize=TICK_PT)
    ax.legend(fontsize=LEGEND_PT, loc="upper left", ncols=3, frameon=False)
    tidy(ax)


def draw_lifts(ax: Axes, lifts: Sequence[LiftPoint], weight_unit: str) -> None:
    """One line of top-set loads per main lift, in the user's unit."""
    series = lift_series(lifts)
    if not series:
        placeholder(ax, LIFTS_TITLE, TITLE_PT)
        return
    all_days: list[date] = []
    all_loads: list[float] = []
    for colour, (name, points) in zip(PALETTE, series.items(), strict=False):
        days = [p.day for p in points]
        loads = [display_load(p.top_kg, weight_unit) for p in points]
        all_days += days
        all_loads += loads
        ax.plot(
            day_numbers(days),
            loads,
            marker="o",
            linewidth=2.5,
            markersize=7,
            color=colour,
            label=name,
        )
    date_axis(ax, all_days, max_ticks=6)
    # Headroom above the lines for the legend (three names to a row).
    low, high = min(all_loads), max(all_loads)
    spread = max(high - low, high * 0.1, 1.0)
    legend_rows = -(-len(series) // 3)
    ax.set_ylim(max(0.0, low - spread * 0.1), high + spread * (0.15 + 0.2 * legend_rows))
    ax.set_title(LIFTS_TITLE, fontsize=TITLE_PT, fontweight="bold")
    ax.set_ylabel(f"Top set ({weight_unit})", fontsize=LABEL_PT)
    ax.set_xlabel("Date", fontsize=LABEL_PT)
    ax.tick_params(labelsize=TICK_PT)
    ax.legend(fontsize=LEGEND_PT, loc="upper left", ncols=3, frameon=False)
    tidy(ax)


def draw_nutrition(ax: Axes, weeks: list[NutritionWeek]) -> None:
    """Check-ins per week as bars, with a line per nutrient for the days on target."""
    if not weeks:
        placeholder(ax, NUTRITION_TITLE, TITLE_PT)
        return
    xs = list(range(len(weeks)))
    ax.bar(xs, [w.checkins for w in weeks], 0.6, color=CHECKINS, label="Check-ins")
    nutrients: list[str] = []
    for week in weeks:
        nutrients += [name for name in week.days_on_target if name not in nutrients]
    for colour, name in zip(PALETTE, nutrients[:MAX_NUTRIENTS], strict=False):
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
    week_ticks(ax, [w.week_start for w in weeks])
    ax.set_title(NUTRITION_TITLE, fontsize=TITLE_PT, fontweight="bold")
    ax.set_ylabel("Days (of 7)", fontsize=LABEL_PT)
    ax.set_xlabel("Week starting", fontsize=LABEL_PT)
    ax.tick_params(labelsize=TICK_PT)
    ax.legend(fontsize=LEGEND_PT, loc="upper left", ncols=3, frameon=False)
    tidy(ax)


def draw_lab(ax: Axes, series: LabSeries) -> None:
    """One lab's results over time, over its reference band or limit line when it has one."""
    points = sorted(series.points, key=lambda p: p.day)
    days = [p.day for p in points]
    low, high = series.band_low, series.band_high
    band_label = series.band_label or "Reference range"
    band: list[Artist] = []
    if low is not None and high is not None:
        band.append(ax.axhspan(low, high, color=BAND, alpha=0.15, label=band_label))
    else:
        bound = low if low is not None else high
        if bound is not None:
            line = ax.axhline(bound, color=BAND, linestyle="--", linewidth=1.8, label=band_label)
            band.append(line)
    ax.plot(
        day_numbers(days),
        [p.value for p in points],
        marker="o",
        linewidth=2.2,
        markersize=7,
        color=PALETTE[0],
        label=series.name,
    )
    date_axis(ax, days, max_ticks=4)
    ax.set_title(f"{series.name} ({series.unit})", fontsize=SMALL_TITLE_PT, fontweight="bold")
    ax.set_ylabel(series.unit, fontsize=SMALL_TICK_PT)
    ax.tick_params(labelsize=SMALL_TICK_PT)
    if band:  # the series itself is named in the title
        ax.legend(handles=band, fontsize=SMALL_LEGEND_PT, loc="best", frameon=False)
    tidy(ax)
