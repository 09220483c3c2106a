"""Onboarding end to end: the real bot over HTTP against the emulator, as a user sees it."""

from __future__ import annotations

from harness import Chat, Harness
from onboarded import stored

from bot.db.models import UserStatus


async def consent(chat: Chat) -> None:
    """/start and tap I agree: the first question arrives."""
    welcome = await chat.send("/start")
    assert "Welcome to BoneCoach" in (welcome[0].plain_text or "")
    assert "not a doctor" in (welcome[0].plain_text or "")
    new = await chat.tap("I agree")
    assert "Which time zone" in (new[-1].plain_text or "")


async def test_nothing_is_stored_before_consent(harness: Harness) -> None:
    """/start shows the terms; declining stores nothing and says so."""
    chat = harness.chat()
    await chat.send("/start")
    assert await stored(harness) is None
    await chat.tap("Not now", expect=0)
    assert "nothing has been stored" in chat.last_text()
    assert await stored(harness) is None


async def test_onboarding_by_tapping_buttons(harness: Harness) -> None:
    """A user completes every step with taps only, and the profile is stored."""
    chat = harness.chat()
    await consent(chat)
    await chat.tap("Berlin / Paris")
    assert "Europe/Berlin" in chat.bot_messages()[-2].plain_text  # the answered question
    assert "training prompt" in chat.last_text()
    await chat.tap("07:00")
    assert "nutrition check-in" in chat.last_text()
    await chat.tap("20:00")
    await chat.tap("Mon · Wed · Fri", expect=0)
    assert "Done (3 days)" in chat.buttons()
    await chat.tap("Done (3 days)")
    assert "What do you weigh" in chat.last_text()
    await chat.tap("+1", expect=0)
    await chat.tap("✅ 81 kg")
    await chat.tap("50–59")
    await chat.tap("Yes, I take it")
    assert "When did you start" in chat.last_text()
    await chat.tap("1–3 months ago")
    await chat.tap("nmol/L")
    assert "Step 9 of 9" in chat.last_text()
    assert "osteoporosis" in chat.last_text()
    done = await chat.tap("None of these")
    assert "You're all set" in (done[-1].plain_text or "")
    user = await stored(harness)
    assert user is not None
    assert user.status == UserStatus.ACTIVE
    assert user.timezone == "Europe/Berlin"
    assert user.training_time is not None and user.training_time.strftime("%H:%M") == "07:00"
    assert user.training_days_mask == 0b10101
    assert user.weight_kg == 81
    assert user.age_band == "50-59"
    assert user.anastrozole_since is not None and user.anastrozole_since_approx
    assert user.lab_units == "si"
    assert user.screened_on is not None and user.screen_findings == ""


async def test_onboarding_by_typing(harness: Harness) -> None:
    """A user completes every step by typing, including typed consent."""
    chat = harness.chat()
    await chat.send("/start")
    await chat.send("I agree")
    assert "Which time zone" in chat.last_text()
    for answer, next_prompt in [
        ("Berlin", "training prompt"),
        ("7:30", "nutrition check-in"),
        ("8pm", "Which days"),
        ("mon wed fri", "What do you weigh"),
        ("182 lb", "How old"),
        ("52", "anastrozole"),
        ("yes", "When did you start"),
        ("March 2025", "units"),
        ("SI", "osteoporosis"),
    ]:
        await chat.send(answer)
        assert next_prompt in chat.last_text(), (answer, chat.last_text())
    await chat.send("none")
    assert "You're all set" in chat.last_text()
    user = await stored(harness)
    assert user is not None
    assert user.nutrition_time is not None and user.nutrition_time.strftime("%H:%M") == "20:00"
    assert user.weight_unit == "lb"
    assert user.weight_kg is not None and abs(user.weight_kg - 82.55) < 0.01
    assert user.anastrozole_since is not None and not user.anastrozole_since_approx


async def test_bad_answers_at_every_step_get_a_retry_and_change_nothing(harness: Harness) -> None:
    """Each question refuses nonsense with a helpful message and keeps waiting for an answer."""
    chat = harness.chat()
    await chat.send("/start")
    await chat.send("I agree")
    steps = [
        (["Qwxzyville", "", "?!"], "Berlin", "time zone"),
        (["25:99", "whenever"], "07:00", "07:30"),
        (["noonish", "7:61"], "21:00", "07:30"),
        (["someday", "none"], "tue thu", "mon wed"),
        (["9000 kg", "82", "-5 kg"], "80 kg", "kg"),
        (["12", "two hundred", "250"], "45", "age"),
        (["purple"], "no", "yes"),
        (["klingon"], "ng/mL", "SI"),
        (["maybe"], "none", "none"),
    ]
    for bads, good, example in steps:
        for bad in bads:
            if not bad:
                continue
            before = await stored(harness)
            assert before is not None
            retry = await chat.send(bad)
            assert len(retry) == 1
            assert example.lower() in (retry[0].plain_text or "").lower(), (
                bad,
                retry[0].plain_text,
            )
            after = await stored(harness)
            assert after is not None
            assert after.model_dump() == before.model_dump()
        await chat.send(good)
    assert "You're all set" in chat.last_text()


async def test_onboarding_survives_a_restart(harness: Harness) -> None:
    """After a restart mid-way, /start picks up at the same question and answers still count."""
    chat = harness.chat()
    await consent(chat)
    await chat.send("London")
    await chat.send("06:45")
    await harness.restart()
    resumed = await chat.send("/start")
    assert "pick up where we left off" in (resumed[0].plain_text or "")
    assert "nutrition check-in" in (resumed[0].plain_text or "")
    await chat.send("19:00")
    assert "Which days" in chat.last_text()
    user = await stored(harness)
    assert user is not None
    assert user.timezone == "Europe/London"


async def test_a_stale_button_is_refused_and_changes_nothing(harness: Harness) -> None:
    """Tapping an old question's button after it was answered says so and stores nothing."""
    chat = harness.chat()
    await consent(chat)
    question = chat.last()
    await chat.send("Tokyo")
    data = question.reply_markup["inline_keyboard"][0][0]["callback_data"]  # type: ignore[index]
    harness.emulator.user_presses(chat.chat_id, question.message_id, data)
    await chat.settle(0)
    await harness.emulator.wait_for(lambda: len(harness.emulator.callback_answers(5001)) >= 2)
    assert harness.emulator.callback_answers(5001)[-1] == "This question is no longer active."
    user = await stored(harness)
    assert user is not None
    assert user.timezone == "Asia/Tokyo"


async def test_double_consent_tap_starts_onboarding_once(harness: Harness) -> None:
    """Two quick taps on I agree create one user and ask the first question once."""
    chat = harness.chat()
    await chat.send("/start")
    welcome = chat.last()
    data = welcome.reply_markup["inline_keyboard"][0][0]["callback_data"]  # type: ignore[index]
    harness.emulator.user_presses(chat.chat_id, welcome.message_id, data)
    harness.emulator.user_presses(chat.chat_id, welcome.message_id, data)
    await chat.settle(1)
    questions = [m for m in chat.bot_messages() if "Which time zone" in (m.plain_text or "")]
    assert len(questions) == 1


async def test_shared_location_sets_the_time_zone(harness: Harness) -> None:
    """Share-location asks for a location and resolves it offline to a zone."""
    chat = harness.chat()
    await consent(chat)
    await chat.tap("Share my location")
    assert "Send my location" in str(chat.last().reply_markup)
    harness.emulator.user_shares_location(chat.chat_id, 48.86, 2.35)
    await chat.settle(2)
    assert "Europe/Paris" in chat.bot_messages()[-2].plain_text
    assert "training prompt" in chat.last_text()
