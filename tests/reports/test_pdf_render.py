"""The clinician PDF renders: page 1 as a PNG through poppler's pdftoppm (skipped without it)."""

from __future__ import annotations

import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from test_clinician_pdf import report

from bot.reports.clinician_pdf import clinician_report

PDFTOPPM = shutil.which("pdftoppm")


@pytest.mark.skipif(
    PDFTOPPM is None,
    reason="pdftoppm is missing: install Debian's poppler-utils (.ci/run installs it)",
)
def test_page_one_renders_to_a_png(tmp_path: Path) -> None:
    """pdftoppm renders page 1 of a 12-week report to an A4-shaped PNG that is not blank."""
    assert PDFTOPPM is not None
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(clinician_report(report(12)))
    subprocess.run(  # noqa: S603 - our own PDF, a fixed argument list
        [
            PDFTOPPM,
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdf),
            str(tmp_path / "page"),
        ],
        check=True,
        timeout=60,
    )
    png = (tmp_path / "page.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert abs(height / width - 297 / 210) < 0.02  # A4 portrait
    assert len(png) > 5_000  # text and tables drawn, not an empty page
