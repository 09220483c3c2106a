"""Chart x axes: week labels for bar panels and a plain-number date axis for line panels."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter, MaxNLocator

_MIN_WEEK_SLOTS = 5
_EPOCH = date(1970, 1, 1)


def short_date(day: date) -> str:
    """A compact day label such as "3 Mar"."""
    return f"{day.day} {day:%b}"


def week_ticks(ax: Axes, starts: list[date]) -> None:
    """One tick per week, labelled with the week's first day."""
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


def day_numbers(days: Sequence[date]) -> list[int]:
    """Days as plain numbers (days since 1970-01-01) so the axis needs no date converter."""
    return [(day - _EPOCH).days for day in days]


def date_axis(ax: Axes, days: list[date], max_ticks: int) -> None:
    """An x axis over ``days`` (drawn as day_numbers), labelled "3 Mar" or "Mar 2025"."""
    first, last = min(days), max(days)
    pad = max(3, (last - first).days // 20)
    ax.set_xlim((first - _EPOCH).days - pad, (last - _EPOCH).days + pad)
    long_span = (last - first).days > 300

    def label(value: float, _position: float | None) -> str:
        day = _EPOCH + timedelta(days=round(value))
        return f"{day:%b %Y}" if long_span else short_date(day)

    ax.xaxis.set_major_locator(MaxNLocator(nbins=max_ticks, integer=True, min_n_ticks=2))
    ax.xaxis.set_major_formatter(FuncFormatter(label))
