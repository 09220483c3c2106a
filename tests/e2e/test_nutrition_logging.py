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


async def _check_in(harness: Harness, chat: Chat) -> None:
    """Onboard and let the 20:00 tick bring the evening check-in."""
    await onboard(chat)
    await harness.tick_at(EVENING)
    await chat.settle(1)
    assert "Evening check-in" in chat.last_text()


async def test_top_buttons_split_at_the_upper_limit(harness: Harness) -> None:
    """'over 4000 IU' is judged above the upper limit; the magnesium top band is on target."""
    chat = harness.chat()
    await _check_in(harness, chat)
    await chat.tap("over 2000 mg", expect=0)
    assert {"1000–4000 IU", "over 4000 IU"} <= set(chat.buttons())
    for label in ("over 4000 IU", "None", "420 mg or more", "66–98 g", "≥ 250 mg"):
        await chat.tap(label, expect=0)
    summary = next(
        m.plain_text or "" for m in chat.bot_messages() if "Check-in done" in (m.plain_text or "")
    )
    assert "Calcium over 2000 mg — above the 2000 mg/day upper limit" in summary
    assert (
        "Vitamin D3 over 4000 IU — above the 4000 IU/day upper limit unless supervised" in summary
    )
    assert "Magnesium 420 mg or more — on target: 420 mg a day." in summary
    assert "discuss with your prescriber" in summary


async def test_typed_verdicts_agree_with_one_rule(harness: Harness) -> None:
    """Protein above its range, D3 at its limit and magnesium 400 mg each get one plain verdict."""
    chat = harness.chat()
    await onboard(chat)
    reply = await chat.send("/log protein 140g")
    assert "above the target for bone and muscle of 82–98 g a day" in (reply[0].plain_text or "")
    reply = await chat.send("/log d3 4000 IU")
    text = reply[0].plain_text or ""
    assert "above the target of 600 IU a day, at the 4000 IU/day upper limit" in text
    reply = await chat.send("/log mag 400 mg")
    text = reply[0].plain_text or ""
    assert "below the target of 420 mg a day" in text
    assert "is not a limit on your total" in text and "above the" not in text
    await chat.send("/today")
    today = chat.last_text()
    assert "Magnesium 400 mg — below the target of 420 mg a day" in today
    assert "Protein 140 g — above the target" in today


async def test_typed_amount_after_a_tap_asks_replace_or_add(harness: Harness) -> None:
    """A typed calcium after the calcium tap asks first; Replace leaves only the typed amount."""
    chat = harness.chat()
    await _check_in(harness, chat)
    await chat.tap("1000–2000 mg", expect=0)
    reply = await chat.send("/log calcium 1550 mg")
    assert "You tapped 1000–2000 mg for Calcium today" in (reply[0].plain_text or "")
    assert [e.amount for e in await entries(harness)] == [1000]  # nothing added yet
    question = reply[0]
    add = (question.reply_markup or {})["inline_keyboard"][0][1]["callback_data"]
    await chat.tap("Replace with 1550 mg", expect=0)
    assert "Replaced. ✅ Calcium: 1550 mg logged" in chat.last_text()
    assert "Today so far: 1550 mg" in chat.last_text()
    assert [e.amount for e in await entries(harness)] == [1550]
    harness.emulator.user_presses(chat.chat_id, question.message_id, add)  # a stale second tap
    await chat.settle(0)
    assert [e.amount for e in await entries(harness)] == [1550]


async def test_typed_amount_after_a_tap_can_be_added(harness: Harness) -> None:
    """Add keeps the tapped band and adds the typed amount to it."""
    chat = harness.chat()
    await _check_in(harness, chat)
    await chat.tap("500–999 mg", expect=0)
    await chat.send("/log calcium 300 mg")
    await chat.tap("Add", expect=0)
    assert "Added. ✅ Calcium: 300 mg logged" in chat.last_text()
    assert "Today so far: 1050 mg" in chat.last_text()
    assert sorted(e.amount for e in await entries(harness)) == [300, 750]


async def test_a_red_flag_typed_after_log_or_usual_is_answered_first(harness: Harness) -> None:
    """Text after /log or /usual that is not an entry goes through the safety gate."""
    chat = harness.chat()
    await onboard(chat)
    reply = await chat.send("/log crushing chest pain, can't breathe")
    assert "112 / 911 / 999" in (reply[0].plain_text or "")
    assert await entries(harness) == []
    chat2 = harness.chat(5002)
    await onboard(chat2)
    reply = await chat2.send("/usual chestpain and cant breathe")
    assert "112 / 911 / 999" in (reply[0].plain_text or "")
