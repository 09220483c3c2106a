"""The clinician PDF: a valid 1–2 page A4 document with the labs, summaries and disclaimer."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from bot.reports.clinician_pdf import TITLE, clinician_report
from bot.reports.progress_data import (
    LabPoint,
    LabRow,
    LabSeries,
    LiftPoint,
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
                20.0,
                40.0,
                "target 20–40 pg/mL",
            )
        ]
    return ProgressData(
        generated_on=TODAY,
        weeks=[WeekTraining(s, 3, 2 + i % 2, 0) for i, s in enumerate(starts)],
        lifts=[LiftPoint(s, "Squat", 60 + 2.5 * i) for i, s in enumerate(starts)],
        nutrition=[NutritionWeek(s, 5, {"Calcium": 4, "Vitamin D": 5}) for s in starts],
        labs=labs,
        weight_unit=unit,
    )


def report(weeks: int, unit: str = "kg", lab_copies: int = 1, lines: int = 2) -> ReportData:
    """A report over a seeded history; `lab_copies` and `lines` lengthen its lists."""
    data = progress(weeks, unit)
    rows = [
        LabRow(TODAY - timedelta(days=70), "Estradiol", "14 pg/mL", "low"),
        LabRow(TODAY, "Estradiol", "24 pg/mL", ""),
        LabRow(TODAY, "Vitamin B12", "350 pmol/L", ""),
    ]
    supplements = ["Vitamin D3: ≥ 1000 IU on 5 of 7 days", "Calcium citrate: 500 mg 💊"]
    adherence = ["Anastrozole doses logged: 24 of 24 scheduled"]
    return ReportData(
        generated_on=TODAY,
        patient_label="BoneCoach user, age band 50–59",
        progress=data,
        lab_rows=(rows if weeks else []) * lab_copies,
        supplements=(supplements * lines)[: 2 * lines] if weeks else [],
        adherence_lines=(adherence * lines)[:lines] if weeks else [],
        disclaimer=DISCLAIMER,
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


def test_report_summarises_training_nutrition_and_supplements(twelve_weeks: PdfReader) -> None:
    """Training adherence, top loads, nutrition adherence and supplements are all printed."""
    text = flat_text(twelve_weeks)
    assert "Last 12 weeks, 36 planned sessions: 30 done (83%)." in text
    assert "Squat 60 kg (23 Dec) 87.5 kg (10 Mar) 87.5 kg (10 Mar)" in text
    assert "Calcium: target met on 48 of 60 check-in days (80%)." in text
    assert "Vitamin D3: ≥ 1000 IU on 5 of 7 days" in text
    assert "Anastrozole doses logged: 24 of 24 scheduled" in text


def test_report_embeds_the_progress_chart(twelve_weeks: PdfReader) -> None:
    """The progress chart is embedded as an image."""
    assert sum(len(page.images) for page in twelve_weeks.pages) == 1
    assert "Progress chart" in flat_text(twelve_weeks)


def test_emoji_the_font_lacks_are_dropped(twelve_weeks: PdfReader) -> None:
    """A character the embedded font lacks (an emoji) is dropped, not printed as a box."""
    text = flat_text(twelve_weeks)
    assert "Calcium citrate: 500 mg" in text
    assert "💊" not in text


def test_top_loads_are_shown_in_lb_for_an_lb_user() -> None:
    """For a user who logs in lb the top-set table converts from kg."""
    text = flat_text(read(clinician_report(report(1, unit="lb"))))
    assert "Squat 132.3 lb (10 Mar)" in text
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
    assert "Not enough data yet for a chart." in text
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
