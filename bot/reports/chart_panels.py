"""The progress chart's panels: training, top-set loads, nutrition and one per lab series."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from bot.reports.chart_axes import date_axis, day_numbers, week_ticks
from bot.reports.chart_series import DAYS_PER_WEEK, display_load, lift_series
from bot.reports.chart_style import (
    CHECKINS,
    DONE,
    LABEL_PT,
    LEGEND_PT,
    LEVEL_COLOURS,
    LEVEL_LABELS,
    LIFTS_TITLE,
    LIMIT,
    LOGGED,
    MUTED,
    NUTRITION_TITLE,
    PALETTE,
    PARTLY,
    PLANNED,
    SMALL_LEGEND_PT,
    SMALL_TICK_PT,
    SMALL_TITLE_PT,
    STATUS_COLOURS,
    TICK_PT,
    TITLE_PT,
    TRAINING_TITLE,
    placeholder,
    tidy,
)
from bot.reports.progress_data import (
    LabSeries,
    LiftPoint,
    NutrientSeries,
    NutritionWeek,
    WeekTraining,
)


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


def draw_lifts(
    ax: Axes, lifts: Sequence[LiftPoint], weight_unit: str, span: tuple[date, date]
) -> None:
    """One line of top-set loads per main lift, in the user's unit, over `span`."""
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
    date_axis(ax, [*all_days, *span], max_ticks=6)
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
    """Check-in days per week (each nutrient has its own panel below)."""
    if not weeks:
        placeholder(ax, NUTRITION_TITLE, TITLE_PT)
        return
    xs = list(range(len(weeks)))
    ax.bar(xs, [w.checkins for w in weeks], 0.6, color=CHECKINS, label="Check-ins")
    ax.set_ylim(0, DAYS_PER_WEEK * 1.15)
    ax.set_yticks(range(0, DAYS_PER_WEEK + 1))
    week_ticks(ax, [w.week_start for w in weeks])
    ax.set_title(NUTRITION_TITLE, fontsize=TITLE_PT, fontweight="bold")
    ax.set_ylabel("Days (of 7)", fontsize=LABEL_PT)
    ax.set_xlabel("Week starting", fontsize=LABEL_PT)
    ax.tick_params(labelsize=TICK_PT)
    tidy(ax)


def draw_nutrient(ax: Axes, series: NutrientSeries, span: tuple[date, date]) -> None:
    """One nutrient's daily totals over `span`, coloured by the bot's verdict, over its target
    (shaded) and its upper limit (a red dashed line) when it has them."""
    days = sorted(series.days, key=lambda d: d.day)
    amounts = [d.amount for d in days]
    top = max([*amounts, series.target_low or 0.0, series.target_high or 0.0])
    if series.limit is not None and series.limit <= top * 1.6:
        top = max(top, series.limit)  # a far-off limit is left out of view (said in the PDF)
    top = max(top * 1.15, 1.0)
    handles: list[Artist] = []
    if series.target_low is not None:
        high = series.target_high
        if high is None:  # an open target: shaded up to the limit, or the top of the panel
            high = series.limit if series.limit is not None and series.limit <= top else top
        label = "target" if series.judged else "reference"
        handles.append(
            ax.axhspan(series.target_low, high, color=LEVEL_COLOURS["ok"], alpha=0.15, label=label)
        )
    if series.limit is not None and series.limit <= top:
        handles.append(
            ax.axhline(series.limit, color=LIMIT, linestyle="--", linewidth=1.8, label="limit")
        )
    ax.plot(day_numbers([d.day for d in days]), amounts, color=MUTED, linewidth=1, alpha=0.6)
    colours = [STATUS_COLOURS.get(d.status, LOGGED) for d in days]
    ax.scatter(day_numbers([d.day for d in days]), amounts, c=colours, s=36, zorder=3)
    ax.set_ylim(0, top)
    date_axis(ax, [*(d.day for d in days), *span], max_ticks=4)
    ax.set_title(f"{series.name} ({series.unit})", fontsize=SMALL_TITLE_PT, fontweight="bold")
    ax.set_ylabel(f"{series.unit} a day", fontsize=SMALL_TICK_PT)
    ax.tick_params(labelsize=SMALL_TICK_PT)
    if handles:
        ax.legend(handles=handles, fontsize=SMALL_LEGEND_PT, loc="upper left", frameon=False)
    tidy(ax)


def draw_lab(ax: Axes, series: LabSeries) -> None:
    """One lab's results over time, over the bands the bot flags with (shaded by level)."""
    points = sorted(series.points, key=lambda p: p.day)
    days = [p.day for p in points]
    values = [p.value for p in points]
    edges = [e for b in series.bands for e in (b.low, b.high) if e is not None]
    edges += [line.value for line in series.lines]
    low, high = min([*values, *edges]), max([*values, *edges])
    pad = max((high - low) * 0.15, abs(high) * 0.05, 0.5)
    bottom, top = low - pad, high + pad
    if low >= 0:
        bottom = max(bottom, 0.0)
    handles: list[Artist] = []
    for band in series.bands:
        start = bottom if band.low is None else max(band.low, bottom)
        end = top if band.high is None else min(band.high, top)
        if end <= start:
            continue
        colour = LEVEL_COLOURS.get(band.level, LOGGED)
        label = LEVEL_LABELS.get(band.level, band.level)
        ax.axhspan(start, end, color=colour, alpha=0.22, linewidth=0)
        if label not in [h.get_label() for h in handles]:
            handles.append(Patch(color=colour, alpha=0.4, label=label))
    for edge in sorted({e for b in series.bands for e in (b.low, b.high) if e is not None}):
        ax.axhline(edge, color=MUTED, linewidth=0.8, linestyle=":")
    for line in series.lines:
        handles.append(
            ax.axhline(line.value, color=LIMIT, linestyle="--", linewidth=1.6, label=line.label)
        )
    ax.plot(
        day_numbers(days),
        values,
        marker="o",
        linewidth=2.2,
        markersize=7,
        color=PALETTE[0],
        label=series.name,
    )
    ax.set_ylim(bottom, top)
    date_axis(ax, days, max_ticks=4)
    ax.set_title(f"{series.name} ({series.unit})", fontsize=SMALL_TITLE_PT, fontweight="bold")
    ax.set_ylabel(series.unit, fontsize=SMALL_TICK_PT)
    ax.tick_params(labelsize=SMALL_TICK_PT)
    if handles:  # the series itself is named in the title
        ax.legend(handles=handles, fontsize=SMALL_LEGEND_PT, loc="best", frameon=False)
    tidy(ax)
