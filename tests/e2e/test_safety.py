"""Safety end to end: the screen, the clinician-cleared path, /cleared, and a red flag's
next mornings (held until he is better), listed in the clinician PDF without his words."""

from __future__ import annotations

from datetime import UTC, datetime

from harness import Chat, Harness
from onboarded import TYPED_ANSWERS, onboard, red_flag_events, stored_user
from pypdf import PdfReader
from sqlmodel import select

from bot.db.models import Delivery, User

MON = datetime(2026, 3, 2, 6, 30, tzinfo=UTC)  # 07:30 in Berlin: his training prompt
TUE = datetime(2026, 3, 3, 6, 30, tzinfo=UTC)
WED = datetime(2026, 3, 4, 6, 30, tzinfo=UTC)
FRI = datetime(2026, 3, 6, 6, 30, tzinfo=UTC)
RED_FLAG = "my back hurts badly after deadlifts and my leg is numb"
SAFER = ("Heel drops", "Light rack pull", "physiotherapist")
FULL_ONLY = ("Jumping chin-ups with drop landings", "Deadlift 3×")


async def prompt_at(harness: Harness, chat: Chat, at: datetime) -> str:
    """Run the tick at `at` and return the prompt it sent."""
    await harness.tick_at(at)
    await chat.settle(1)
    return chat.last_text()


def assert_safer(text: str) -> None:
    """The cleared path: swaps in, no jumps or drop landings, no floor deadlift."""
    for part in SAFER:
        assert part in text, (part, text)
    for part in FULL_ONLY:
        assert part not in text, (part, text)


def assert_full(text: str) -> None:
    """The full plan: deadlift and jumping chin-ups with drop landings, no swaps."""
    for part in FULL_ONLY:
        assert part in text, (part, text)
    assert "Heel drops" not in text and "rack pull" not in text


async def forget_screen(harness: Harness) -> None:
    """Make him a user set up before the screen existed (no answer stored)."""
    assert harness.app is not None
    async with harness.app.bot_data.resources.sessions() as session:
        user = (await session.exec(select(User))).one()
        user.screened_on, user.screen_findings = None, None
        session.add(user)
        await session.commit()


async def test_yes_to_the_screen_gives_the_safer_plan_until_cleared(harness: Harness) -> None:
    """A yes in onboarding: no jumps, drop landings or floor deadlift until /cleared, then back."""
    chat = harness.chat()
    await chat.send("/start")
    await chat.send("I agree")
    for answer in TYPED_ANSWERS[:-1]:
        await chat.send(answer)
    assert "Step 9 of 9" in chat.last_text() and "osteoporosis" in chat.last_text()
    await chat.tap("Osteoporosis", expect=0)
    done = await chat.tap("Done (1 ticked)")
    assert "You're all set" in (done[0].plain_text or "")
    assert "no jumps or drop landings" in chat.bot_messages()[-2].plain_text  # type: ignore[operator]
    monday = await prompt_at(harness, chat, MON)
    assert_safer(monday)
    assert "safety question needs a clinician's OK" in monday
    assert "Back squat" in monday and "Brace, sit down" in monday  # lifts keep their cues
    assert "✅ A clinician cleared me" in chat.buttons()
    tuesday = await prompt_at(harness, chat, TUE)
    assert "jumps +" not in tuesday
    await chat.tap("A clinician cleared me")
    assert "Has a clinician cleared you for heavy lifting and jumps?" in chat.last_text()
    await chat.tap("Yes, I've been cleared", expect=0)
    assert "full plan again" in chat.last_text()
    assert (await stored_user(harness)).cleared_on is not None
    assert_full(await prompt_at(harness, chat, WED))


async def test_an_existing_user_is_asked_once_at_his_next_prompt(harness: Harness) -> None:
    """No screen answer yet: his prompt carries the question once; None of these in one tap
    gives today's full plan; a second tap on it is refused as stale."""
    chat = harness.chat()
    await onboard(chat)
    await forget_screen(harness)
    monday = await prompt_at(harness, chat, MON)
    assert "One safety question" in monday
    assert_safer(monday)
    assert "None of these" in " ".join(chat.buttons()) and "Done" in " ".join(chat.buttons())
    prompt = chat.last()
    reply = await chat.tap("None of these")
    assert "none of these" in (reply[0].plain_text or "")
    edited = chat.message(prompt.message_id)
    assert_full(edited.plain_text or "")
    assert not any("None of these" in b for b in chat.buttons(edited))
    delivery_id = (await _deliveries(harness))[0].id
    harness.emulator.user_presses(chat.chat_id, prompt.message_id, f"scr|{delivery_id}|none")
    await chat.settle(0)
    assert (
        harness.emulator.callback_answers(chat.chat_id)[-1]
        == "Already answered — /screen changes it."
    )
    user = await stored_user(harness)
    assert user.screened_on is not None and user.screen_findings == ""
    wednesday = await prompt_at(harness, chat, WED)
    assert "One safety question" not in wednesday
    assert_full(wednesday)


async def test_an_unanswered_screen_is_not_asked_again_and_keeps_the_safe_path(
    harness: Harness,
) -> None:
    """He ignores the question: the next prompt does not repeat it, stays safer, points to
    /screen; answering there with a finding keeps the safer plan, and /cleared asks to confirm."""
    chat = harness.chat()
    await onboard(chat)
    await forget_screen(harness)
    assert "One safety question" in await prompt_at(harness, chat, MON)
    wednesday = await prompt_at(harness, chat, WED)
    assert "One safety question" not in wednesday
    assert "until you answer the safety question (/screen)" in wednesday
    assert_safer(wednesday)
    await chat.send("/cleared")
    assert "osteoporosis" in chat.last_text()  # the screen comes first
    await chat.tap("Broke a bone in a minor fall", expect=0)
    await chat.tap("Done (1 ticked)", expect=0)  # the question is edited to show the answer
    assert "no jumps or drop landings" in chat.last_text()
    await chat.send("/cleared")
    assert "Has a clinician cleared you" in chat.last_text()
    await chat.tap("Not yet", expect=0)
    assert (await stored_user(harness)).cleared_on is None
    assert_safer(await prompt_at(harness, chat, FRI))


async def test_cleared_when_not_on_the_path_is_friendly_and_changes_nothing(
    harness: Harness,
) -> None:
    """/cleared with nothing to clear says so; an old confirm button changes nothing either."""
    chat = harness.chat()
    await onboard(chat)
    reply = await chat.send("/cleared")
    assert "nothing to clear" in (reply[0].plain_text or "")
    harness.emulator.user_presses(chat.chat_id, reply[0].message_id, "clr|yes")
    await chat.settle(0)
    assert "Nothing to clear" in (harness.emulator.callback_answers(chat.chat_id)[-1] or "")
    assert (await stored_user(harness)).cleared_on is None


async def test_a_low_dxa_t_score_puts_him_on_the_safer_plan(harness: Harness) -> None:
    """A logged DXA T-score at or below −2.5 swaps jumps and the floor deadlift out."""
    chat = harness.chat()
    await onboard(chat)
    await chat.send("/lab dxa spine -2.7 T 2026-02-20")
    monday = await prompt_at(harness, chat, MON)
    assert_safer(monday)
    assert "DXA T-score at or below −2.5" in monday


async def test_after_a_red_flag_training_waits_until_he_is_better(harness: Harness) -> None:
    """Red flag: the day is held; next mornings ask how he is; Still bad repeats the urgent
    message and keeps holding; Better resumes on the safer plan; the PDF lists the event
    with its day and kind, never his words."""
    chat = harness.chat()
    await onboard(chat)
    assert_full(await prompt_at(harness, chat, MON))
    urgent = (await chat.send(RED_FLAG))[0].plain_text or ""
    assert "⚠️" in urgent
    events = await red_flag_events(harness)
    assert [(e.local_day.isoformat(), e.resolved_on) for e in events] == [("2026-03-02", None)]
    tuesday = await prompt_at(harness, chat, TUE)
    assert "How are you after yesterday?" in tuesday
    assert "Back squat" not in tuesday and "Walk" not in tuesday
    assert chat.buttons() == ["🙂 Better", "🩺 Got checked", "😣 Still bad"]
    again = await chat.tap("Still bad")
    assert urgent.removeprefix("⚠️ ") in (again[0].plain_text or "")
    wednesday = await prompt_at(harness, chat, WED)
    assert "How are you since Mon 02 Mar?" in wednesday
    assert "Back squat" not in wednesday
    prompt = chat.last()
    await chat.tap("Better", expect=0)
    resumed = chat.message(prompt.message_id).plain_text or ""
    assert "Training resumes" in resumed and "Back squat" in resumed
    assert_safer(resumed)
    assert "after the red flag you reported (for 6 weeks" in resumed
    assert "✅ Done" in chat.buttons(chat.message(prompt.message_id))
    assert (await red_flag_events(harness))[0].resolution == "better"
    document = (await chat.send("/report"))[0]
    assert document.file_path is not None
    reader = PdfReader(str(document.file_path))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Red-flag events" in text
    assert f"2026-03-02 — {events[0].kind.replace('_', ' ')}" in text
    assert "numb" not in text and "hurts" not in text


async def test_today_says_training_is_on_hold_until_he_is_better(harness: Harness) -> None:
    """/today after a red flag opens with the hold: on the day, that he'll be asked tomorrow;
    the next morning, to answer the check; after Better, no hold line at all."""
    chat = harness.chat()
    await onboard(chat)
    await prompt_at(harness, chat, MON)
    await chat.send(RED_FLAG)
    same_day = (await chat.send("/today"))[0].plain_text or ""
    assert same_day.startswith("⏸ Training is on hold after what you told me today.")
    assert "Tomorrow morning I'll ask how you are" in same_day
    await prompt_at(harness, chat, TUE)
    next_day = (await chat.send("/today"))[0].plain_text or ""
    assert next_day.startswith("⏸ Training is on hold after what you told me on Mon 02 Mar.")
    assert "Answer this morning's “How are you?” with Better or Got checked" in next_day
    await chat.tap("Better", expect=0)
    resumed = (await chat.send("/today"))[0].plain_text or ""
    assert "on hold" not in resumed


async def _deliveries(harness: Harness) -> list[Delivery]:
    assert harness.app is not None
    async with harness.app.bot_data.resources.sessions() as session:
        return list((await session.exec(select(Delivery))).all())
