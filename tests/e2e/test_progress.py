"""Progress end to end: the chart, the clinician PDF, the weekly summary with its chart."""

from __future__ import annotations

from datetime import UTC, datetime

from harness import Harness
from onboarded import onboard
from pypdf import PdfReader

PNG = b"\x89PNG\r\n\x1a\n"


async def test_progress_sends_a_chart_even_with_no_data(harness: Harness) -> None:
    """/progress answers with a PNG chart and the learning lines, even on day one."""
    chat = harness.chat()
    await onboard(chat)
    photo = (await chat.send("/progress"))[0]
    assert photo.kind == "photo"
    assert photo.file_path is not None and photo.file_path.read_bytes().startswith(PNG)
    assert "Learning" in (photo.plain_text or "")


async def test_report_is_a_pdf_with_labs_and_disclaimer(harness: Harness) -> None:
    """/report sends a 1–2 page PDF naming his labs with units and the disclaimer."""
    chat = harness.chat()
    await onboard(chat)
    await chat.send("/lab vitd 28 ng/mL")
    await chat.send("/log squat 3x10 40kg")
    document = (await chat.send("/report"))[0]
    assert document.kind == "document"
    assert document.file_path is not None
    reader = PdfReader(str(document.file_path))
    assert 1 <= len(reader.pages) <= 2
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "25(OH)D" in text
    assert "ng/mL" in text
    assert "not medical advice" in text


async def test_weekly_summary_carries_a_chart(harness: Harness) -> None:
    """On his summary day (Sunday) after a full week, the summary arrives as a photo."""
    chat = harness.chat()
    await onboard(chat)
    await harness.tick_at(datetime(2026, 3, 15, 6, 30, tzinfo=UTC))
    new = await chat.settle(1)
    weekly = [m for m in new if "Your week" in (m.plain_text or "")]
    assert len(weekly) == 1
    assert weekly[0].kind == "photo"
    assert weekly[0].file_path is not None
    assert weekly[0].file_path.read_bytes().startswith(PNG)
