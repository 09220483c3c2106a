"""The clinician PDF: a valid 1–2 page A4 document with the labs, summaries and disclaimer."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from bot.reports.clinician_pdf import TITLE, clinician_report
from bot.reports.pdf_chart import CHART_HEADING
from bot.reports.progress_data import (
    LabBand,
    LabPoint,
    LabRow,
    LabSeries,
    LiftPoint,
    NutrientDay,
    NutrientSeries,
    NutritionWeek,
    ProgressData,
    ReportData,
    WeekTraining,
)

TODAY = date(2025, 3, 16)
A4_POINTS = (595, 842)
DISCLAIMER = (
    "BoneCoach is a coaching tool, not a medical record or medical advice. "
    "All values are as entered by the user."
)


def progress(weeks: int, unit: str = "kg") -> ProgressData:
    """A seeded history of `weeks` weeks ending this week."""
    monday = TODAY - timedelta(days=TODAY.weekday())
    starts = [monday - timedelta(weeks=weeks - 1 - i) for i in range(weeks)]
    labs = []
    if weeks >= 4:
        labs = [
            LabSeries(
                "Estradiol",
                "pg/mL",
                [LabPoint(starts[0], 14.0), LabPoint(starts[-1], 24.0)],
                (LabBand(None, 10, "urgent"), LabBand(10, 20, "note"), LabBand(20, None, "ok")),
            )
        ]
    return ProgressData(
        generated_on=TODAY,
        weeks=[WeekTraining(s, 3, 2 + i % 2, 0) for i, s in enumerate(starts)],
        lifts=[LiftPoint(s, "Squat", 60 + 2.5 * i) for i, s in enumerate(starts)],
        nutrition=[NutritionWeek(s, 5, {"Calcium": 4, "Vitamin D": 5}) for s in starts],
        labs=labs,
        weight_unit=unit,
        nutrients=[
            NutrientSeries(
                "Calcium",
                "mg",
                [
                    NutrientDay(s + timedelta(days=d), 800.0 + 100 * d, "met" if d else "below")
                    for s in starts
                    for d in range(5)
                ],
                1000.0,
                None,
                "target 1000 mg a day",
                2000.0,
                "upper limit 2000 mg a day",
                judged=True,
            ),
            NutrientSeries(
                "Vitamin K2 (MK-7)",
                "µg",
                [NutrientDay(s, 100.0, "logged") for s in starts],
                120.0,
                None,
                "adequate intake for all vitamin K in men 120 µg a day",
                None,
                "",
                judged=False,
            ),
        ],
    )


def report(weeks: int, unit: str = "kg", lab_copies: int = 1, lines: int = 2) -> ReportData:
    """A report over a seeded history; `lab_copies` and `lines` lengthen its lists."""
    data = progress(weeks, unit)
    rows = [
        LabRow(TODAY - timedelta(days=70), "Estradiol", "14 pg/mL", "low"),
        LabRow(TODAY, "Estradiol", "24 pg/mL", ""),
        LabRow(TODAY, "Vitamin B12", "350 pmol/L", ""),
    ]
    adherence = ["Anastrozole doses logged: 24 of 24 scheduled 💊"]
    return ReportData(
        generated_on=TODAY,
        patient_label="BoneCoach user, age band 50–59",
        progress=data,
        lab_rows=(rows if weeks else []) * lab_copies,
        adherence_lines=(adherence * lines)[:lines] if weeks else [],
        disclaimer=DISCLAIMER,
        lab_trends=(
            ["Estradiol (E2): 14 pg/mL (23 Dec 2024) → 24 pg/mL (10 Mar 2025), up; 2 results"]
            * lab_copies
        )
        if weeks
        else [],
    )


def read(pdf: bytes) -> PdfReader:
    """The PDF parsed, after checking its header."""
    assert pdf.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(pdf))


def flat_text(reader: PdfReader) -> str:
    """All pages' text with whitespace collapsed, so wrapped lines compare as one."""
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.fixture(scope="module")
def twelve_weeks() -> PdfReader:
    return read(clinician_report(report(12)))


def test_twelve_week_report_is_a_one_or_two_page_a4_pdf(twelve_weeks: PdfReader) -> None:
    """A 12-week report is a PDF of one or two A4 pages."""
    assert 1 <= len(twelve_weeks.pages) <= 2
    for page in twelve_weeks.pages:
        size = (round(float(page.mediabox.width)), round(float(page.mediabox.height)))
        assert size == A4_POINTS


def test_report_text_has_title_labs_with_units_and_disclaimer(twelve_weeks: PdfReader) -> None:
    """The text layer has the title, the patient label, lab names with units and the disclaimer."""
    first_page = twelve_weeks.pages[0].extract_text()
    assert first_page.splitlines()[0] == TITLE
    text = flat_text(twelve_weeks)
    assert "BoneCoach user, age band 50–59" in text
    assert "Estradiol 24 pg/mL" in text
    assert "Vitamin B12 350 pmol/L" in text
    assert "low" in text
    assert DISCLAIMER in text


def test_disclaimer_is_on_the_last_page(twelve_weeks: PdfReader) -> None:
    """The disclaimer closes the report, on its last page."""
    last_page = " ".join(twelve_weeks.pages[-1].extract_text().split())
    assert DISCLAIMER in last_page


def test_report_summarises_training_and_nutrition_per_nutrient(twelve_weeks: PdfReader) -> None:
    """Training adherence, top loads, and each nutrient against its target and upper limit are
    printed; there is no 'Supplements' section repeating them."""
    text = flat_text(twelve_weeks)
    assert "Last 12 weeks, 36 planned sessions: 30 done (83%)." in text
    assert "Squat 60 kg (23 Dec) 87.5 kg (10 Mar) 87.5 kg (10 Mar)" in text
    assert (
        "Calcium (target 1000 mg a day; upper limit 2000 mg a day): logged on 60 days; "
        "target reached on 48, below on 12; above the limit on 0; median 1000 mg a day." in text
    )
    assert (
        "Vitamin K2 (MK-7) (adequate intake for all vitamin K in men 120 µg a day): "
        "logged on 12 days; median 100 µg a day." in text
    )
    assert "Supplements" not in text
    assert "Anastrozole doses logged: 24 of 24 scheduled" in text


def test_report_embeds_the_lab_chart_and_trends(twelve_weeks: PdfReader) -> None:
    """The lab chart (one panel per lab) is embedded as an image, with a trend line per lab."""
    assert sum(len(page.images) for page in twelve_weeks.pages) == 1
    text = flat_text(twelve_weeks)
    assert CHART_HEADING in text
    assert "Estradiol (E2): 14 pg/mL (23 Dec 2024) → 24 pg/mL (10 Mar 2025), up; 2 results" in text


def test_emoji_the_font_lacks_are_dropped(twelve_weeks: PdfReader) -> None:
    """A character the embedded font lacks (an emoji) is dropped, not printed as a box."""
    text = flat_text(twelve_weeks)
    assert "Anastrozole doses logged: 24 of 24 scheduled" in text
    assert "💊" not in text


def test_top_loads_are_shown_in_lb_for_an_lb_user() -> None:
    """For a user who logs in lb the top-set table converts from kg, in whole pounds."""
    text = flat_text(read(clinician_report(report(1, unit="lb"))))
    assert "Squat 132 lb (10 Mar)" in text
    assert "Last week, 3 planned sessions: 2 done (67%)." in text


def test_long_histories_still_fit_on_two_pages() -> None:
    """Many lab results and long lists are shortened so the report stays within two pages."""
    reader = read(clinician_report(report(12, lab_copies=30, lines=20)))
    assert len(reader.pages) == 2
    text = flat_text(reader)
    assert "most recent of 90 results." in text
    assert "more." in text
    assert DISCLAIMER in text
    assert sum(len(page.images) for page in reader.pages) == 1


def test_empty_history_gives_one_page_without_chart() -> None:
    """With nothing logged the report is one page that says so, with no chart image."""
    reader = read(clinician_report(report(0)))
    assert len(reader.pages) == 1
    assert len(reader.pages[0].images) == 0
    text = flat_text(reader)
    assert TITLE in text
    assert "No lab results entered yet." in text
    assert "No lab results entered yet, so no lab chart." in text
    assert DISCLAIMER in text


def test_red_flag_events_are_listed_by_day_and_kind() -> None:
    """Red-flag events get their own short section: the day and the kind, nothing more."""
    data = replace(
        report(12), red_flag_lines=["2026-03-02 — sudden back pain (later said: better)"]
    )
    reader = read(clinician_report(data))
    text = flat_text(reader)
    assert "Red-flag events" in text
    assert "2026-03-02 — sudden back pain (later said: better)" in text
    assert "his words are not stored" in text
    assert len(reader.pages) <= 2


def test_no_red_flag_section_without_events() -> None:
    """Without events the report has no red-flag section."""
    assert "Red-flag events" not in flat_text(read(clinician_report(report(1))))
