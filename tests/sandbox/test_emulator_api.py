"""The emulator speaks the Bot API to the real python-telegram-bot client."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest
from telegram import (
    Bot,
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
)
from telegram.error import BadRequest, Conflict, EndPointNotFound, InvalidToken
from telegram.ext import CallbackContext, CommandHandler
from telegram.request import HTTPXRequest

from bot.sandbox.emulator import BotApiEmulator

CHAT = 4242


async def test_get_me_describes_the_bot(bot: Bot) -> None:
    """getMe returns the bot user with the id from the token and the configured username."""
    me = await bot.get_me()
    assert (me.id, me.is_bot, me.username, me.first_name) == (
        123456,
        True,
        "BoneCoachBot",
        "BoneCoach",
    )


async def test_wrong_token_is_unauthorized(
    emu: BotApiEmulator, new_request: Callable[[], HTTPXRequest]
) -> None:
    """A request with another token is answered 401 Unauthorized and recorded."""
    other = Bot(
        "999:WRONG",
        base_url=f"{emu.base_url}/bot",
        request=new_request(),
    )
    with pytest.raises(InvalidToken):
        await other.initialize()
    await other.shutdown()
    assert [(r.error_code, r.description) for r in emu.rejected] == [(401, "Unauthorized")]


async def test_unknown_method_is_404(emu: BotApiEmulator, bot: Bot) -> None:
    """An unknown method gets 404 Not Found; method names are case-insensitive."""
    with pytest.raises(EndPointNotFound):
        await bot.do_api_request("sendTelepathy")
    me = await bot.do_api_request("GETME")
    assert me["username"] == "BoneCoachBot"
    assert [(r.method, r.error_code) for r in emu.rejected] == [("sendTelepathy", 404)]
    assert emu.call_counts["getMe"] == 2  # initialize() and GETME


async def test_get_updates_confirms_with_offset(emu: BotApiEmulator, bot: Bot) -> None:
    """Updates stay until getUpdates is called with a higher offset."""
    for text in ("one", "two", "three"):
        emu.user_sends(CHAT, text)
    first = await bot.get_updates()
    assert [u.message.text for u in first if u.message] == ["one", "two", "three"]
    assert len(await bot.get_updates()) == 3  # not confirmed yet
    assert await bot.get_updates(offset=first[-1].update_id + 1) == ()
    assert emu.pending_updates == []


async def test_get_updates_negative_offset_keeps_the_last(emu: BotApiEmulator, bot: Bot) -> None:
    """A negative offset returns the last -offset updates and forgets the earlier ones."""
    for text in ("one", "two", "three"):
        emu.user_sends(CHAT, text)
    last = await bot.get_updates(offset=-1)
    assert [u.message.text for u in last if u.message] == ["three"]
    assert len(emu.pending_updates) == 1


async def test_get_updates_limit(emu: BotApiEmulator, bot: Bot) -> None:
    """limit caps the number of updates returned."""
    for n in range(5):
        emu.user_sends(CHAT, f"m{n}")
    assert len(await bot.get_updates(limit=2)) == 2


async def test_long_poll_wakes_on_a_new_update(emu: BotApiEmulator, bot: Bot) -> None:
    """A long poll returns as soon as the user writes, not at its timeout."""
    poll = asyncio.create_task(bot.get_updates(timeout=10))
    await emu.wait_for(lambda: emu.call_counts["getUpdates"] == 1)
    await asyncio.sleep(0.02)
    assert not poll.done()
    emu.user_sends(CHAT, "wake up")
    updates = await asyncio.wait_for(poll, 2)
    assert updates[0].message is not None and updates[0].message.text == "wake up"


async def test_allowed_updates_filters_new_updates(emu: BotApiEmulator, bot: Bot) -> None:
    """allowed_updates is remembered and drops update kinds the bot did not ask for."""
    await bot.get_updates(allowed_updates=["callback_query"])
    emu.user_sends(CHAT, "ignored")
    assert emu.pending_updates == []


async def test_commands_carry_a_bot_command_entity(emu: BotApiEmulator, bot: Bot) -> None:
    """'/start@BoneCoachBot x' has a bot_command entity PTB's CommandHandler accepts."""
    emu.user_sends(CHAT, "/start@BoneCoachBot now")
    emu.user_sends(CHAT, "no command here")
    with_cmd, without = await bot.get_updates()
    assert with_cmd.message and without.message
    entity = with_cmd.message.entities[0]
    assert (entity.type, entity.offset, entity.length) == ("bot_command", 0, 19)
    assert without.message.entities == ()

    async def callback(update: Update, context: CallbackContext) -> None:  # type: ignore[type-arg]
        return None

    handler = CommandHandler("start", callback)
    assert handler.check_update(with_cmd)
    assert not handler.check_update(without)


async def test_user_message_update_shape(emu: BotApiEmulator, bot: Bot) -> None:
    """A user message has a private chat, a human sender and increasing message ids."""
    first = emu.user_sends(CHAT, "hi", first_name="Ann")
    reply = await bot.send_message(CHAT, "hello")
    (update,) = await bot.get_updates()
    msg = update.message
    assert msg is not None and msg.from_user is not None
    assert (msg.chat.id, msg.chat.type, msg.chat.first_name) == (CHAT, "private", "Ann")
    assert (msg.from_user.id, msg.from_user.is_bot, msg.from_user.language_code) == (
        CHAT,
        False,
        "en",
    )
    assert (first.message_id, reply.message_id) == (1, 2)
    assert [m.from_bot for m in emu.messages(CHAT)] == [False, True]


async def test_location_edit_and_channel_updates_parse(emu: BotApiEmulator, bot: Bot) -> None:
    """Location, edited_message, channel_post and my_chat_member updates parse in PTB."""
    emu.user_shares_location(CHAT, 52.52, 13.40)
    text = emu.user_sends(CHAT, "typo")
    emu.user_edits(CHAT, text.message_id, "fixed")
    emu.user_sends(-100777, "news", chat_type="channel", title="Bone news")
    emu.block(CHAT)
    loc, _, edited, post, member = await bot.get_updates()
    assert loc.message and loc.message.location and loc.message.location.latitude == 52.52
    assert edited.edited_message and edited.edited_message.text == "fixed"
    assert post.channel_post and post.channel_post.chat.title == "Bone news"
    assert member.my_chat_member and member.my_chat_member.new_chat_member.status == "kicked"


async def test_user_photo_and_document_carry_their_captions(emu: BotApiEmulator, bot: Bot) -> None:
    """A photo or document the user sends parses in PTB with its file and its caption."""
    emu.user_sends_media(CHAT, "my squat")
    emu.user_sends_media(CHAT, "lab report", kind="document")
    emu.user_sends_media(CHAT, None)
    photo, document, bare = await bot.get_updates()
    assert photo.message and photo.message.photo and photo.message.caption == "my squat"
    assert document.message and document.message.document
    assert document.message.caption == "lab report"
    assert bare.message and bare.message.photo and bare.message.caption is None
    with pytest.raises(ValueError, match="kind"):
        emu.user_sends_media(CHAT, "x", kind="voice")


async def test_button_press_and_answer(emu: BotApiEmulator, bot: Bot) -> None:
    """Pressing a button yields a callback_query with the message; the answer is recorded."""
    emu.user_sends(CHAT, "/start")
    keyboard = InlineKeyboardMarkup(
        [
            [InlineKeyboardButton("Yes", callback_data="yes")],
            [InlineKeyboardButton("No", callback_data="no")],
        ]
    )
    sent = await bot.send_message(CHAT, "Took your pill?", reply_markup=keyboard)
    query_id = emu.user_presses_button(CHAT, 1)
    updates = await bot.get_updates()
    query = updates[-1].callback_query
    assert query is not None and query.id == query_id and query.data == "no"
    assert isinstance(query.message, Message) and query.message.message_id == sent.message_id
    assert query.message.reply_markup == keyboard
    assert await bot.answer_callback_query(query_id, text="Noted")
    assert emu.callback_answers(CHAT) == ["Noted"]
    assert emu.user_presses_button(CHAT, "Yes") != query_id


async def test_press_without_keyboard_raises_lookup_error(emu: BotApiEmulator) -> None:
    """user_presses_button needs a bot message with an inline keyboard."""
    emu.user_sends(CHAT, "hi")
    with pytest.raises(LookupError):
        emu.user_presses_button(CHAT, "Yes")


async def test_forged_callback_data_is_delivered(emu: BotApiEmulator, bot: Bot) -> None:
    """user_presses sends any data, even data no button carries."""
    emu.user_sends(CHAT, "hi")
    sent = await bot.send_message(CHAT, "plain")
    emu.user_presses(CHAT, sent.message_id, "forged:1")
    updates = await bot.get_updates()
    assert updates[-1].callback_query and updates[-1].callback_query.data == "forged:1"


async def test_set_my_commands(emu: BotApiEmulator, bot: Bot) -> None:
    """setMyCommands stores valid commands; getMyCommands and deleteMyCommands follow."""
    commands = [BotCommand("start", "Begin"), BotCommand("dose_log", "Log a dose")]
    assert await bot.set_my_commands(commands)
    assert emu.commands == [
        {"command": "start", "description": "Begin"},
        {"command": "dose_log", "description": "Log a dose"},
    ]
    assert await bot.get_my_commands() == tuple(commands)
    assert await bot.delete_my_commands()
    assert await bot.get_my_commands() == ()


@pytest.mark.parametrize(
    ("command", "description"),
    [
        ("Start", "Begin"),
        ("x" * 33, "Begin"),
        ("with-dash", "Begin"),
        ("start", ""),
        ("start", "d" * 257),
    ],
)
async def test_set_my_commands_rejects_invalid(
    emu: BotApiEmulator, bot: Bot, command: str, description: str
) -> None:
    """Commands must be 1-32 of a-z0-9_ with a 1-256 character description."""
    with pytest.raises(BadRequest):
        await bot.set_my_commands([BotCommand(command, description)])
    assert emu.rejected[-1].method == "setMyCommands"


async def test_chat_action_and_delete(emu: BotApiEmulator, bot: Bot) -> None:
    """sendChatAction checks the action; deleteMessage removes a message once."""
    emu.user_sends(CHAT, "hi")
    assert await bot.send_chat_action(CHAT, "typing")
    with pytest.raises(BadRequest, match=r"(?i)wrong parameter action"):
        await bot.send_chat_action(CHAT, "dancing")
    sent = await bot.send_message(CHAT, "oops")
    assert await bot.delete_message(CHAT, sent.message_id)
    assert emu.bot_messages(CHAT) == []
    with pytest.raises(BadRequest, match=r"(?i)message to delete not found"):
        await bot.delete_message(CHAT, sent.message_id)


async def test_second_poller_terminates_the_first(emu: BotApiEmulator, bot: Bot) -> None:
    """Two concurrent getUpdates: the earlier one gets 409 'terminated by other getUpdates'."""
    first = asyncio.create_task(bot.get_updates(timeout=5))
    await emu.wait_for(lambda: emu.call_counts["getUpdates"] == 1)
    second = asyncio.create_task(bot.get_updates(timeout=0))
    with pytest.raises(Conflict, match="terminated by other getUpdates request"):
        await first
    assert await second == ()
