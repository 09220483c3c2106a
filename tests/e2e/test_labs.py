"""Labs end to end: baseline nudge, booking, prep reminder, results in either unit, /labs."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from harness import Harness
from onboarded import onboard, stored_user
from sqlmodel import select

from bot.db.models import LabResult, UserStatus

NOON = datetime(2026, 3, 2, 11, 0, tzinfo=UTC)  # 12:00 in Berlin, Monday


async def results(harness: Harness) -> list[LabResult]:
    """Every stored lab result."""
    assert harness.app is not None
    async with harness.app.bot_data.resources.sessions() as session:
        return list((await session.exec(select(LabResult))).all())


async def test_nudge_book_prepare_enter_and_read(harness: Harness) -> None:
    """Baseline nudge → Booked tomorrow → prep reminder → result in SI → reading and /labs."""
    chat = harness.chat()
    await onboard(chat)
    await harness.tick_at(NOON)
    await chat.settle(1)
    nudge = chat.last_text()
    assert "Time to book" in nudge
    assert "Why now" in nudge
    lab_name = nudge.split("Time to book: ")[1].split("\n")[0]
    await chat.tap("Booked", expect=0)
    (calendar,) = await chat.tap("In 3 days", expect=1)
    assert calendar.kind == "document" and calendar.file_path is not None
    ics = calendar.file_path.read_text()
    assert "DTSTART;VALUE=DATE:20260305" in ics and "BEGIN:VALARM" in ics
    assert "booked for Thu 05 Mar" in (chat.message(calendar.message_id - 1).plain_text or "")
    await harness.tick_at(datetime(2026, 3, 3, 11, 0, tzinfo=UTC))
    assert await chat.settle(0) == []  # no lab nudge two days running
    await harness.tick_at(datetime(2026, 3, 4, 11, 0, tzinfo=UTC))
    reminder = (await chat.settle(1))[0].plain_text or ""
    assert f"Tomorrow: {lab_name}" in reminder
    assert "How to prepare" in reminder
    await harness.tick_at(datetime(2026, 3, 6, 11, 0, tzinfo=UTC))
    ask = (await chat.settle(1))[0].plain_text or ""
    assert f"How did your {lab_name} test go?" in ask
    example = ask.split("send it like ")[1].split(" (I'll")[0]
    reply = (await chat.send(example + " 2026-03-05"))[0].plain_text or ""
    assert "Saved" in reply
    await chat.send("/labs")
    assert "05 Mar 2026" in chat.last_text()


async def test_typed_day_and_value_after_the_lab_buttons(harness: Harness) -> None:
    """Booked → 'Thursday' books it; the result typed alone after the nudge is dated the booked
    day; 'Already done' → a value with 'yesterday' is stored for yesterday, once."""
    chat = harness.chat()
    await onboard(chat)
    await harness.tick_at(NOON)
    await chat.settle(1)
    lab_name = chat.last_text().split("Time to book: ")[1].split("\n")[0]
    await chat.tap("Booked", expect=0)
    assert "type the day" in chat.last_text()
    reply, calendar = await chat.send("Thursday", expect=2)
    assert f"{lab_name} booked for Thu 05 Mar" in (reply.plain_text or "")
    assert calendar.kind == "document" and str(calendar.file_path).endswith("2026-03-05.ics")
    await harness.tick_at(datetime(2026, 3, 4, 11, 0, tzinfo=UTC))
    await chat.settle(1)  # the preparation reminder
    await harness.tick_at(datetime(2026, 3, 6, 11, 0, tzinfo=UTC))
    ask = (await chat.settle(1))[0].plain_text or ""
    assert "I'll date it Thu 05 Mar" in ask
    typed = ask.split("just type it, e.g. ")[1].split(", or")[0]
    reply = (await chat.send(typed))[0].plain_text or ""
    assert "Saved" in reply and "on 05 Mar 2026" in reply and "Dated your booked day" in reply
    await harness.tick_at(datetime(2026, 3, 9, 11, 0, tzinfo=UTC))
    nudge = (await chat.settle(1))[0].plain_text or ""
    other = nudge.split("Time to book: ")[1].split("\n")[0]
    assert other != lab_name
    await chat.tap("Already done", expect=0)
    hint = chat.last_text().split("Send the result, e.g. ")[1].split(" (add")[0]
    reply = (await chat.send(f"{hint} yesterday"))[0].plain_text or ""
    assert "Saved" in reply and "on 08 Mar 2026" in reply
    reply = (await chat.send("thanks!"))[0].plain_text or ""
    assert "Saved" not in reply and "Nothing was stored" not in reply
    assert sorted(r.taken_on.isoformat() for r in await results(harness)) == [
        "2026-03-05",
        "2026-03-08",
    ]


async def test_result_in_either_unit_gives_the_same_reading(harness: Harness) -> None:
    """32 ng/mL and 80 nmol/L are the same vitamin D; the reading names its source."""
    chat = harness.chat()
    await onboard(chat)
    reply = (await chat.send("/lab vitd 80 nmol/L 2026-02-20"))[0].plain_text or ""
    assert "Saved" in reply
    assert "nmol/L" in reply
    assert "📚 Sources" in chat.buttons()
    reply = (await chat.send("/lab vit d 20 ng/mL"))[0].plain_text or ""
    assert "Since last time" in reply
    assert "prescriber" in reply
    stored = await results(harness)
    assert round(stored[0].value_canonical, 1) == round(80 / 2.496, 1)


async def test_plain_reading_then_sources_on_request(harness: Harness) -> None:
    """A reading is a short plain sentence; 📚 Sources adds the citations, no status codes."""
    chat = harness.chat()
    await onboard(chat)
    reply = (await chat.send("/lab e2 8 pg/mL"))[0]
    text = reply.plain_text or ""
    assert "Your estradiol is below 10 pg/mL" in text
    assert "Finkelstein" not in text and "tier" not in text
    await chat.tap("📚 Sources", expect=0)
    edited = chat.message(reply.message_id).plain_text or ""
    assert text.split("\n")[0] in edited  # the reading stays on top
    assert "Finkelstein, JCI 2016" in edited
    assert "threshold C" not in edited and "tier U" not in edited
    assert chat.buttons(chat.message(reply.message_id)) == []


async def test_testosterone_bands_and_aliases(harness: Harness) -> None:
    """'t 1.5 ng/mL' is total testosterone at 150 ng/dL and reads discuss; 'tt' too."""
    chat = harness.chat()
    await onboard(chat)
    reply = (await chat.send("/lab t 1.5 ng/mL"))[0].plain_text or ""
    assert "Saved: Total testosterone" in reply
    assert "below 200 ng/dL" in reply and "Discuss with your prescriber" in reply
    reply = (await chat.send("/lab e2 sensitive 150 pg/mL 2026-02-20"))[0].plain_text or ""
    assert "above 50 pg/mL" in reply and "Discuss with your prescriber" in reply


async def test_his_lab_range_makes_ctx_above_his_limit(harness: Harness) -> None:
    """/lab ctx … ref 132-580 flags a CTX above his lab's limit; the range alone works later."""
    chat = harness.chat()
    await onboard(chat)
    reply = (await chat.send("/lab ctx 600 pg/mL ref 132-580"))[0].plain_text or ""
    assert "above your lab's upper limit of 580 pg/mL" in reply
    assert "Discuss with your prescriber" in reply
    reply = (await chat.send("/lab p1np 80 2026-02-20"))[0].plain_text or ""
    assert "Does your lab report print a range for P1NP?" in reply
    reply = (await chat.send("20-70 µg/L"))[0].plain_text or ""  # typed after the question
    assert "Corrected: P1NP" in reply and "above your lab's upper limit of 70" in reply
    await chat.send("/lab p1np 60 2026-01-10")  # no range known before that day: it asks
    reply = (await chat.send("should I take less anastrozole, my p1np is 60?"))[0].plain_text
    assert "question for your prescriber" in (reply or "")  # never read as a range
    reply = (await chat.send("/lab p1np ref 20-100"))[0].plain_text or ""
    assert "within your lab's range (up to 100" in reply
    reply = (await chat.send("/lab p1np ref 20-70"))[0].plain_text or ""
    assert "Corrected: P1NP" in reply and "above your lab's upper limit of 70" in reply
    stored = {(r.lab_key, r.taken_on.isoformat(), r.ref_high) for r in await results(harness)}
    assert stored == {("ctx", "2026-03-02", 580), ("p1np", "2026-02-20", 70)} | {
        ("p1np", "2026-01-10", None)
    }


async def test_urgent_values_ask_for_prompt_contact(harness: Harness) -> None:
    """Estradiol under 10 pg/mL and hematocrit over 54 % ask him to contact his prescriber."""
    chat = harness.chat()
    await onboard(chat)
    reply = (await chat.send("/lab e2 8 pg/mL"))[0].plain_text or ""
    assert "promptly" in reply
    reply = (await chat.send("/lab hct 56%"))[0].plain_text or ""
    assert "promptly" in reply


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("/lab vitd 32", "unit"),
        ("/lab vitd 32 mg/dL", "ng/mL"),
        ("/lab vitd 9000 ng/mL", "ng/mL"),
        ("/lab e2 40 pg/mL 2030-01-01", "future"),
        ("/lab cholesterol 200 mg/dL", "vitd"),
    ],
)
async def test_bad_lab_entries_store_nothing(harness: Harness, line: str, expected: str) -> None:
    """Missing or unknown units, impossible values, future dates, unknown labs: nothing stored."""
    chat = harness.chat()
    await onboard(chat)
    reply = (await chat.send(line))[0].plain_text or ""
    assert "Nothing was stored" in reply
    assert expected.lower() in reply.lower(), reply
    assert await results(harness) == []


async def test_the_date_added_afterwards_corrects_not_duplicates(harness: Harness) -> None:
    """A result sent without a date, then again with 'yesterday', is one result, yesterday's."""
    chat = harness.chat()
    await onboard(chat)
    await chat.send("/lab vitd 32 ng/mL")
    reply = (await chat.send("/lab vitd 32 ng/mL yesterday"))[0].plain_text or ""
    assert "Corrected" in reply and "on 01 Mar 2026" in reply
    assert [r.taken_on.isoformat() for r in await results(harness)] == ["2026-03-01"]


async def test_correct_and_delete(harness: Harness) -> None:
    """The same lab and date again corrects it; /lab delete removes it; a repeat stores once."""
    chat = harness.chat()
    await onboard(chat)
    await chat.send("/lab ctx 420 pg/mL")
    reply = (await chat.send("/lab ctx 0.45 ng/mL"))[0].plain_text or ""
    assert "Corrected" in reply
    stored = await results(harness)
    assert [r.value_canonical for r in stored] == [450.0]
    reply = (await chat.send("/lab ctx 0.45 ng/mL"))[0].plain_text or ""
    assert "nothing stored twice" in reply
    await chat.send("/lab delete ctx")
    assert await results(harness) == []
    await chat.send("/labs")
    assert "no result yet" in chat.last_text()


async def test_red_flag_gets_medical_contact_and_holds_the_day(harness: Harness) -> None:
    """A reported red flag gets an urgent message, not coaching, and today's prompts stop."""
    chat = harness.chat()
    await onboard(chat)
    reply = (await chat.send("my calf is swollen, red and warm since this morning"))[0]
    assert "emergency" in (reply.plain_text or "").lower()
    assert (await stored_user(harness)).status == UserStatus.PAUSED
    await harness.tick_at(datetime(2026, 3, 2, 19, 0, tzinfo=UTC))
    await chat.settle(0)
    assert "Evening check-in" not in chat.last_text()
    reply = (await chat.send("my legs are sore after squats"))[0]
    assert "emergency" not in (reply.plain_text or "").lower()


def _status(table: str, name: str) -> str:
    """The status after the '·' on one lab's line of /labs."""
    line = next(line for line in table.splitlines() if line.startswith(name + ":"))
    return line.split(" · ")[-1]


async def test_labs_table_overdue_snoozed_flagged_and_trt(harness: Harness) -> None:
    """/labs: an unanswered baseline is 'overdue since' the day he joined, a snoozed lab is not
    due, a low vitamin D comes back in 3 months, and /trt changed brings the hematocrit and
    testosterone rechecks."""
    chat = harness.chat()
    await onboard(chat)
    await harness.tick_at(NOON)
    nudge = (await chat.settle(1))[0].plain_text or ""
    snoozed = nudge.split("Time to book: ")[1].split("\n")[0]
    await chat.tap("Remind me in a week", expect=0)
    await harness.tick_at(datetime(2026, 3, 5, 11, 0, tzinfo=UTC))
    await chat.settle(1)  # the next lab's nudge, three days later
    table = (await chat.send("/labs"))[0].plain_text or ""
    assert snoozed == "25(OH)D (vitamin D)"
    assert _status(table, snoozed) == "reminder around 09 Mar"
    assert _status(table, "Estradiol (E2)") == "overdue since 02 Mar 2026"
    assert "due 05 Mar" not in table and "due today" not in table  # overdue never moves
    await chat.send("/lab vitd 15 ng/mL")
    await chat.send("/lab hct 45 % 2026-03-04")
    await chat.send("/lab tt 22 nmol/L 2026-03-04")
    reply = (await chat.send("/trt changed"))[0].plain_text or ""
    assert "hematocrit after about 13 weeks" in reply and "testosterone after about 10" in reply
    table = (await chat.send("/labs"))[0].plain_text or ""
    assert _status(table, "25(OH)D (vitamin D)") == "due 04 Jun 2026"  # + 91 days after a flag
    assert _status(table, "Hematocrit") == "due 04 Jun 2026"  # TRT change + 91 days
    assert _status(table, "Total testosterone") == "due 14 May 2026"  # TRT change + 70 days
    reply = (await chat.send("/lab changed"))[0].plain_text or ""
    assert "estradiol (E2) after about 8 weeks, CTX after about 13 weeks" in reply
    assert "hematocrit" not in reply  # an anastrozole change brings no hematocrit recheck
