"""/report and /progress end to end: what a prescriber reads first, and the numbers he logged."""

from __future__ import annotations

import pytest
from harness import Chat, Harness
from onboarded import onboard, stored_user
from pypdf import PdfReader

from bot.services.accounts import account_of
from bot.services.progress_report import progress_data
from bot.services.unit_of_work import UnitOfWork

PNG = b"\x89PNG\r\n\x1a\n"
ANSWERS = (
    ("Berlin", "training prompt"),
    ("7:30", "nutrition check-in"),
    ("8pm", "Which days"),
    ("mon wed fri", "What do you weigh"),
    ("182 lb", "How old"),
    ("52", "anastrozole"),
    ("yes", "When did you start"),
    ("March 2025", "units"),
    ("conventional", "osteoporosis"),
)


async def onboard_lb_user_on_anastrozole(chat: Chat) -> None:
    """An lb user, 52, on anastrozole since March 2025, lab units conventional."""
    await chat.send("/start")
    await chat.send("I agree")
    for answer, next_prompt in ANSWERS:
        await chat.send(answer)
        assert next_prompt in chat.last_text(), (answer, chat.last_text())
    await chat.send("none")
    assert "You're all set" in chat.last_text()


def pdf_text(chat_document_path: str) -> str:
    """All pages' text, whitespace collapsed."""
    reader = PdfReader(chat_document_path)
    assert 1 <= len(reader.pages) <= 2
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


async def test_report_header_labs_and_nutrients_are_what_he_logged(harness: Harness) -> None:
    """The PDF's header gives his age band, weight rounded in lb and the anastrozole start; the
    lab table shows each value in his unit and the other with the bot's flag; each lab has a
    trend line; each nutrient he logged is set against its target and limit; no Supplements."""
    chat = harness.chat()
    await onboard_lb_user_on_anastrozole(chat)
    await chat.send("/lab e2 14 pg/mL 2026-01-10")
    await chat.send("/lab e2 8 pg/mL 2026-02-20")
    await chat.send("/lab vitd 32 ng/mL 2026-02-20")
    await chat.send("/log calcium 1200mg")
    await chat.send("/log magnesium 300mg")
    document = (await chat.send("/report"))[0]
    assert document.kind == "document" and document.file_path is not None
    text = pdf_text(str(document.file_path))
    assert "Age band 50–59 · weight 182 lb · anastrozole since Mar 2025" in text
    assert "2026-02-20 Estradiol (E2) 8 pg/mL (29 pmol/L) contact promptly" in text
    assert "2026-02-20 25(OH)D (vitamin D) 32 ng/mL (80 nmol/L)" in text
    assert "Estradiol (E2): 14 pg/mL (10 Jan 2026) → 8 pg/mL (20 Feb 2026), down; 2 results" in text
    assert "Calcium (target 1000 mg a day; upper limit 2000 mg a day): logged on 1 day; " in text
    assert (
        "target reached on 1 (1 of them above it, within the limit), below on 0; "
        "above the limit on 0; median 1200 mg a day." in text
    )
    assert "Magnesium (target 420 mg a day;" in text and "median 300 mg a day." in text
    assert "Supplements" not in text
    assert "132.3" not in text


async def test_progress_sends_one_picture_per_topic(harness: Harness) -> None:
    """With sessions, nutrients and labs logged, /progress sends three PNGs: training, the
    nutrients, the labs; the learning lines ride on the first."""
    chat = harness.chat()
    await onboard_lb_user_on_anastrozole(chat)
    await chat.send("/lab e2 14 pg/mL")
    await chat.send("/log calcium 1200mg")
    await chat.send("/log squat 3x5 135lb")
    photos = await chat.send("/progress")
    assert [p.kind for p in photos] == ["photo"] * 3
    for photo in photos:
        assert photo.file_path is not None and photo.file_path.read_bytes().startswith(PNG)
    assert "Learning" in (photos[0].plain_text or "")


async def test_progress_labs_and_nutrients_are_what_he_logged(harness: Harness) -> None:
    """The data behind /progress: one lab series per lab he entered with his values and the
    catalogue's flag thresholds as band edges, and one nutrient series per nutrient he logged
    with his day's total and the bot's verdict."""
    chat = harness.chat()
    await onboard_lb_user_on_anastrozole(chat)
    for line in (
        "/lab e2 14 pg/mL 2026-01-10",
        "/lab e2 8 pg/mL 2026-02-20",
        "/lab hct 47 %",
        "/lab ctx 400 pg/mL 2026-01-10",
    ):
        await chat.send(line)
    await chat.send("/log calcium 700mg")
    await chat.send("/log calcium 500mg")
    assert harness.app is not None
    resources = harness.app.bot_data.resources
    account = account_of(await stored_user(harness))
    today = account.today(harness.clock.now())
    async with UnitOfWork(resources.sessions) as uow:
        data = await progress_data(uow, account=account, content=resources.content, today=today)
    labs = {series.name: series for series in data.labs}
    assert set(labs) == {"Estradiol (E2)", "Hematocrit", "CTX"}
    rise = resources.content.labs.get("ctx").flags.rise_vs_baseline
    assert rise is not None
    (line,) = labs["CTX"].lines  # where the bot flags a rise over his first result
    assert line.value == pytest.approx(400 * (1 + rise.percent / 100))
    assert labs["CTX"].bands == ()
    assert [p.value for p in labs["Estradiol (E2)"].points] == [14.0, 8.0]
    e2_bands = resources.content.labs.get("e2").flags.bands
    edges = [band.high for band in labs["Estradiol (E2)"].bands[:-1]]
    assert edges == [band.bound for band in e2_bands[:3]] == [10, 20, 50]
    assert [band.level for band in labs["Hematocrit"].bands] == ["ok", "urgent"]
    (calcium,) = data.nutrients
    assert calcium.name == "Calcium"
    # 1200 mg is above the 1000 mg target and within the 2000 mg limit
    assert [(d.amount, d.status) for d in calcium.days] == [(1200.0, "above_target")]
    assert (calcium.target_low, calcium.limit) == (1000, 2000)


async def test_the_pdf_shows_his_labs_own_range_when_he_gave_it(harness: Harness) -> None:
    """A CTX entered with his lab's range prints that range beside the value in the PDF."""
    chat = harness.chat()
    await onboard(chat)
    await chat.send("/lab ctx 600 pg/mL ref 132-752")
    document = (await chat.send("/report"))[0]
    assert document.file_path is not None
    reader = PdfReader(str(document.file_path))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "lab range 132–752 pg/mL" in text
