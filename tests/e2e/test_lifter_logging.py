"""Logging like a lifter's app, end to end: any exercise, a load per set, buttons set by set
from a round start, a record celebrated once, and /today's answer buttons after /undo."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from harness import Chat, Harness
from onboarded import onboard, stored_user
from sqlmodel import select
from telegram import Update

from bot.db.models import Delivery, TrainingSession, TrainingSet
from bot.domain.profile import KG_PER_LB
from bot.domain.training import LIFT_LOG_EXAMPLES

MORNING = datetime(2026, 3, 2, 6, 30, tzinfo=UTC)  # 07:30 in Berlin, Monday (a training day)


async def rows(harness: Harness, model: type) -> list:  # type: ignore[type-arg]
    """All rows of a table."""
    assert harness.app is not None
    async with harness.app.bot_data.resources.sessions() as session:
        return list((await session.exec(select(model))).all())


async def morning_prompt(harness: Harness, chat: Chat) -> None:
    """Onboard, then let the 07:30 tick bring Monday's training prompt."""
    await onboard(chat)
    await harness.tick_at(MORNING)
    await chat.settle(1)
    assert "Back squat" in chat.last_text()


async def sets_of(harness: Harness, lift_key: str) -> list[tuple[float, int]]:
    """(load kg, reps) of his logged sets of one exercise, in set order."""
    found = [s for s in await rows(harness, TrainingSet) if s.lift_key == lift_key]
    found.sort(key=lambda s: (s.created_at, s.set_index))
    return [(round(s.load_kg, 3), s.reps) for s in found]


async def test_any_exercise_custom_lifts_and_per_set_entries(harness: Harness) -> None:
    """Plan lifts per set, bench in lb, the plan's jumps, a carry and his own lift all log."""
    chat = harness.chat()
    await onboard(chat)
    reply = await chat.send("/log squat 60x5 65x5 70x3")
    assert "Back squat: 3 sets (60×5, 65×5, 70×3 kg) logged" in (reply[0].plain_text or "")
    reply = await chat.send("/log bench 3x10 135lb")
    assert "Bench press: 3 sets (3×10 @ 135 lb) logged" in (reply[0].plain_text or "")
    reply = await chat.send("/log jumping chin-ups 3x5")
    assert "Jumping chin-ups with drop landings: 3 sets (3×5)" in (reply[0].plain_text or "")
    reply = await chat.send("/log farmers walk 4x1 32kg")
    assert "Farmer's carry: 4 sets" in (reply[0].plain_text or "")
    reply = await chat.send("/log Zercher squat 3x8 50kg")
    assert "Zercher squat: 3 sets (3×8 @ 50 kg)" in (reply[0].plain_text or "")
    assert await sets_of(harness, "squat") == [(60, 5), (65, 5), (70, 3)]
    assert await sets_of(harness, "bench_press") == [(round(135 * KG_PER_LB, 3), 10)] * 3
    assert await sets_of(harness, "jumping_chin_up") == [(0, 5)] * 3
    assert await sets_of(harness, "custom:zercher squat") == [(50, 8)] * 3
    await chat.send("/records")
    text = chat.last_text()
    for line in (
        "Back squat: 70 kg × 3",
        "Bench press: 61.2 kg × 10",
        "Jumping chin-ups with drop landings: 5 reps",
        "Farmer's carry: 32 kg × 1",
        "Zercher squat: 50 kg × 8",
    ):
        assert line in text, text
    await chat.send("/today")
    assert "Zercher squat" in chat.last_text()
    await chat.send("/undo")
    assert "Removed Zercher squat (3 sets)" in chat.last_text()


async def test_refusals_store_nothing_and_every_example_shown_works(harness: Harness) -> None:
    """Absurd loads and reps are refused with the range; every /log example the bot shows
    (usage, /help) is then accepted when he sends it."""
    chat = harness.chat()
    await onboard(chat)
    for line, expected in [
        ("/log squat 60x5 600x5", "at most 500 kg"),
        ("/log squat 60x5 65x40", "Reps per set go from 1 to 30"),
        ("/log bench 3x10 2000lb", "at most 1100 lb"),
        ("/log squat 5x5", "I need sets×reps and a load"),
    ]:
        reply = await chat.send(line)
        assert expected in (reply[0].plain_text or ""), (line, reply[0].plain_text)
        assert "Nothing was stored" in (reply[0].plain_text or "")
    assert await rows(harness, TrainingSet) == []
    await chat.send("/log")
    usage = chat.last_text()
    await chat.send("/help")
    help_text = chat.last_text()
    for example in LIFT_LOG_EXAMPLES:
        assert f"/log {example}" in usage
        assert f"/log {example}" in help_text
        harness.clock.advance(timedelta(minutes=1))
        reply = await chat.send(f"/log {example}")
        assert "logged" in (reply[0].plain_text or ""), (example, reply[0].plain_text)


async def test_a_new_record_is_celebrated_once(harness: Harness) -> None:
    """First log: no trophy; a heavier set: 🏆 once; the same message again or the same set
    later: no trophy."""
    chat = harness.chat()
    await onboard(chat)
    reply = await chat.send("/log squat 5x5 60kg")
    assert "🏆" not in (reply[0].plain_text or "")
    harness.clock.advance(timedelta(minutes=5))
    reply = await chat.send("/log squat 60x5 65x5 70x3")
    assert "🏆 New best back squat: 70 kg × 3" in (reply[0].plain_text or "")
    assert harness.app is not None
    message = next(
        m for m in harness.emulator.messages(chat.chat_id) if m.text == "/log squat 60x5 65x5 70x3"
    )
    update = Update.de_json(
        {
            "update_id": 999_998,
            "message": {
                "message_id": message.message_id,
                "date": message.date,
                "chat": {"id": chat.chat_id, "type": "private"},
                "from": {"id": chat.chat_id, "is_bot": False, "first_name": "Sam"},
                "text": message.text,
                "entities": [{"type": "bot_command", "offset": 0, "length": 4}],
            },
        },
        harness.app.bot,
    )
    await harness.app.process_update(update)
    await chat.settle(1)
    assert "Already logged" in chat.last_text()
    harness.clock.advance(timedelta(minutes=5))
    reply = await chat.send("/log squat 70x3")
    assert "🏆" not in (reply[0].plain_text or "")
    reply = await chat.send("/log squat 70x4")
    assert "🏆 New best back squat: 70 kg × 4" in (reply[0].plain_text or "")
    trophies = [m for m in chat.bot_messages() if "🏆 New best" in (m.plain_text or "")]
    assert len(trophies) == 2


async def test_buttons_log_set_by_set_from_the_empty_bar(harness: Harness) -> None:
    """No plan load yet: the stepper starts at 20 kg, steps 2.5 kg, each set its own load
    and reps; Save stores them once (a double tap stores nothing more)."""
    chat = harness.chat()
    await morning_prompt(harness, chat)
    await chat.tap("Done", expect=1)
    await chat.tap("Log back squat", expect=0)
    assert "Set 1: 20×8 kg" in chat.buttons(chat.message(chat.bot_messages()[-2].message_id))
    for label in ("+10 kg", "+10 kg", "+10 kg", "+10 kg", "➕ Next set", "+2.5 kg", "+2.5 kg"):
        await chat.tap(label, expect=0)
    await chat.tap("➕ Next set", expect=0)
    await chat.tap("+2.5 kg", expect=0)
    await chat.tap("+2.5 kg", expect=0)
    for _ in range(5):
        await chat.tap("−1 rep", expect=0)
    prompt = next(m for m in chat.bot_messages() if "Done — saved" in (m.plain_text or ""))
    save = "✅ Save 3 sets of back squat"
    assert save in chat.buttons(chat.message(prompt.message_id))
    data = next(
        b["callback_data"]
        for row in chat.message(prompt.message_id).reply_markup["inline_keyboard"]  # type: ignore[index]
        for b in row
        if b["text"] == save
    )
    await chat.tap(save, expect=0)
    harness.emulator.user_presses(chat.chat_id, prompt.message_id, data)  # a double tap
    await chat.settle(0)
    assert await sets_of(harness, "squat") == [(60, 8), (65, 8), (70, 3)]
    assert harness.emulator.callback_answers(chat.chat_id)[-1] == "Already logged."
    assert any(b.startswith("☑️") for b in chat.buttons(chat.message(prompt.message_id)))


async def test_lb_buttons_start_at_45_and_reach_135(harness: Harness) -> None:
    """A man who lifts in pounds starts at 45 lb, steps 5 / 20 lb, and reaches 135 lb."""
    chat = harness.chat()
    await onboard(chat)
    await chat.send("/weight 180 lb")
    assert (await stored_user(harness)).weight_unit == "lb"
    await harness.tick_at(MORNING)
    await chat.settle(1)
    await chat.tap("Done", expect=1)
    await chat.tap("Log overhead press", expect=0)
    for label in ("+20 lb", "+20 lb", "+20 lb", "+20 lb", "+5 lb", "+5 lb"):
        await chat.tap(label, expect=0)
    await chat.tap("✅ Save 1 set", expect=0)
    assert await sets_of(harness, "overhead_press") == [(round(135 * KG_PER_LB, 3), 8)]


async def test_jumps_log_in_one_tap_without_a_load(harness: Harness) -> None:
    """The plan's jumping chin-ups have a one-tap button that logs reps only."""
    chat = harness.chat()
    await morning_prompt(harness, chat)
    await chat.tap("Done", expect=1)
    await chat.tap("Jumping chin-ups with drop landings 3×5", expect=0)
    assert await sets_of(harness, "jumping_chin_up") == [(0, 5)] * 3


async def test_buttons_start_from_the_prescribed_load(harness: Harness) -> None:
    """With a plan load (Monday's 61 kg, held in the technique weeks on the nearest plate step)
    the stepper starts there."""
    chat = harness.chat()
    await morning_prompt(harness, chat)
    await chat.send("/log squat 3x8 61kg")
    await harness.tick_at(datetime(2026, 3, 4, 6, 30, tzinfo=UTC))  # Wednesday
    await chat.settle(1)
    assert "Back squat 3×8–10 — 60 kg" in chat.last_text()
    await chat.tap("Done", expect=1)
    await chat.tap("other…", expect=0)
    shown = [b for m in chat.bot_messages() for b in chat.buttons(m) if b.startswith("Set 1")]
    assert shown[-1] == "Set 1: 60×8 kg"


@pytest.mark.parametrize("answer", ["Done", "Skipped"])
async def test_today_buttons_answer_again_after_undo(harness: Harness, answer: str) -> None:
    """/undo of the training answer, then Done on /today's buttons stores exactly one
    answer; tapping it again changes nothing."""
    chat = harness.chat()
    await morning_prompt(harness, chat)
    await chat.tap(answer, expect=1)
    harness.clock.advance(timedelta(minutes=5))
    await chat.send("/undo")
    assert "Removed training answer" in chat.last_text()
    assert await rows(harness, TrainingSession) == []
    await chat.send("/today")
    today = chat.last()
    assert "not answered yet" in (today.plain_text or "")
    assert {"✅ Done", "◐ Partly", "✖ Skipped"} <= set(chat.buttons(today))
    partly = next(
        b["callback_data"]
        for row in today.reply_markup["inline_keyboard"]  # type: ignore[index]
        for b in row
        if b["text"] == "◐ Partly"
    )
    await chat.tap("◐ Partly", expect=0)
    shown = chat.message(today.message_id).plain_text or ""
    assert "Training: ◐ Partly — saved." in shown and "not answered" not in shown
    harness.emulator.user_presses(chat.chat_id, today.message_id, partly)  # a double tap
    await chat.settle(0)
    sessions = await rows(harness, TrainingSession)
    assert [(s.outcome, s.planned) for s in sessions] == [("partly", True)]
    assert harness.emulator.callback_answers(chat.chat_id)[-1] == "Already saved."
    deliveries = [d for d in await rows(harness, Delivery) if d.kind == "training"]
    assert sessions[0].delivery_id == deliveries[0].id


async def test_today_has_no_answer_buttons_before_the_prompt(harness: Harness) -> None:
    """Before the day's prompt went out there is nothing to answer: no buttons."""
    chat = harness.chat()
    await onboard(chat)
    await chat.send("/today")
    assert chat.buttons(chat.last()) == []


async def test_progress_report_and_export_cope_with_custom_and_bodyweight_lifts(
    harness: Harness,
) -> None:
    """After custom, bodyweight and per-set logs: /progress, /report and /export all work and
    name his own lift as he typed it."""
    import io
    import json
    import zipfile

    from pypdf import PdfReader

    chat = harness.chat()
    await onboard(chat)
    for line in (
        "/log squat 60x5 65x5 70x3",
        "/log jumping chin-ups 3x5",
        "/log zercher squat 3x8 50kg",
        "/log burpees 3x10",
    ):
        await chat.send(line)
    photo = (await chat.send("/progress"))[0]
    assert photo.kind == "photo"
    document = (await chat.send("/report"))[0]
    assert document.kind == "document" and document.file_path is not None
    text = " ".join(page.extract_text() for page in PdfReader(str(document.file_path)).pages)
    assert "Zercher squat" in text and "Back squat" in text
    export = (await chat.send("/export"))[0]
    assert export.file_path is not None
    data = json.loads(zipfile.ZipFile(io.BytesIO(export.file_path.read_bytes())).read("data.json"))
    keys = {row["lift_key"] for row in data["training_set"]}
    assert keys == {"squat", "jumping_chin_up", "custom:zercher squat", "custom:burpees"}


async def test_set_buttons_of_another_man_or_an_old_day_are_stale(harness: Harness) -> None:
    """A set-by-set button pressed by someone else, for an exercise not in the day's plan, or
    from a prompt two days old, is refused as stale and stores nothing."""
    chat = harness.chat()
    await morning_prompt(harness, chat)
    delivery_id = next(d for d in await rows(harness, Delivery) if d.kind == "training").id
    prompt = chat.bot_messages()[-1]
    save = f"gv|{delivery_id}|squat|k08008"
    other = harness.chat(5002)
    await onboard(other)
    harness.emulator.user_presses(other.chat_id, other.last().message_id, save)  # forged
    await other.settle(0)
    await harness.emulator.wait_for(
        lambda: "no longer active" in str(harness.emulator.callback_answers(other.chat_id))
    )
    before = len(harness.emulator.callback_answers(chat.chat_id))
    forged = f"gs|{delivery_id}|bench_press|new"  # bench is not in the day's plan
    harness.emulator.user_presses(chat.chat_id, prompt.message_id, forged)
    await chat.settle(0)
    await harness.emulator.wait_for(
        lambda: len(harness.emulator.callback_answers(chat.chat_id)) > before
    )
    assert "no longer active" in harness.emulator.callback_answers(chat.chat_id)[-1]
    await harness.tick_at(datetime(2026, 3, 4, 6, 30, tzinfo=UTC))  # Wednesday
    await chat.settle(1)
    harness.emulator.user_presses(chat.chat_id, prompt.message_id, save)
    await chat.settle(0)
    await harness.emulator.wait_for(
        lambda: "no longer active" in str(harness.emulator.callback_answers(chat.chat_id))
    )
    assert await rows(harness, TrainingSet) == []
