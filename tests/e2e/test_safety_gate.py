"""The safety gate end to end: every text he sends — plain text, /ask, captions, typed answers
and edits — meets red-flag detection first, then medication questions go to the prescriber."""

from __future__ import annotations

from harness import Chat, Harness
from onboarded import TYPED_ANSWERS, onboard, red_flag_events, stored_user

from bot.content.catalogs import load_red_flags
from bot.db.models import UserStatus
from bot.domain.red_flags import detect

EMERGENCY = "112 / 911 / 999"
PRESCRIBER = "question for your prescriber"


def _lesson_free(text: str) -> bool:
    return "Here's what I know" not in text and "I don't have a bite" not in text


async def test_ask_with_crushing_chest_pain_gets_the_urgent_message(harness: Harness) -> None:
    """/ask with a red flag gets the emergency message, not a lesson, and holds today's prompts."""
    chat = harness.chat()
    await onboard(chat)
    replies = await chat.send("/ask I have crushing chest pain, what should I do?")
    text = replies[0].plain_text or ""
    assert EMERGENCY in text
    assert _lesson_free(text)
    assert (await stored_user(harness)).status == UserStatus.PAUSED


async def test_ask_from_a_stranger_still_meets_red_flags(harness: Harness) -> None:
    """Someone who never pressed /start gets the urgent message for a red flag under /ask."""
    chat = harness.chat(5002)
    text = (await chat.send("/ask bloody cough since yesterday"))[0].plain_text or ""
    assert EMERGENCY in text


async def test_plain_text_with_typos_gets_the_urgent_message(harness: Harness) -> None:
    """Typed text with typos ("chestpain", "droopin") still raises its red flag."""
    chat = harness.chat()
    await onboard(chat)
    assert EMERGENCY in ((await chat.send("chestpain and cant breathe"))[0].plain_text or "")
    assert EMERGENCY in ((await chat.send("my face is droopin on one side"))[0].plain_text or "")


async def test_photo_and_document_captions_pass_the_gate(harness: Harness) -> None:
    """A caption reporting a red flag gets the urgent message; a plain caption the usual reply."""
    chat = harness.chat()
    await onboard(chat)
    chat.emulator.user_sends_media(
        chat.chat_id, "my left leg is way bigger than the right and it hurts"
    )
    assert EMERGENCY in ((await chat.settle(1))[0].plain_text or "")
    chat.emulator.user_sends_media(chat.chat_id, "is this dose ok?", kind="document")
    assert PRESCRIBER in ((await chat.settle(1))[0].plain_text or "")
    chat.emulator.user_sends_media(chat.chat_id, "my squat from today")
    assert "I can only read text" in ((await chat.settle(1))[0].plain_text or "")


async def test_typed_answers_meet_the_gate_and_the_question_stays_open(harness: Harness) -> None:
    """A red flag typed while a setup question is open is answered first; the question waits."""
    chat = harness.chat()
    await chat.send("/start")
    await chat.send("I agree")
    for answer in TYPED_ANSWERS[:4]:
        await chat.send(answer)
    assert "What do you weigh?" in chat.last_text()
    text = (await chat.send("a crack heard on landing and I can't put weight on it"))[0]
    assert "urgent care" in (text.plain_text or "")
    for answer in TYPED_ANSWERS[4:]:
        await chat.send(answer)
    assert "You're all set" in chat.last_text()


async def test_medication_question_typed_at_the_anastrozole_question(harness: Harness) -> None:
    """At the anastrozole question, "should I come off it?" goes to the prescriber; "no" is read."""
    chat = harness.chat()
    await chat.send("/start")
    await chat.send("I agree")
    for answer in TYPED_ANSWERS[:6]:
        await chat.send(answer)
    assert "anastrozole" in chat.last_text().lower()
    text = (await chat.send("should I come off anastrozole?"))[0].plain_text or ""
    assert PRESCRIBER in text
    for answer in TYPED_ANSWERS[6:]:
        await chat.send(answer)
    assert "You're all set" in chat.last_text()


async def test_an_edited_message_meets_the_gate(harness: Harness) -> None:
    """Editing a message into a red-flag report gets the urgent message."""
    chat = harness.chat()
    await onboard(chat)
    sent = chat.emulator.user_sends(chat.chat_id, "thanks coach")
    await chat.settle(1)
    chat.emulator.user_edits(chat.chat_id, sent.message_id, "thanks. coughing up blood today")
    assert EMERGENCY in ((await chat.settle(1))[0].plain_text or "")


async def _asks(chat: Chat, text: str) -> str:
    return (await chat.send(text))[0].plain_text or ""


async def test_medication_questions_go_to_the_prescriber(harness: Harness) -> None:
    """Stop, come off, switch, replace, start, every other day: the prescriber, never a lesson."""
    chat = harness.chat()
    await onboard(chat)
    for text in (
        "/ask my e2 is 8, should I come off the AI?",
        "should I come off anastrozole?",
        "do I still need anastrozole if I lift heavy?",
        "drop the adex",
        "switch to letrozole",
        "replace with DIM",
        "/ask start fosamax",
        "every other day instead",
        "is this dose ok?",
    ):
        reply = await _asks(chat, text)
        assert PRESCRIBER in reply, text
        assert _lesson_free(reply), text
        assert "flagged urgent" not in reply, text


async def test_after_an_urgent_estradiol_the_prescriber_reply_names_it(harness: Harness) -> None:
    """After an urgent-low estradiol, a dose question names that result and says promptly."""
    chat = harness.chat()
    await onboard(chat)
    await chat.send("/lab e2 9 pg/mL")
    reply = await _asks(chat, "should I take less anastrozole since my E2 is 9?")
    assert PRESCRIBER in reply
    assert "Your latest estradiol (9 pg/mL on 2 Mar) was flagged urgent" in reply
    assert "promptly" in reply and "never change your dose on your own" in reply
    assert "next visit" not in reply
    await chat.send("/lab e2 25 pg/mL 2026-03-02")
    reply = await _asks(chat, "/ask can I skip my adex today?")
    assert PRESCRIBER in reply and "flagged urgent" not in reply


async def test_learning_questions_about_medicines_still_find_lessons(harness: Harness) -> None:
    """ "Why does anastrozole hurt bone?" is a learning question: a lesson, not the prescriber."""
    chat = harness.chat()
    await onboard(chat)
    for text in ("/ask why does anastrozole hurt bone?", "what does estradiol do?"):
        replies = await chat.send(text, expect=1)
        reply = replies[0].plain_text or ""
        assert PRESCRIBER not in reply, text
        assert EMERGENCY not in reply, text


# Reports the rules miss and the second opinion (bot/domain/red_flags/second_opinion.py)
# catches: phrasings from the blind gate sets that no rule was ever written for.
RULES_MISS_CLOT = (
    "My lower leg has gone all red and swollen and it aches deep in the muscle. Only the right one."
)
RULES_MISS_DIZZY = "been dizzy on and off for days, almost lost balance at the gym"


def test_the_journey_phrases_are_ones_the_rules_miss() -> None:
    """The next two journeys test the second opinion: the rules alone pass these over."""
    rules_only = load_red_flags(model=None)
    assert detect(RULES_MISS_CLOT, rules_only) is None
    assert detect(RULES_MISS_DIZZY, rules_only) is None


async def test_a_clot_sign_the_rules_miss_still_gets_the_emergency_message(
    harness: Harness,
) -> None:
    """Typed text only the second opinion recognises gets the clot message, pauses the day's
    prompts and is stored as a red-flag event of that kind, without his words."""
    chat = harness.chat()
    await onboard(chat)
    text = (await chat.send(RULES_MISS_CLOT))[0].plain_text or ""
    assert EMERGENCY in text and "clot" in text
    assert (await stored_user(harness)).status == UserStatus.PAUSED
    events = await red_flag_events(harness)
    assert [e.kind for e in events] == ["leg_clot_signs"]


async def test_ask_with_symptoms_the_rules_miss_goes_to_the_prescriber(harness: Harness) -> None:
    """/ask with persistent dizziness in words the rules miss gets the prescriber message, not a
    lesson."""
    chat = harness.chat()
    await onboard(chat)
    text = (await chat.send(f"/ask {RULES_MISS_DIZZY}"))[0].plain_text or ""
    assert "contact your prescriber promptly" in text
    assert _lesson_free(text)
    assert [e.kind for e in await red_flag_events(harness)] == ["prescriber_symptoms"]
