"""Progress end to end: the chart, the clinician PDF, the weekly summary and its chart button."""

from __future__ import annotations

from datetime import UTC, datetime

from harness import Harness
from onboarded import onboard
from pypdf import PdfReader

from handlers.progress import WEEK_CHART_GONE

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


async def test_weekly_summary_offers_its_chart_on_a_tap(harness: Harness) -> None:
    """On his summary day the summary arrives as text; its button draws that week's chart."""
    chat = harness.chat()
    await onboard(chat)
    await harness.tick_at(datetime(2026, 3, 15, 6, 30, tzinfo=UTC))
    new = await chat.settle(1)
    weekly = [m for m in new if "Your week" in (m.plain_text or "")]
    assert len(weekly) == 1
    assert weekly[0].kind == "text"
    assert chat.buttons(weekly[0]) == ["📈 This week's chart"]
    photo = (await chat.tap("This week's chart"))[0]
    assert photo.kind == "photo"
    assert photo.file_path is not None
    assert photo.file_path.read_bytes().startswith(PNG)


async def test_old_or_forged_week_chart_buttons_are_refused(harness: Harness) -> None:
    """A chart button from long ago, from the future or with junk data draws nothing."""
    chat = harness.chat()
    await onboard(chat)
    anchor = chat.last()
    for data in ("wk:2025-01-05", "wk:2030-01-06", "wk:not-a-date"):
        harness.emulator.user_presses(chat.chat_id, anchor.message_id, data)
        await harness.all_handled()
    answers = harness.emulator.callback_answers(chat.chat_id)
    assert answers[-3:] == [WEEK_CHART_GONE] * 3
    assert chat.bot_messages()[-1].message_id == anchor.message_id
