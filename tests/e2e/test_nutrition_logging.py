"""Typed nutrition end to end: every name the bot shows, aliases, fish oil, weekly doses."""

from __future__ import annotations

from datetime import UTC, datetime

from harness import Chat, Harness
from log_examples import all_examples, examples_in
from onboarded import onboard
from sqlmodel import select

from bot.content import load_content
from bot.db.models import NutritionEntry

EVENING = datetime(2026, 3, 2, 19, 0, tzinfo=UTC)  # 20:00 in Berlin, the check-in time


async def entries(harness: Harness) -> list[NutritionEntry]:
    """All nutrition rows."""
    assert harness.app is not None
    async with harness.app.bot_data.resources.sessions() as session:
        return list((await session.exec(select(NutritionEntry))).all())


async def _shown_examples(harness: Harness, chat: Chat) -> set[str]:
    """Walk the messages that carry /log examples (help, usage, every check-in step, refusals)
    and harvest the examples from what the bot really sent."""
    await chat.send("/help")
    await chat.send("/log")
    await chat.send("/log zinc 15 mg")
    await chat.send("/log k2")
    await chat.send("/log d3 50000 IU")
    await harness.tick_at(EVENING)
    await chat.settle(1)
    seen = examples_in(chat.last().text or "")
    for _ in range(5):  # the next five steps, each shown after a Skip
        await chat.tap("Skip", expect=0)
        seen |= examples_in(chat.last().text or "")
    await chat.tap("Skip", expect=0)
    for message in chat.bot_messages():
        seen |= examples_in(message.text or "")
    return seen


async def test_every_example_the_bot_shows_is_logged(harness: Harness) -> None:
    """Each /log example from help, usage, check-in steps and refusals is stored, none refused."""
    chat = harness.chat()
    await onboard(chat)
    shown = await _shown_examples(harness, chat)
    assert {"k2 100 µg", "omega-3 500 mg", "calcium 1200mg", "squat 5x5 100kg"} <= shown
    for example in sorted(shown | all_examples(load_content())):
        reply = await chat.send(f"/log {example}")
        assert (reply[0].plain_text or "").startswith("✅"), (example, reply[0].plain_text)


async def test_names_with_digits_and_aliases(harness: Harness) -> None:
    """k2, mk-7, vitamin k2, omega-3, omega3, epa/dha are each logged under the right nutrient."""
    chat = harness.chat()
    await onboard(chat)
    for line, shown in [
        ("/log k2 100 µg", "Vitamin K2 (MK-7): 100 µg logged"),
        ("/log mk-7 50mcg", "Today so far: 150 µg"),
        ("/log vitamin k2 20", "Today so far: 170 µg"),
        ("/log omega-3 500 mg", "Omega-3 (EPA+DHA): 500 mg logged"),
        ("/log omega3 0.2 g", "Today so far: 700 mg"),
        ("/log epa/dha 100", "Today so far: 800 mg"),
    ]:
        reply = await chat.send(line)
        assert shown in (reply[0].plain_text or ""), (line, reply[0].plain_text)
    assert sorted(e.nutrient for e in await entries(harness)) == ["k2"] * 3 + ["omega3"] * 3


async def test_fish_oil_capsule_weight_is_not_stored(harness: Harness) -> None:
    """'fish oil 3 g' asks for EPA+DHA from the label and stores nothing; with EPA+DHA it logs."""
    chat = harness.chat()
    await onboard(chat)
    reply = await chat.send("/log fish oil 3 g")
    text = reply[0].plain_text or ""
    assert "isn't its omega-3" in text and "EPA and DHA" in text and "Nothing was stored" in text
    assert await entries(harness) == []
    reply = await chat.send("/log fish oil 600 mg EPA+DHA")
    assert "Omega-3 (EPA+DHA): 600 mg logged" in (reply[0].plain_text or "")


async def test_weekly_vitamin_d_is_logged_as_a_daily_average(harness: Harness) -> None:
    """'d3 50000 IU weekly' is said and stored plainly as 7143 IU a day, with the limit warning."""
    chat = harness.chat()
    await onboard(chat)
    reply = await chat.send("/log d3 50000 IU weekly")
    text = reply[0].plain_text or ""
    assert "50000 IU a week is 7143 IU a day on average" in text
    assert "upper limit" in text
    [entry] = await entries(harness)
    assert (entry.amount, entry.entered_value, entry.entered_unit) == (7143, 50000, "IU/wk")
