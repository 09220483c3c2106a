"""The effort rating under a training prompt: one tap stores it once; a rating for someone
else's prompt, for an old prompt or for a session not done is refused as stale."""

from __future__ import annotations

from datetime import UTC, datetime

from harness import Harness
from onboarded import onboard
from sqlmodel import select

from bot.db.models import Delivery, TrainingSession
from handlers.callbacks import TrainingEffort, TrainingOutcome
from handlers.views.texts import STALE_BUTTON

MORNING = datetime(2026, 3, 2, 6, 30, tzinfo=UTC)  # Monday 07:30 in Berlin


async def efforts(harness: Harness) -> list[tuple[str, str | None]]:
    """(outcome, effort) of every stored training answer."""
    assert harness.app is not None
    async with harness.app.bot_data.resources.sessions() as session:
        rows = (await session.exec(select(TrainingSession))).all()
        return [(row.outcome, row.effort) for row in rows]


async def test_rating_is_stored_once_and_the_row_goes_away(harness: Harness) -> None:
    """Done, then About right: stored on the day's answer; the rating row leaves the prompt;
    the same rating sent again changes nothing."""
    chat = harness.chat()
    await onboard(chat)
    await harness.tick_at(MORNING)
    await chat.settle(1)
    await chat.tap("Done", expect=0)
    prompt = next(m for m in chat.bot_messages() if "Done — saved" in (m.plain_text or ""))
    assert {"😌 Easy", "👍 About right", "😓 Hard"} <= set(chat.buttons(prompt))
    await chat.tap("About right", expect=0)
    assert await efforts(harness) == [("done", "right")]
    assert "👍 About right" not in chat.buttons(chat.message(prompt.message_id))
    assert harness.emulator.callback_answers(chat.chat_id)[-1].startswith("Saved: about right")
    assert harness.app is not None
    async with harness.app.bot_data.resources.sessions() as session:
        delivery = (await session.exec(select(Delivery))).first()
    assert delivery is not None and delivery.id is not None
    data = TrainingEffort(delivery.id, "right").pack()  # type: ignore[arg-type]
    harness.emulator.user_presses(chat.chat_id, prompt.message_id, data)
    await chat.settle(0)
    assert harness.emulator.callback_answers(chat.chat_id)[-1] == "Already saved."
    assert await efforts(harness) == [("done", "right")]


async def test_stale_ratings_change_nothing(harness: Harness) -> None:
    """A rating before any answer, on a skipped day, on another man's prompt, or two days
    late is refused as a stale button and stores nothing."""
    me, other = harness.chat(5001), harness.chat(5002)
    await onboard(me)
    await onboard(other)
    await harness.tick_at(MORNING)
    await me.settle(1)
    await other.settle(1)
    assert harness.app is not None
    async with harness.app.bot_data.resources.sessions() as session:
        mine, theirs = sorted((await session.exec(select(Delivery))).all(), key=lambda d: d.id)
    assert mine.id is not None and theirs.id is not None
    prompt = me.last()

    def press(delivery_id: int, effort: str = "hard") -> None:
        data = TrainingEffort(delivery_id, effort).pack()  # type: ignore[arg-type]
        harness.emulator.user_presses(me.chat_id, prompt.message_id, data)

    press(mine.id)  # not answered yet: nothing to rate
    await me.settle(0)
    assert harness.emulator.callback_answers(me.chat_id)[-1] == STALE_BUTTON
    await me.tap("Skipped", expect=0)
    press(mine.id)  # a skipped session has no effort
    await me.settle(0)
    assert harness.emulator.callback_answers(me.chat_id)[-1] == STALE_BUTTON
    press(theirs.id)  # someone else's prompt
    await me.settle(0)
    assert harness.emulator.callback_answers(me.chat_id)[-1] == STALE_BUTTON
    done = TrainingOutcome(mine.id, "done").pack()  # he changes his mind: Done
    harness.emulator.user_presses(me.chat_id, prompt.message_id, done)
    await me.settle(0)
    harness.clock.set(datetime(2026, 3, 4, 9, 0, tzinfo=UTC))  # two days later
    press(mine.id)
    await me.settle(0)
    assert harness.emulator.callback_answers(me.chat_id)[-1] == STALE_BUTTON
    assert await efforts(harness) == [("done", None)]
