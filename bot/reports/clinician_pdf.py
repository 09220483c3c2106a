"""A one-to-two page A4 PDF summary the user can hand to their clinician.

Built with fpdf2 and DejaVu Sans taken from matplotlib's bundled fonts, so symbols such as
µ, – and ≥ print as entered. Characters the font lacks (emoji, for instance) become "?".
The layout keeps to two pages: long lists are shortened, and if the content still runs
over, the report is laid out again with shorter lists.

The parts live in pdf_document.py (page, fonts, footer, text helpers), pdf_sections.py
(lab table, training, nutrition per nutrient, disclaimer) and pdf_chart.py (one panel per
lab, shaded where the bot flags).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fpdf.enums import XPos, YPos

from bot.reports.charts import lab_chart
from bot.reports.pdf_chart import MIN_CHART_MM, place_chart
from bot.reports.pdf_document import FONT, MAX_PAGES, ReportPDF
from bot.reports.pdf_sections import (
    disclaimer,
    disclaimer_height,
    lab_table,
    nutrient_lines,
    nutrition_summary,
    top_loads,
    training_summary,
)
from bot.reports.progress_data import ReportData

__all__ = ["MAX_PAGES", "TITLE", "clinician_report"]

TITLE = "BoneCoach summary for your clinician"
RED_FLAG_NOTE = (
    "Symptoms he reported in chat that got an urgent medical-contact message: the day and "
    "the kind only (his words are not stored)."
)


@dataclass(frozen=True)
class _Limits:
    """How much of each list fits; tried from the most generous down."""

    lab_rows: int
    lines: int


_LIMITS = (_Limits(lab_rows=18, lines=8), _Limits(lab_rows=12, lines=5), _Limits(8, 3))


def clinician_report(data: ReportData) -> bytes:
    """The clinician summary as PDF bytes (A4, one or two pages)."""
    chart = lab_chart(data.progress)
    for limits in _LIMITS:
        pdf = _layout(data, chart, limits)
        chart_fits = chart is None or pdf.chart_mm >= MIN_CHART_MM
        if pdf.page_no() <= MAX_PAGES and chart_fits:
            break
    return bytes(pdf.output())


def _layout(data: ReportData, chart: bytes | None, limits: _Limits) -> ReportPDF:
    pdf = ReportPDF()
    pdf.set_title(TITLE)
    pdf.set_author("BoneCoach")
    pdf.set_creator("BoneCoach")
    pdf.add_page()

    pdf.set_font(FONT, "B", 18)
    pdf.cell(0, 10, TITLE, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.paragraph(f"Generated {_long_date(data.generated_on)}  ·  {data.patient_label}", grey=True)

    pdf.heading("Lab results")
    lab_table(pdf, data.lab_rows, limits.lab_rows)
    if data.lab_trends:
        pdf.heading("Lab trends (first → latest)")
        pdf.bullets(data.lab_trends, limits.lab_rows, "")

    progress = data.progress
    pdf.heading("Training")
    summary = training_summary(progress.weeks)
    pdf.paragraph(summary or "No planned training sessions yet.", grey=summary is None)
    top_loads(pdf, progress.lifts, progress.weight_unit)

    if data.red_flag_lines:
        pdf.heading("Red-flag events")
        pdf.bullets(data.red_flag_lines, limits.lines, "")
        pdf.paragraph(RED_FLAG_NOTE, grey=True, size=8.5)

    pdf.heading("Nutrition (daily totals against target and upper limit)")
    lines = nutrition_summary(progress.nutrition) + nutrient_lines(progress.nutrients)
    pdf.bullets(lines, limits.lines + 6, "No check-ins yet.")

    if data.adherence_lines:
        pdf.heading("Adherence")
        pdf.bullets(data.adherence_lines, limits.lines, "")

    disclaimer_mm = disclaimer_height(pdf, data.disclaimer)
    place_chart(pdf, chart, reserve_mm=disclaimer_mm + 4)
    disclaimer(pdf, data.disclaimer, disclaimer_mm)
    return pdf


def _long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"
