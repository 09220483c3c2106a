"""My usual end to end: save the stack once, then one tap each evening; same as yesterday."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from harness import Chat, Harness
from onboarded import onboard
from sqlmodel import select

from bot.db.models import NutritionEntry, UsualItem

EVENING = datetime(2026, 3, 2, 19, 0, tzinfo=UTC)  # 20:00 in Berlin, the check-in time
NEXT_EVENING = EVENING + timedelta(days=1)


async def rows(harness: Harness, model: type) -> list:  # type: ignore[type-arg]
    """All rows of a table."""
    assert harness.app is not None
    async with harness.app.bot_data.resources.sessions() as session:
        return list((await session.exec(select(model))).all())


async def _evening(harness: Harness, chat: Chat, at: datetime) -> None:
    """Let the check-in tick bring the evening check-in."""
    await harness.tick_at(at)
    await chat.settle(1)
    assert "Evening check-in" in chat.last_text()


def summary(chat: Chat) -> str:
    """The latest check-in summary (today's bite may follow it)."""
    texts = [m.plain_text or "" for m in chat.bot_messages()]
    return next(t for t in reversed(texts) if "Check-in done" in t)


async def _entries_on(harness: Harness, day: datetime) -> dict[str, float]:
    """Each nutrient's total on a local day."""
    totals: dict[str, float] = {}
    for entry in await rows(harness, NutritionEntry):
        if entry.local_day == day.date():
            totals[entry.nutrient] = totals.get(entry.nutrient, 0) + entry.amount
    return totals


async def test_save_as_my_usual_then_one_tap_the_next_evening(harness: Harness) -> None:
    """Save tonight's answers as the usual; tomorrow '✅ Took my usual' logs it once, then done."""
    chat = harness.chat()
    await onboard(chat)
    await _evening(harness, chat, EVENING)
    assert "Took my usual" not in " ".join(chat.buttons())  # nothing saved yet
    for label in ("1000–2000 mg", "1000–4000 IU", "≥ 100 µg", "200–419 mg", "66–98 g", "≥ 250 mg"):
        await chat.tap(label, expect=0)
    await chat.tap("Save as my usual", expect=1)
    saved = chat.last_text()
    assert "Saved as your usual: Calcium 1000–2000 mg, Vitamin D3 1000–4000 IU" in saved
    assert len(await rows(harness, UsualItem)) == 6
    await _evening(harness, chat, NEXT_EVENING)
    assert {"✅ Took my usual", "Same as yesterday"} <= set(chat.buttons())
    prompt = chat.last()
    usual = next(
        b["callback_data"]
        for row in (prompt.reply_markup or {})["inline_keyboard"]
        for b in row
        if "Took my usual" in b["text"]
    )
    await chat.tap("Took my usual", expect=0)
    assert "Vitamin D3 1000–4000 IU — above the target of 600 IU a day" in summary(chat)
    harness.emulator.user_presses(chat.chat_id, prompt.message_id, usual)  # a stale double tap
    await chat.settle(0)
    today = await _entries_on(harness, NEXT_EVENING)
    assert today == {
        "calcium": 1000,
        "vitamin_d": 1000,
        "k2": 100,
        "magnesium": 300,
        "protein": 82,
        "omega3": 250,
    }


async def test_usual_command_then_food_steps_for_what_it_lacks(harness: Harness) -> None:
    """/usual d3 2000 IU, k2 100 µg: one tap logs both; only the other four are asked, as food."""
    chat = harness.chat()
    await onboard(chat)
    reply = await chat.send("/usual")
    assert "No usual stack saved yet" in (reply[0].plain_text or "")
    reply = await chat.send("/usual d3 2000 IU, k2 100 µg")
    assert "Saved as your usual: Vitamin D3 2000 IU, Vitamin K2 (MK-7) 100 µg" in (
        reply[0].plain_text or ""
    )
    await _evening(harness, chat, EVENING)
    assert "Took your usual stack?" in chat.last_text()
    await chat.tap("Took my usual", expect=0)
    assert "Calcium from food today?" in chat.last_text()
    asked = []
    for label in ("500–999 mg", "200–419 mg", "66–98 g", "None"):
        asked.append(chat.last_text().split("\n")[1])
        await chat.tap(label, expect=0)
    assert "Calcium 500–999 mg" in summary(chat)
    assert not any("Vitamin D3" in line or "K2" in line for line in asked)
    assert await _entries_on(harness, EVENING) == {
        "calcium": 750,
        "vitamin_d": 2000,
        "k2": 100,
        "magnesium": 300,
        "protein": 82,
        "omega3": 0,
    }
    reply = await chat.send("/usual clear")
    assert "cleared" in (reply[0].plain_text or "")
    assert await rows(harness, UsualItem) == []


async def test_bad_usual_is_refused_and_nothing_saved(harness: Harness) -> None:
    """A /usual line with a name or amount the bot can't read saves nothing."""
    chat = harness.chat()
    await onboard(chat)
    reply = await chat.send("/usual d3 2000 IU, zinc 15 mg")
    assert "Nothing was saved" in (reply[0].plain_text or "")
    assert await rows(harness, UsualItem) == []


async def test_same_as_yesterday_copies_yesterdays_day(harness: Harness) -> None:
    """'Same as yesterday' stores yesterday's amounts for today and finishes the check-in."""
    chat = harness.chat()
    await onboard(chat)
    await chat.send("/log d3 1000 IU")
    await chat.send("/log calcium 800 mg")
    await _evening(harness, chat, NEXT_EVENING)
    await chat.tap("Same as yesterday", expect=0)
    assert "Calcium 800 mg — below the target of 1000 mg a day" in summary(chat)
    assert await _entries_on(harness, NEXT_EVENING) == {"vitamin_d": 1000, "calcium": 800}
