"""Progress chart panels: one per lab and per nutrient, bands at the bot's flag thresholds,
and axes that start at his first data."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from matplotlib.patches import Rectangle
from test_charts import (
    NUTRIENTS,
    TODAY,
    axes_by_title,
    history,
    legend_texts,
    nutrients,
    png_size,
    ydata,
)

from bot.content import load_content
from bot.domain.labs import read_result
from bot.domain.profile import AgeBand
from bot.reports import charts
from bot.reports.chart_axes import day_numbers
from bot.reports.progress_data import LabBand, NutritionWeek, ProgressData, WeekTraining
from bot.services.progress_report import flag_bands

CONTENT = load_content()
LAB_TITLES = [
    "Estradiol (pg/mL)",
    "Total testosterone (ng/dL)",
    "25-OH vitamin D (ng/mL)",
    "Hematocrit (%)",
    "PSA (ng/mL)",
]


def test_every_lab_he_entered_gets_a_panel_in_a_grid() -> None:
    """Five labs give five panels (no cap at four), two to a row, each titled with its unit."""
    by_title = axes_by_title(charts._progress_figure(history(12, lab_series=5)))
    assert set(LAB_TITLES) <= set(by_title)
    estradiol = by_title["Estradiol (pg/mL)"]
    assert estradiol.get_ylabel() == "pg/mL"
    assert legend_texts(estradiol) == ["contact promptly", "note", "no flag"]
    low, high = estradiol.get_ylim()
    assert low <= 10.0 and high >= 24.0  # the values and the flag thresholds are in view
    widths = {round(by_title[t].get_position().width, 2) for t in LAB_TITLES}
    assert len(widths) == 1 and widths.pop() < 0.5  # half the width: two to a row


def test_lab_chart_has_one_panel_per_lab() -> None:
    """The labs picture (also in the clinician PDF) has one panel per lab, none without labs."""
    assert charts.lab_chart(history(1)) is None
    png = charts.lab_chart(history(12, lab_series=5))
    assert png is not None and png_size(png)[0] == 1080
    pictures = charts.progress_charts(history(12, lab_series=5))
    assert pictures[-1] == png


def test_haematocrit_band_is_a_band_not_a_line() -> None:
    """Haematocrit is shaded as two bands (no flag up to 54 %, contact promptly above)."""
    ax = axes_by_title(charts._progress_figure(history(12)))["Hematocrit (%)"]
    spans = [p for p in ax.patches if isinstance(p, Rectangle) and p.get_height() > 0]
    assert len(spans) == 2
    assert legend_texts(ax) == ["no flag", "contact promptly"]


@pytest.mark.parametrize("key", [lab.key for lab in CONTENT.labs.labs])
def test_chart_bands_sit_at_the_catalogues_flag_thresholds(key: str) -> None:
    """Every band edge drawn for a lab is one of the catalogue's flag thresholds, and each band
    has the level the bot's own reading (read_result) gives a value inside it."""
    lab = CONTENT.labs.get(key)
    kind = "T" if lab.is_score else None
    bands = flag_bands(lab, age_band=AgeBand.B50_59, score_kind=kind)
    flags = lab.flags
    thresholds = {b.bound for b in (flags.t_bands if lab.is_score else flags.bands)}
    if lab.is_score and flags.ai_context is not None:
        thresholds.add(flags.ai_context.below)
    edges = {e for b in bands for e in (b.low, b.high) if e is not None}
    assert edges <= thresholds
    for band in bands:
        if band.low is not None and band.high is not None:
            inside = (band.low + band.high) / 2
        elif band.high is not None:
            inside = band.high - 0.5
        else:
            assert band.low is not None
            inside = band.low + 0.5
        reading = read_result(lab, inside, age_band=AgeBand.B50_59, score_kind=kind)
        assert reading.level == band.level


def test_estradiol_band_starts_where_the_bot_flags_at_10() -> None:
    """Estradiol: contact promptly below 10 pg/mL, a note from 10 to 20, no flag to 50, a
    note above 50: the catalogue's own figures, not a made-up 'reference' at 20."""
    lab = CONTENT.labs.get("e2")
    cut_low, cut_high, upper = (band.bound for band in lab.flags.bands[:3])
    assert (cut_low, cut_high, upper) == (10, 20, 50)
    assert flag_bands(lab, age_band=AgeBand.B50_59, score_kind=None) == (
        LabBand(None, cut_low, "urgent"),
        LabBand(cut_low, cut_high, "note"),
        LabBand(cut_high, upper, "ok"),
        LabBand(upper, None, "note"),
    )


def test_haematocrit_bands_come_from_the_catalogue() -> None:
    """Haematocrit: no flag up to the catalogue's 54 %, contact promptly above it."""
    lab = CONTENT.labs.get("hct")
    cut = lab.flags.bands[0].bound
    assert flag_bands(lab, age_band=None, score_kind=None) == (
        LabBand(None, cut, "ok"),
        LabBand(cut, None, "urgent"),
    )


def test_si_bands_are_the_catalogue_thresholds_converted() -> None:
    """For an SI user the bands are the same thresholds in pmol/L."""
    lab = CONTENT.labs.get("e2")
    factor = lab.unit_named("pmol/L").factor
    bands = flag_bands(lab, age_band=None, score_kind=None, factor=factor)
    assert bands[0].high == pytest.approx(10 * factor)


def test_every_nutrient_gets_its_own_panel_with_target_and_limit() -> None:
    """Small multiples: each of the six nutrients he logged (K2 and magnesium too) has its own
    panel with its daily totals and its target shaded; an upper limit near his days is a line."""
    data = history(12)
    by_title = axes_by_title(charts._progress_figure(data))
    assert {f"{n[0]} ({n[1]})" for n in NUTRIENTS} <= set(by_title)
    for series in data.nutrients:
        ax = by_title[f"{series.name} ({series.unit})"]
        assert ydata(ax, 0) == [d.amount for d in series.days]
        assert "target" in legend_texts(ax)
        low, high = ax.get_ylim()
        assert low == 0 and high >= max(d.amount for d in series.days)
    assert "limit" not in legend_texts(by_title["Calcium (mg)"])  # 2000 mg: far above his days
    near = replace(
        data.nutrients[0], days=[replace(d, amount=1900.0) for d in data.nutrients[0].days]
    )
    ax = axes_by_title(charts._progress_figure(replace(data, nutrients=[near])))["Calcium (mg)"]
    assert "limit" in legend_texts(ax)
    assert [line.get_ydata()[0] for line in ax.get_lines() if line.get_label() == "limit"] == [
        2000.0
    ]
    nutrient_png = charts.progress_charts(data)[1]
    assert png_size(nutrient_png)[1] <= 1920


def test_axis_starts_at_his_first_data_not_twelve_weeks_back() -> None:
    """A user three weeks in: the weekly panels show three weeks, and the lift and nutrient
    date axes start at his first week, not nine empty weeks earlier."""
    data = history(12)
    monday = TODAY - timedelta(days=TODAY.weekday())
    first = monday - timedelta(weeks=2)
    quiet = [WeekTraining(w.week_start, 0, 0, 0) if w.week_start < first else w for w in data.weeks]
    checkins = [
        NutritionWeek(w.week_start, 0, {}) if w.week_start < first else w for w in data.nutrition
    ]
    lifts = [p for p in data.lifts if p.day >= first]
    new_user = ProgressData(TODAY, quiet, lifts, checkins, [], "kg", nutrients=nutrients(first))
    assert charts.first_week(new_user) == first
    by_title = axes_by_title(charts._progress_figure(new_user))
    training = by_title[charts.TRAINING_TITLE]
    assert len(training.get_xticks()) == 3
    assert training.get_xticklabels()[0].get_text() == charts.short_date(first)
    assert len(by_title[charts.NUTRITION_TITLE].get_xticks()) == 3
    for title in (charts.LIFTS_TITLE, "Calcium (mg)"):
        start, _ = by_title[title].get_xlim()
        assert day_numbers([first - timedelta(days=5)])[0] <= start <= day_numbers([first])[0]


def test_axis_goes_back_at_most_twelve_weeks() -> None:
    """With 14 weeks of history the weekly axes start 12 weeks back."""
    monday = TODAY - timedelta(days=TODAY.weekday())
    assert charts.first_week(history(14)) == monday - timedelta(weeks=charts.MAX_WEEKS - 1)
