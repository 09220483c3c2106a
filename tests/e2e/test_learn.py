"""Learning end to end: Why?, Tell me more, quizzes, /learn, /ask and free questions."""

from __future__ import annotations

from datetime import UTC, datetime

from harness import Harness
from onboarded import onboard

MORNING = datetime(2026, 3, 2, 6, 30, tzinfo=UTC)


async def test_why_on_the_training_prompt_explains_and_goes_deeper(harness: Harness) -> None:
    """Why? answers with the bite behind the prompt; Tell me more gives the next level."""
    chat = harness.chat()
    await onboard(chat)
    await harness.tick_at(MORNING)
    await chat.settle(1)
    bite = (await chat.tap("Why?"))[0]
    assert "Basics" in (bite.plain_text or "")
    assert "From “" in (bite.plain_text or "")
    deeper = (await chat.tap("Tell me more"))[0]
    assert "Deeper" in (deeper.plain_text or "") or "Science" in (deeper.plain_text or "")


async def test_quiz_right_and_wrong_answers(harness: Harness) -> None:
    """A quiz answer is scored once; a wrong one says the right answer and will come back."""
    chat = harness.chat()
    await onboard(chat)
    library = harness.app.bot_data.resources.content.lessons  # type: ignore[union-attr]
    lesson = next(x for x in library.all if x.question is not None)
    assert lesson.question is not None
    harness.emulator.user_presses(chat.chat_id, chat.last().message_id, f"why|{lesson.id}")
    await chat.settle(1)
    await chat.tap("Quiz me")
    wrong = lesson.question.options[(lesson.question.answer + 1) % len(lesson.question.options)]
    question = chat.last()
    await chat.tap(wrong[:60], expect=0)
    assert "Not quite" in chat.last_text()
    assert "come back" in chat.last_text()
    right = lesson.question.options[lesson.question.answer]
    harness.emulator.user_presses(
        chat.chat_id, question.message_id, f"qa|{lesson.id}|{lesson.question.answer}"
    )
    await chat.settle(0)
    assert harness.emulator.callback_answers(chat.chat_id)[-1] == "Already answered."
    assert right in chat.last_text()


async def test_learn_menu_and_topic(harness: Harness) -> None:
    """/learn shows topics; tapping one, or /learn <topic>, sends a bite on it."""
    chat = harness.chat()
    await onboard(chat)
    await chat.send("/learn")
    assert "Pick a topic" in chat.last_text()
    bite = (await chat.tap("Vitamin K2"))[0]
    assert "K2" in (bite.plain_text or "")
    bite = (await chat.send("/learn rankl"))[0]
    assert "RANKL" in (bite.plain_text or "")
    reply = (await chat.send("/learn astrology"))[0]
    assert "no topic" in (reply.plain_text or "")


async def test_ask_finds_the_right_bite(harness: Harness) -> None:
    """/ask and a typed question get the best bite with its source, and related ones."""
    chat = harness.chat()
    await onboard(chat)
    replies = await chat.send("/ask why should I lift heavy weights?", expect=2)
    assert "Here's what I know" in (replies[0].plain_text or "")
    assert "More on this" in (replies[1].plain_text or "")
    replies = await chat.send("what is sclerostin", expect=1)
    assert "clerostin" in (replies[0].plain_text or "")


async def test_off_topic_and_dose_questions_get_honest_answers(harness: Harness) -> None:
    """Nothing good matches: it says so and offers topics; dose questions go to the prescriber."""
    chat = harness.chat()
    await onboard(chat)
    reply = (await chat.send("/ask what is the best pizza in naples?"))[0]
    text = reply.plain_text or ""
    assert "don't have" in text
    reply = (await chat.send("should I increase my anastrozole dose?"))[0]
    assert "prescriber" in (reply.plain_text or "")


async def test_progress_counts_what_he_read(harness: Harness) -> None:
    """/progress reports bites read per level, named as the lessons name them, and quiz
    results in plain English plurals."""
    chat = harness.chat()
    await onboard(chat)
    await chat.send("/learn k2")
    text = (await chat.send("/progress"))[0].plain_text or ""
    assert "bites read" in text
    assert "1 of" in text
    assert "Basics:" in text and "Deeper:" in text and "Science:" in text
    assert "Fundamentals" not in text and "Academic" not in text
    assert "0 questions learned for good" in text


async def test_why_anastrozole_hurts_bone_gets_the_estrogen_brake_bite(harness: Harness) -> None:
    """/ask why does anastrozole hurt bone? (and typed variants) shows the estrogen-brake bite."""
    chat = harness.chat()
    await onboard(chat)
    for question in (
        "/ask why does anastrozole hurt bone?",
        "how does the AI affect my bones?",
        "why is low estradiol bad for bone?",
    ):
        replies = await chat.send(question, expect=2)
        bite = replies[0].plain_text or ""
        assert "Here's what I know" in bite, question
        assert "Estrogen is bone's brake" in bite, question
        assert "question for your prescriber" not in bite, question  # not the safety gate
        assert "More on this" in (replies[1].plain_text or ""), question
