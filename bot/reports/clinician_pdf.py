"""A one-to-two page A4 PDF summary the user can hand to their clinician.

Built with fpdf2 and DejaVu Sans taken from matplotlib's bundled fonts, so symbols such as
µ, – and ≥ print as entered. Characters the font lacks (emoji, for instance) become "?".
The layout keeps to two pages: long lists are shortened, and if the content still runs
over, the report is laid out again with shorter lists.
"""

from __future__ import annotations

import io
import struct
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import matplotlib
from fpdf import FPDF
from fpdf.enums import MethodReturnValue, XPos, YPos
from fpdf.fonts import FontFace, TTFFont

from bot.reports.charts import (
    MAX_WEEKS,
    display_load,
    has_progress_data,
    lift_series,
    progress_chart,
    short_date,
)
from bot.reports.progress_data import (
    LabRow,
    LiftPoint,
    NutritionWeek,
    ReportData,
    WeekTraining,
)

TITLE = "BoneCoach summary for your clinician"
MAX_PAGES = 2

_FONT = "DejaVu"
_FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
_MARGIN_MM = 15.0
_LINE_MM = 5.5
_ROW_MM = 6.5
_MAX_LINE_CHARS = 240
_MIN_CHART_MM = 160.0  # a shorter chart is too small to read: move it on, or shorten the lists
_SMALLEST_CHART_MM = 60.0  # below this there is no room for it at all
_GREY = (90, 98, 110)
_RULE = (200, 205, 212)
_FLAG = (170, 20, 20)


@dataclass(frozen=True)
class _Limits:
    """How much of each list fits; tried from the most generous down."""

    lab_rows: int
    lines: int


_LIMITS = (_Limits(lab_rows=18, lines=8), _Limits(lab_rows=12, lines=5), _Limits(8, 3))


def clinician_report(data: ReportData) -> bytes:
    """The clinician summary as PDF bytes (A4, one or two pages)."""
    chart = progress_chart(data.progress) if has_progress_data(data.progress) else None
    for limits in _LIMITS:
        pdf = _layout(data, chart, limits)
        chart_fits = chart is None or pdf.chart_mm >= _MIN_CHART_MM
        if pdf.page_no() <= MAX_PAGES and chart_fits:
            break
    return bytes(pdf.output())


class _ReportPDF(FPDF):
    def __init__(self) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.set_margins(_MARGIN_MM, _MARGIN_MM, _MARGIN_MM)
        self.set_auto_page_break(auto=True, margin=_MARGIN_MM + 5)
        for style, filename in _FONT_FILES.items():
            self.add_font(_FONT, style, str(_font_dir() / filename))
        self.chart_mm = 0.0  # height the progress chart got, 0 when left out
        font = self.fonts.get(_FONT.lower())
        self.glyphs: frozenset[int] = (
            frozenset(font.cmap) if isinstance(font, TTFFont) else frozenset()
        )

    def footer(self) -> None:
        self.set_y(-_MARGIN_MM)
        self.set_font(_FONT, "", 8)
        self.set_text_color(*_GREY)
        self.cell(0, 5, f"BoneCoach · page {self.page_no()} of {{nb}}", align="C")

    def safe(self, text: str) -> str:
        """Text cut to a sane length, with characters the font lacks replaced by "?"."""
        text = " ".join(text.split())
        if len(text) > _MAX_LINE_CHARS:
            text = text[: _MAX_LINE_CHARS - 1] + "…"
        return "".join(_glyph_or_fallback(ch, self.glyphs) for ch in text)

    def heading(self, text: str) -> None:
        self.ln(3)
        self.set_font(_FONT, "B", 12)
        self.set_text_color(0, 0, 0)
        self.cell(0, 7, self.safe(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(*_RULE)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(1.5)

    def paragraph(self, text: str, *, grey: bool = False, size: float = 10) -> None:
        self.set_font(_FONT, "", size)
        self.set_text_color(*(_GREY if grey else (0, 0, 0)))
        self.multi_cell(0, _LINE_MM, self.safe(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def bullets(self, lines: Sequence[str], limit: int, empty: str) -> None:
        if not lines:
            self.paragraph(empty, grey=True)
            return
        for line in lines[:limit]:
            self.paragraph(f"•  {line}")
        if len(lines) > limit:
            self.paragraph(f"… and {len(lines) - limit} more.", grey=True)


def _layout(data: ReportData, chart: bytes | None, limits: _Limits) -> _ReportPDF:
    pdf = _ReportPDF()
    pdf.set_title(TITLE)
    pdf.set_author("BoneCoach")
    pdf.set_creator("BoneCoach")
    pdf.add_page()

    pdf.set_font(_FONT, "B", 18)
    pdf.cell(0, 10, TITLE, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.paragraph(f"Generated {_long_date(data.generated_on)}  ·  {data.patient_label}", grey=True)

    pdf.heading("Lab results")
    _lab_table(pdf, data.lab_rows, limits.lab_rows)

    progress = data.progress
    pdf.heading("Training")
    summary = _training_summary(progress.weeks)
    pdf.paragraph(summary or "No training sessions logged yet.", grey=summary is None)
    _top_loads(pdf, progress.lifts, progress.weight_unit)

    pdf.heading("Nutrition")
    pdf.bullets(_nutrition_summary(progress.nutrition), limits.lines, "No check-ins yet.")

    if data.adherence_lines:
        pdf.heading("Adherence")
        pdf.bullets(data.adherence_lines, limits.lines, "")

    pdf.heading("Supplements")
    pdf.bullets(data.supplements, limits.lines, "None recorded.")

    disclaimer_mm = _disclaimer_height(pdf, data.disclaimer)
    _chart(pdf, chart, reserve_mm=disclaimer_mm + 4)
    _disclaimer(pdf, data.disclaimer, disclaimer_mm)
    return pdf


def _lab_table(pdf: _ReportPDF, rows: Sequence[LabRow], limit: int) -> None:
    if not rows:
        pdf.paragraph("No lab results entered yet.", grey=True)
        return
    newest_first = sorted(rows, key=lambda r: (r.day, r.name), reverse=True)
    shown = newest_first[:limit]
    pdf.set_font(_FONT, "", 9.5)
    pdf.set_text_color(0, 0, 0)
    heading_style = FontFace(emphasis="BOLD", fill_color=(236, 239, 243))
    flag_style = FontFace(emphasis="BOLD", color=_FLAG)
    with pdf.table(
        col_widths=(26, 64, 50, 40),
        line_height=_ROW_MM - 1,
        text_align="LEFT",
        headings_style=heading_style,
        borders_layout="HORIZONTAL_LINES",
        padding=(0.8, 1.5),
    ) as table:
        table.row(["Date", "Test", "Value", "Flag"])
        for lab in shown:
            row = table.row()
            row.cell(lab.day.isoformat())
            row.cell(pdf.safe(lab.name))
            row.cell(pdf.safe(lab.value_text))
            row.cell(pdf.safe(lab.flag), style=flag_style if lab.flag else None)
    if len(rows) > limit:
        pdf.paragraph(f"Showing the {limit} most recent of {len(rows)} results.", grey=True)


def _training_summary(weeks: Sequence[WeekTraining]) -> str | None:
    recent = sorted(weeks, key=lambda w: w.week_start)[-MAX_WEEKS:]
    planned = sum(w.planned for w in recent)
    done = sum(w.done for w in recent)
    partly = sum(w.partly for w in recent)
    if not recent or not (planned or done or partly):
        return None
    span = "week" if len(recent) == 1 else f"{len(recent)} weeks"
    text = f"Last {span}: {done} of {planned} planned sessions done"
    if planned:
        text += f" ({round(100 * done / planned)}%)"
    if partly:
        text += f", {partly} partly done"
    return text + "."


def _top_loads(pdf: _ReportPDF, lifts: Sequence[LiftPoint], weight_unit: str) -> None:
    series = lift_series(lifts)
    if not series:
        pdf.paragraph("No top sets logged yet.", grey=True)
        return
    pdf.ln(1)
    pdf.set_font(_FONT, "", 9.5)
    pdf.set_text_color(0, 0, 0)

    def load(point: LiftPoint) -> str:
        return f"{_number(display_load(point.top_kg, weight_unit))} {weight_unit}"

    with pdf.table(
        col_widths=(50, 43, 43, 44),
        line_height=_ROW_MM - 1,
        text_align="LEFT",
        headings_style=FontFace(emphasis="BOLD", fill_color=(236, 239, 243)),
        borders_layout="HORIZONTAL_LINES",
        padding=(0.8, 1.5),
    ) as table:
        table.row(["Top set", "First logged", "Latest", "Best"])
        for name, points in series.items():
            first, latest = points[0], points[-1]
            best = max(points, key=lambda p: p.top_kg)
            table.row(
                [
                    pdf.safe(name),
                    f"{load(first)} ({short_date(first.day)})",
                    f"{load(latest)} ({short_date(latest.day)})",
                    f"{load(best)} ({short_date(best.day)})",
                ]
            )


def _nutrition_summary(weeks: Sequence[NutritionWeek]) -> list[str]:
    recent = sorted(weeks, key=lambda w: w.week_start)[-MAX_WEEKS:]
    checkins = sum(w.checkins for w in recent)
    if not checkins:
        return []
    span = "week" if len(recent) == 1 else f"{len(recent)} weeks"
    lines = [f"{checkins} daily check-ins over the last {span}."]
    totals: dict[str, int] = {}
    for week in recent:
        for name, days in week.days_on_target.items():
            totals[name] = totals.get(name, 0) + days
    for name, days in totals.items():
        share = round(100 * days / checkins)
        lines.append(f"{name}: target met on {days} of {checkins} check-in days ({share}%).")
    return lines


def _chart(pdf: _ReportPDF, chart: bytes | None, reserve_mm: float) -> None:
    if chart is None:
        pdf.heading("Progress chart")
        pdf.paragraph("Not enough data yet for a chart.", grey=True)
        return
    width_px, height_px = _png_size(chart)
    aspect = height_px / width_px
    heading_mm = 13.0
    room = pdf.page_break_trigger - pdf.get_y() - reserve_mm - heading_mm
    if room < _MIN_CHART_MM and pdf.page_no() < MAX_PAGES:
        pdf.add_page()
        room = pdf.page_break_trigger - pdf.get_y() - reserve_mm - heading_mm
    if room < _SMALLEST_CHART_MM:
        pdf.heading("Progress chart")
        pdf.paragraph("The chart did not fit; the user can send it from the bot.", grey=True)
        return
    pdf.heading("Progress chart")
    height = min(room, pdf.epw * aspect)
    width = height / aspect
    x = pdf.l_margin + (pdf.epw - width) / 2
    pdf.image(io.BytesIO(chart), x=x, y=pdf.get_y(), w=width, h=height)
    pdf.chart_mm = height
    pdf.set_y(pdf.get_y() + height + 2)


def _disclaimer_height(pdf: _ReportPDF, text: str) -> float:
    pdf.set_font(_FONT, "I", 8.5)
    lines = pdf.multi_cell(0, 4.2, pdf.safe(text), dry_run=True, output=MethodReturnValue.LINES)
    count = len(lines) if isinstance(lines, list) else 1
    return 4.2 * count + 3.0


def _disclaimer(pdf: _ReportPDF, text: str, height: float) -> None:
    """The disclaimer, pinned to the bottom of the last page when there is room."""
    bottom = pdf.page_break_trigger - height
    if pdf.get_y() < bottom:
        pdf.set_y(bottom)
    pdf.set_draw_color(*_RULE)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(2)
    pdf.set_font(_FONT, "I", 8.5)
    pdf.set_text_color(*_GREY)
    pdf.multi_cell(0, 4.2, pdf.safe(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _glyph_or_fallback(ch: str, glyphs: frozenset[int]) -> str:
    """The character if the font has it; else "?" for letters and digits, "" for symbols."""
    if ord(ch) in glyphs:
        return ch
    return "" if unicodedata.category(ch)[0] in "SCM" else "?"


def _png_size(png: bytes) -> tuple[int, int]:
    width, height = struct.unpack(">II", png[16:24])  # IHDR follows the 8-byte signature
    return int(width), int(height)


def _number(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


@cache
def _font_dir() -> Path:
    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"
