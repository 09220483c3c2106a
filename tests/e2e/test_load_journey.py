"""Six weeks of squats as he lives them: he reads the load in each morning prompt, lifts it,
logs it and rates the session; the loads the prompts show follow the coach's rules."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from harness import Chat, Harness
from onboarded import onboard

BERLIN = ZoneInfo("Europe/Berlin")
SIGN_UP = datetime(2026, 3, 2, 5, 0, tzinfo=UTC)  # Monday 06:00 in Berlin, before 07:30
WEEK_5 = date(2026, 3, 30)  # the first Monday after the technique weeks (and after DST)
SQUAT = re.compile(r"Back squat (\d)×(\d+)(?:–\d+)? — ([\d.]+) kg")


def morning(day: date) -> datetime:
    """07:30 in Berlin on `day`, whatever the clocks did."""
    return datetime.combine(day, time(7, 30), BERLIN).astimezone(UTC)


async def squat_of_the_day(harness: Harness, chat: Chat, day: date) -> tuple[int, int, float, str]:
    """Let the morning tick bring the prompt; the squat's sets, reps and load as shown."""
    await harness.tick_at(morning(day))
    new = await chat.settle(1)
    text = next(m.plain_text or "" for m in new if day.strftime("%a %d %b") in (m.plain_text or ""))
    found = SQUAT.search(text)
    assert found is not None, text
    return int(found[1]), int(found[2]), float(found[3]), text


async def train(chat: Chat, sets: int, reps: int, load: float, effort: str) -> None:
    """Answer Done, rate the effort and log the squat as lifted."""
    await chat.tap("Done", expect=0)
    await chat.tap(effort, expect=0)
    amount = f"{load:g}"
    reply = await chat.send(f"/log squat {sets}x{reps} {amount}kg")
    assert "Back squat" in (reply[0].plain_text or "")


async def test_loads_hold_in_technique_weeks_then_rise_weekly_and_respect_effort(
    harness: Harness,
) -> None:
    """Weeks 1–4 hold his first light load; from week 5 the squat rises 2.5 kg at most once a
    week after sessions that felt about right, holds after a hard one and steps back 10 %
    after two hard ones in a row."""
    chat = harness.chat()
    harness.clock.set(SIGN_UP)
    await onboard(chat)
    shown: dict[date, float] = {}
    texts: dict[date, str] = {}
    day = date(2026, 3, 2)
    first = True
    while day <= WEEK_5 + timedelta(days=11):
        if day.weekday() not in (0, 2, 4):
            await harness.tick_at(morning(day))
            await chat.settle(1)
            day += timedelta(days=1)
            continue
        if first:  # no number yet: he picks a light load, as the prompt asks
            await harness.tick_at(morning(day))
            new = await chat.settle(1)
            assert "a light load you could lift about 15 times" in (new[-1].plain_text or "")
            sets, reps, load = 3, 10, 40.0
            first = False
        else:
            sets, reps, load, texts[day] = await squat_of_the_day(harness, chat, day)
        shown[day] = load
        hard = day in (WEEK_5 + timedelta(days=7), WEEK_5 + timedelta(days=9))
        await train(chat, sets, reps, load, "Hard" if hard else "About right")
        day += timedelta(days=1)

    technique = [load for d, load in shown.items() if d < WEEK_5]
    assert set(technique) == {40.0}  # four weeks: never a rise
    week5 = [shown[WEEK_5 + timedelta(days=n)] for n in (0, 2, 4)]
    assert week5 == [42.5, 42.5, 42.5]  # one rise, then held for the rest of the week
    week6 = [shown[WEEK_5 + timedelta(days=n)] for n in (7, 9, 11)]
    # Monday rises again (a week on); Monday felt hard → Wednesday holds; Wednesday hard too
    # → Friday steps back 10 % (45 × 0.9 = 40.5, down to the plate: 40).
    assert week6 == [45.0, 45.0, 40.0]
    assert "10 % lighter after 2 tough sessions in a row" in texts[WEEK_5 + timedelta(days=11)]
    assert "last time felt hard" in texts[WEEK_5 + timedelta(days=9)]
    assert "+2.5 kg: every set done" in texts[WEEK_5]
    assert "at most once every 7 days" in texts[WEEK_5 + timedelta(days=2)]
