"""The daily loop end to end: prompts at local time, one-tap answers, logs, /today, /undo."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from harness import Chat, Harness
from onboarded import onboard
from sqlmodel import select

from bot.db.models import Delivery, NutritionEntry, TrainingSession, TrainingSet

MORNING = datetime(2026, 3, 2, 6, 30, tzinfo=UTC)  # 07:30 in Berlin, Monday
EVENING = datetime(2026, 3, 2, 19, 0, tzinfo=UTC)  # 20:00 in Berlin


async def rows(harness: Harness, model: type) -> list:  # type: ignore[type-arg]
    """All rows of a table."""
    assert harness.app is not None
    async with harness.app.bot_data.resources.sessions() as session:
        return list((await session.exec(select(model))).all())


async def morning_prompt(harness: Harness, chat: Chat) -> None:
    """Onboard, then let the 07:30 tick bring the training prompt."""
    await onboard(chat)
    await harness.tick_at(MORNING)
    await chat.settle(1)
    assert "Mon 02 Mar" in chat.last_text()
    assert "Back squat" in chat.last_text()


async def test_training_prompt_arrives_and_one_tap_answers_it(harness: Harness) -> None:
    """At 07:30 local the session arrives; Done is saved once, a second tap changes nothing."""
    chat = harness.chat()
    await morning_prompt(harness, chat)
    new = await chat.tap("Done", expect=1)
    assert "Today's bite" in (new[0].plain_text or "")  # a training day brings a loading bite
    prompt = chat.bot_messages()[-2]
    assert "Done — saved" in (prompt.plain_text or "")
    data = "tr|" + str((await rows(harness, Delivery))[0].id) + "|done"
    harness.emulator.user_presses(chat.chat_id, prompt.message_id, data)
    await chat.settle(0)
    assert harness.emulator.callback_answers(chat.chat_id)[-1] == "Already saved."
    sessions = await rows(harness, TrainingSession)
    assert [(s.outcome, s.planned) for s in sessions] == [("done", True)]


async def test_evening_check_in_by_taps_and_summary(harness: Harness) -> None:
    """The check-in asks six nutrients one tap each, stores six entries, then sums up the day."""
    chat = harness.chat()
    await morning_prompt(harness, chat)
    await chat.tap("Done", expect=1)
    await harness.tick_at(EVENING)
    await chat.settle(1)
    assert "Evening check-in" in chat.last_text()
    for label in ("1000–2000 mg", "< 1000 IU", "None", "200–419 mg", "≥ 98 g", "≥ 250 mg"):
        await chat.tap(label, expect=0)
    assert "Check-in done" in chat.last_text()
    assert "Calcium 1000–2000 mg — on target" in chat.last_text()
    entries = await rows(harness, NutritionEntry)
    assert sorted(e.nutrient for e in entries) == sorted(
        ["calcium", "vitamin_d", "k2", "magnesium", "protein", "omega3"]
    )


async def test_unanswered_session_gets_one_gentle_follow_up(harness: Harness) -> None:
    """No answer by evening: one follow-up an hour before the check-in, never a second."""
    chat = harness.chat()
    await morning_prompt(harness, chat)
    await harness.tick_at(datetime(2026, 3, 2, 18, 0, tzinfo=UTC))
    await chat.settle(1)
    assert "How did today's session go" in chat.last_text()
    await harness.tick_at(datetime(2026, 3, 2, 18, 30, tzinfo=UTC))
    await chat.tap("Partly", expect=1)
    sessions = await rows(harness, TrainingSession)
    assert [s.outcome for s in sessions] == ["partly"]
    follow_ups = [m for m in chat.bot_messages() if "How did today's" in (m.plain_text or "")]
    assert len(follow_ups) == 1


async def test_typed_logs_today_and_undo(harness: Harness) -> None:
    """/log stores nutrients and lifts; /today shows them; /undo removes the last one."""
    chat = harness.chat()
    await morning_prompt(harness, chat)
    reply = await chat.send("/log calcium 1200mg")
    assert "Calcium: 1200 mg logged" in (reply[0].plain_text or "")
    harness.clock.advance(timedelta(minutes=5))
    reply = await chat.send("/log squat 3x10 60kg")
    assert "Back squat: 3 sets" in (reply[0].plain_text or "")
    await chat.send("/today")
    assert "Lifts logged: Back squat" in chat.last_text()
    assert "Calcium 1200 mg" in chat.last_text()
    await chat.send("/undo")
    assert "Removed Back squat" in chat.last_text()
    await chat.send("/records")
    assert "No lifts logged yet" in chat.last_text()


async def test_bad_log_values_are_refused_and_nothing_is_stored(harness: Harness) -> None:
    """Absurd amounts and unknown units get a message with the range and unit; nothing stored."""
    chat = harness.chat()
    await onboard(chat)
    for line, expected in [
        ("/log calcium 90000mg", "mg"),
        ("/log d3 2000 bananas", "IU"),
        ("/log squat 5x5 900kg", "kg"),
        ("/log unobtainium 5g", "calcium"),
        ("/log", "/log squat"),
    ]:
        reply = await chat.send(line)
        assert expected in (reply[0].plain_text or ""), (line, reply[0].plain_text)
    assert await rows(harness, NutritionEntry) == []


async def test_repeated_update_stores_nothing_twice(harness: Harness) -> None:
    """The same /log message delivered twice (same message id) is stored once."""
    chat = harness.chat()
    await onboard(chat)
    await chat.send("/log calcium 600mg")
    first = (await rows(harness, NutritionEntry))[0]
    # Telegram re-delivers the same update after a crash: same message, same id.
    assert harness.app is not None
    from telegram import Update

    message = next(
        m for m in harness.emulator.messages(chat.chat_id) if m.text == "/log calcium 600mg"
    )
    update = Update.de_json(
        {
            "update_id": 999_999,
            "message": {
                "message_id": message.message_id,
                "date": message.date,
                "chat": {"id": chat.chat_id, "type": "private"},
                "from": {"id": chat.chat_id, "is_bot": False, "first_name": "Sam"},
                "text": "/log calcium 600mg",
                "entities": [{"type": "bot_command", "offset": 0, "length": 4}],
            },
        },
        harness.app.bot,
    )
    await harness.app.process_update(update)
    await chat.settle(1)
    assert "Already logged" in chat.last_text()
    assert [e.id for e in await rows(harness, NutritionEntry)] == [first.id]


async def test_stale_check_in_button_changes_nothing(harness: Harness) -> None:
    """A check-in button from two days ago says it is no longer active and stores nothing."""
    chat = harness.chat()
    await onboard(chat)
    await harness.tick_at(EVENING)
    await chat.settle(1)
    old = chat.last()
    await harness.tick_at(datetime(2026, 3, 4, 19, 0, tzinfo=UTC))
    await chat.settle(1)
    data = old.reply_markup["inline_keyboard"][0][0]["callback_data"]  # type: ignore[index]
    harness.emulator.user_presses(chat.chat_id, old.message_id, data)
    await chat.settle(0)
    await harness.emulator.wait_for(
        lambda: "no longer active" in str(harness.emulator.callback_answers(chat.chat_id))
    )
    assert await rows(harness, NutritionEntry) == []


async def test_guided_lift_log_and_progression(harness: Harness) -> None:
    """Old buttons (lift → sets × reps → load) still log once, starting at the empty bar;
    in the technique weeks the next session holds that light load and says why."""
    chat = harness.chat()
    await morning_prompt(harness, chat)
    await chat.tap("Done", expect=1)
    prompt = next(m for m in chat.bot_messages() if "Done — saved" in (m.plain_text or ""))
    delivery_id = (await rows(harness, Delivery))[0].id
    harness.emulator.user_presses(chat.chat_id, prompt.message_id, f"lg|{delivery_id}|squat")
    await chat.settle(0)
    await chat.tap("3×10", expect=0)
    await chat.tap("+5", expect=0)
    confirm = "✅ Back squat 3×10 @ 25 kg"
    prompt = next(m for m in chat.bot_messages() if "Done — saved" in (m.plain_text or ""))
    assert confirm in chat.buttons(prompt)
    data = next(
        b["callback_data"]
        for row in prompt.reply_markup["inline_keyboard"]  # type: ignore[index]
        for b in row
        if b["text"] == confirm
    )
    await chat.tap(confirm, expect=0)
    harness.emulator.user_presses(chat.chat_id, prompt.message_id, data)  # a double tap
    await chat.settle(0)
    sets = await rows(harness, TrainingSet)
    assert [(s.reps, s.load_kg) for s in sets] == [(10, 25.0)] * 3
    assert any(b.startswith("☑️") for b in chat.buttons(chat.message(prompt.message_id)))
    await harness.tick_at(datetime(2026, 3, 4, 6, 30, tzinfo=UTC))  # Wednesday morning
    await chat.settle(1)
    assert "Back squat 3×8–10 — 25 kg" in chat.last_text()
    assert "Technique weeks: the same light load until week 4" in chat.last_text()
