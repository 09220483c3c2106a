"""Check-in times end to end: the evening window, and a change of zone or time never drops
the evening's check-in; he is told when the next one comes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from harness import Harness
from onboarded import onboard, stored_user

TUESDAY_1930_BERLIN = datetime(2026, 3, 3, 18, 30, tzinfo=UTC)  # a rest day, before 20:00


async def test_evening_check_in_before_15_is_refused_with_why(harness: Harness) -> None:
    """/time evening 06:00 is refused with the window and the reason; nothing changes."""
    chat = harness.chat()
    await onboard(chat)
    reply = await chat.send("/time evening 06:00")
    text = reply[-1].plain_text or ""
    assert "too early for the evening check-in" in text
    assert "between 15:00 and 23:59" in text and "whole day's food" in text
    assert "Nothing was changed" in text
    user = await stored_user(harness)
    assert user.nutrition_time is not None and f"{user.nutrition_time:%H:%M}" == "20:00"
    reply = await chat.send("/time evening 15:00")
    assert "✅" in (reply[-1].plain_text or "")


async def test_onboarding_refuses_a_morning_check_in_time(harness: Harness) -> None:
    """During sign-up, 06:00 for the evening check-in gets the reason, and 20:00 then works."""
    chat = harness.chat()
    await chat.send("/start")
    await chat.send("I agree")
    await chat.send("Berlin")
    await chat.send("07:30")
    reply = await chat.send("6 am")
    assert "between 15:00 and 23:59" in (reply[-1].plain_text or "")
    reply = await chat.send("20:00")
    assert "✅ Nutrition check-in: 20:00" in (reply[-1].plain_text or "")


async def test_moving_east_in_the_evening_still_sends_tonights_check_in(harness: Harness) -> None:
    """At 19:30 in Berlin he moves to Helsinki (20:30 there): tonight's check-in comes now."""
    chat = harness.chat()
    await onboard(chat)
    await harness.tick_at(TUESDAY_1930_BERLIN)
    reply = await chat.send("/timezone Europe/Helsinki")
    assert "Next evening check-in: now — today's was still due." in (reply[-1].plain_text or "")
    await harness.tick_at(TUESDAY_1930_BERLIN + timedelta(minutes=1))
    await chat.settle(1)
    assert "Evening check-in — Tue 03 Mar" in chat.last_text()


async def test_a_time_change_says_when_the_next_check_in_comes(harness: Harness) -> None:
    """A later time tonight is 'today at'; an earlier one already passed is sent now; once
    tonight's came, the next is tomorrow."""
    chat = harness.chat()
    await onboard(chat)
    await harness.tick_at(TUESDAY_1930_BERLIN)
    reply = await chat.send("/time evening 21:00")
    assert "Next evening check-in: today at 21:00." in (reply[-1].plain_text or "")
    reply = await chat.send("/time evening 19:00")
    assert "Next evening check-in: now — today's was still due." in (reply[-1].plain_text or "")
    await harness.tick_at(TUESDAY_1930_BERLIN + timedelta(minutes=1))
    await chat.settle(1)
    assert "Evening check-in — Tue 03 Mar" in chat.last_text()
    reply = await chat.send("/time evening 19:15")
    assert "Next evening check-in: tomorrow at 19:15." in (reply[-1].plain_text or "")
