"""The clinician PDF's page: A4 with DejaVu Sans, a page-number footer, headings and bullets.

DejaVu Sans comes from matplotlib's bundled fonts, so symbols such as µ, – and ≥ print as
entered. Characters the font lacks (emoji, for instance) become "?" or are dropped.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import matplotlib
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import TTFFont

MAX_PAGES = 2

FONT = "DejaVu"
MARGIN_MM = 15.0
LINE_MM = 5.5
ROW_MM = 6.5
GREY = (90, 98, 110)
RULE = (200, 205, 212)
FLAG = (170, 20, 20)
_FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
_MAX_LINE_CHARS = 240


class ReportPDF(FPDF):
    """An A4 page with the report's fonts, footer and text helpers."""

    def __init__(self) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
        self.set_auto_page_break(auto=True, margin=MARGIN_MM + 5)
        for style, filename in _FONT_FILES.items():
            self.add_font(FONT, style, str(_font_dir() / filename))
        self.chart_mm = 0.0  # height the progress chart got, 0 when left out
        font = self.fonts.get(FONT.lower())
        self.glyphs: frozenset[int] = (
            frozenset(font.cmap) if isinstance(font, TTFFont) else frozenset()
        )

    def footer(self) -> None:
        self.set_y(-MARGIN_MM)
        self.set_font(FONT, "", 8)
        self.set_text_color(*GREY)
        self.cell(0, 5, f"BoneCoach · page {self.page_no()} of {{nb}}", align="C")

    def safe(self, text: str) -> str:
        """Text cut to a sane length, with characters the font lacks replaced by "?"."""
        text = " ".join(text.split())
        if len(text) > _MAX_LINE_CHARS:
            text = text[: _MAX_LINE_CHARS - 1] + "…"
        return "".join(_glyph_or_fallback(ch, self.glyphs) for ch in text)

    def heading(self, text: str) -> None:
        self.ln(3)
        self.set_font(FONT, "B", 12)
        self.set_text_color(0, 0, 0)
        self.cell(0, 7, self.safe(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(*RULE)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(1.5)

    def paragraph(self, text: str, *, grey: bool = False, size: float = 10) -> None:
        self.set_font(FONT, "", size)
        self.set_text_color(*(GREY if grey else (0, 0, 0)))
        self.multi_cell(0, LINE_MM, self.safe(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def bullets(self, lines: Sequence[str], limit: int, empty: str) -> None:
        if not lines:
            self.paragraph(empty, grey=True)
            return
        for line in lines[:limit]:
            self.paragraph(f"•  {line}")
        if len(lines) > limit:
            self.paragraph(f"… and {len(lines) - limit} more.", grey=True)


def _glyph_or_fallback(ch: str, glyphs: frozenset[int]) -> str:
    """The character if the font has it; else "?" for letters and digits, "" for symbols."""
    if ord(ch) in glyphs:
        return ch
    return "" if unicodedata.category(ch)[0] in "SCM" else "?"


@cache
def _font_dir() -> Path:
    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"
