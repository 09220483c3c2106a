"""/help, /pause, /resume, /stop, unknown input and errors, end to end."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from harness import Harness
from onboarded import onboard, stored_user

from bot.db.models import UserStatus
from bot.services import profile


async def test_command_menu_is_published_at_start(harness: Harness) -> None:
    """setMyCommands runs at start with the everyday commands."""
    names = [command["command"] for command in harness.emulator.commands]
    assert {"start", "help", "settings", "pause", "resume", "stop"} <= set(names)


async def test_help_lists_commands_and_the_disclaimer(harness: Harness) -> None:
    """/help names the commands and says the bot is not a doctor."""
    chat = harness.chat()
    replies = await chat.send("/help")
    text = replies[0].plain_text or ""
    assert "/settings" in text
    assert "/pause" in text
    assert "not a doctor" in text


async def test_timed_pause_ends_by_itself(harness: Harness) -> None:
    """/pause 3 days pauses; once the clock passes that, a tick resumes and tells him."""
    chat = harness.chat()
    await onboard(chat)
    replies = await chat.send("/pause 3 days")
    assert "Paused until" in (replies[0].plain_text or "")
    assert (await stored_user(harness)).status == UserStatus.PAUSED
    assert harness.app is not None
    harness.clock.advance(timedelta(days=2))
    await harness.app.bot_data.ticker.tick()
    assert (await stored_user(harness)).status == UserStatus.PAUSED
    harness.clock.advance(timedelta(days=1, minutes=1))
    await harness.app.bot_data.ticker.tick()
    new = await chat.settle(1)
    assert any("pause is over" in (m.plain_text or "") for m in new)
    assert (await stored_user(harness)).status == UserStatus.ACTIVE


async def test_pause_resume_and_stop(harness: Harness) -> None:
    """/pause without an end waits for /resume; /stop stops until /start."""
    chat = harness.chat()
    await onboard(chat)
    await chat.send("/pause")
    assert "until you send /resume" in chat.last_text()
    await chat.send("/resume")
    assert (await stored_user(harness)).status == UserStatus.ACTIVE
    await chat.send("/stop")
    assert (await stored_user(harness)).status == UserStatus.STOPPED
    await chat.send("/start", expect=2)
    assert (await stored_user(harness)).status == UserStatus.ACTIVE


async def test_bad_pause_length_changes_nothing(harness: Harness) -> None:
    """/pause forever-ish gets a clear message; he stays active."""
    chat = harness.chat()
    await onboard(chat)
    replies = await chat.send("/pause 900 years")
    assert "Nothing was changed" in (replies[0].plain_text or "")
    assert (await stored_user(harness)).status == UserStatus.ACTIVE


@pytest.mark.parametrize("text", ["/frobnicate", "/start@OtherBot extra", "/" + "x" * 500])
async def test_unknown_commands_get_a_short_helpful_answer(harness: Harness, text: str) -> None:
    """An unknown command is answered with a pointer to /help, never silence."""
    chat = harness.chat()
    replies = await chat.send(text)
    assert "/help" in (replies[0].plain_text or "")
    assert len(replies[0].plain_text or "") < 200


@pytest.mark.parametrize(
    "text", ["hello there", "<b>not html</b> & stuff", "🦴" * 1000, "x" * 4096, "\u202e\u0000odd"]
)
async def test_free_text_with_nothing_open_gets_a_pointer(harness: Harness, text: str) -> None:
    """Free text that nothing handles gets a short answer, whatever it contains."""
    chat = harness.chat()
    await onboard(chat)
    replies = await chat.send(text)
    assert "/help" in (replies[0].plain_text or "")


async def test_huge_answer_to_a_question_gets_a_retry(harness: Harness) -> None:
    """A 4096-character answer is refused politely without echoing it back."""
    chat = harness.chat()
    await chat.send("/start")
    await chat.send("I agree")
    replies = await chat.send("Berlin" * 682)
    assert len(replies[0].plain_text or "") < 300
    assert (await stored_user(harness)).timezone is None


async def test_group_messages_get_no_reply(harness: Harness) -> None:
    """The bot talks only in private chats: a group /start is ignored."""
    harness.emulator.user_sends(-100123, "/start", chat_type="group", user_id=777)
    harness.emulator.user_sends(5001, "/help")
    chat = harness.chat()
    await chat.settle(1)
    assert harness.emulator.bot_messages(-100123) == []


async def test_a_failing_handler_answers_politely_and_the_bot_goes_on(
    harness: Harness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """An exception is logged without the message text, he gets an apology, next update works."""

    async def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("database on fire")

    monkeypatch.setattr(profile, "give_consent", broken)
    monkeypatch.setattr("handlers.onboarding.give_consent", broken)
    chat = harness.chat()
    await chat.send("/start")
    with caplog.at_level(logging.INFO):
        replies = await chat.send("I agree secret-words")
        replies = await chat.send("I agree")
    assert "something went wrong" in (replies[0].plain_text or "")
    ours = "\n".join(
        f"{r.getMessage()} {r.exc_text or ''}"
        for r in caplog.records
        if r.name.startswith("bonecoach")
    )
    assert "RuntimeError" in ours
    assert "I agree" not in ours
    assert "secret-words" not in ours
    assert harness.emulator.token not in ours
    monkeypatch.undo()
    await chat.send("/help")
    assert "/settings" in chat.last_text()


async def test_blocked_user_is_marked_and_start_brings_him_back(harness: Harness) -> None:
    """A 403 on a reply marks him blocked; his next /start reactivates him."""
    chat = harness.chat()
    await onboard(chat)
    harness.emulator.block(5001)
    harness.emulator.user_sends(5001, "/help")
    await harness.emulator.wait_for(lambda: bool(harness.emulator.rejected), timeout=5)
    await chat.settle(0)
    assert harness.emulator.rejected[0].error_code == 403
    harness.emulator.rejected.clear()
    assert (await stored_user(harness)).status == UserStatus.BLOCKED
    harness.emulator.unblock(5001)
    await chat.send("/start", expect=2)
    assert (await stored_user(harness)).status == UserStatus.ACTIVE


async def test_stats_for_admins_only(harness: Harness) -> None:
    """/stats answers an admin with numbers; anyone else gets the unknown-command answer."""
    chat = harness.chat()
    await onboard(chat)
    reply = (await chat.send("/stats"))[0].plain_text or ""
    assert "I don't know /stats" in reply
    assert harness.app is not None
    harness.app.bot_data.resources.settings.admin_ids = frozenset({5001})
    reply = (await chat.send("/stats"))[0].plain_text or ""
    assert "BoneCoach stats" in reply
    assert "active 1" in reply


async def test_broadcast_confirmed_reaches_every_active_user_once(harness: Harness) -> None:
    """An admin's broadcast waits for confirmation, then each active user gets it once."""
    admin, other = harness.chat(5001), harness.chat(5002)
    await onboard(admin)
    await onboard(other)
    assert harness.app is not None
    harness.app.bot_data.resources.settings.admin_ids = frozenset({5001})
    reply = (await other.send("/broadcast hello"))[0].plain_text or ""
    assert "I don't know" in reply
    await admin.send("/broadcast Clinic closed <Monday> & Tuesday")
    assert "Preview" in admin.last_text()
    assert other.bot_messages()[-1].plain_text == reply  # nothing sent before confirming
    await admin.tap("Send to 2 users", expect=1)
    await harness.app.bot_data.ticker.tick()
    await admin.settle(0)
    for chat in (admin, other):
        got = [m for m in chat.bot_messages() if m.plain_text == "Clinic closed <Monday> & Tuesday"]
        assert len(got) == 1
    assert any(
        "Broadcast finished: 2 of 2 sent" in (m.plain_text or "") for m in admin.bot_messages()
    )
