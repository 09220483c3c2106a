"""The lab chart in the clinician PDF, sized to the room left on the page."""

from __future__ import annotations

import io
import struct

from bot.reports.pdf_document import MAX_PAGES, ReportPDF

MIN_CHART_MM = 90.0  # a shorter chart is too small to read: move it on, or shorten the lists
_SMALLEST_CHART_MM = 60.0  # below this there is no room for it at all
CHART_HEADING = "Lab results over time (shaded where BoneCoach flags)"


def place_chart(pdf: ReportPDF, chart: bytes | None, reserve_mm: float) -> None:
    """The chart under its heading, on a new page if too little room is left on this one.

    ``reserve_mm`` is kept free below it; ``pdf.chart_mm`` records the height it got.
    """
    if chart is None:
        pdf.heading(CHART_HEADING)
        pdf.paragraph("No lab results entered yet, so no lab chart.", grey=True)
        return
    width_px, height_px = _png_size(chart)
    aspect = height_px / width_px
    heading_mm = 13.0
    room = pdf.page_break_trigger - pdf.get_y() - reserve_mm - heading_mm
    if room < MIN_CHART_MM and pdf.page_no() < MAX_PAGES:
        pdf.add_page()
        room = pdf.page_break_trigger - pdf.get_y() - reserve_mm - heading_mm
    if room < _SMALLEST_CHART_MM:
        pdf.heading(CHART_HEADING)
        pdf.paragraph("The chart did not fit; the user can send it from the bot.", grey=True)
        return
    pdf.heading(CHART_HEADING)
    height = min(room, pdf.epw * aspect)
    width = height / aspect
    x = pdf.l_margin + (pdf.epw - width) / 2
    pdf.image(io.BytesIO(chart), x=x, y=pdf.get_y(), w=width, h=height)
    pdf.chart_mm = height
    pdf.set_y(pdf.get_y() + height + 2)


def _png_size(png: bytes) -> tuple[int, int]:
    width, height = struct.unpack(">II", png[16:24])  # IHDR follows the 8-byte signature
    return int(width), int(height)
