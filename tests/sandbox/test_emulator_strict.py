"""The emulator rejects what Telegram rejects, with Telegram's errors."""

from __future__ import annotations

import datetime as dtm
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, ReplyKeyboardMarkup
from telegram.error import BadRequest, Forbidden, RetryAfter

from bot.sandbox.emulator import BotApiEmulator, ManualClock

Connect = Callable[..., Awaitable[tuple[BotApiEmulator, Bot]]]


async def raw_call(emu: BotApiEmulator, method: str, **params: Any) -> dict[str, Any]:
    """Call the emulator without PTB: a JSON body, the way other clients may send it."""
    async with aiohttp.ClientSession() as session:
        url = f"{emu.base_url}/bot{emu.token}/{method}"
        async with session.post(url, json=params) as response:
            body: dict[str, Any] = await response.json()
            assert response.status == body.get("error_code", 200)
            return body


CHAT = 4242
NOT_MODIFIED = "(?i)message is not modified: specified new message content and reply markup"
STALE = "(?i)query is too old and response timeout expired or query ID is invalid"


def keyboard(*data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(d, callback_data=d)] for d in data])


async def test_chat_burst_passes_then_429(connect: Connect, clock: ManualClock) -> None:
    """Ten quick messages to one chat pass, the eleventh gets 429 retry_after 1, later it passes."""
    emu, bot = await connect(chat_rate=1.0, chat_burst=10)
    emu.user_sends(CHAT, "hi")
    for n in range(10):
        await bot.send_message(CHAT, f"burst {n}")
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(CHAT, "one too many")
    assert caught.value.retry_after == dtm.timedelta(seconds=1)
    rejected = emu.rejected[-1]
    assert (rejected.error_code, rejected.description) == (429, "Too Many Requests: retry after 1")
    clock.advance(1.0)
    await bot.send_message(CHAT, "after waiting")
    assert len(emu.bot_messages(CHAT)) == 11


async def test_sustained_chat_rate_is_one_per_second(connect: Connect, clock: ManualClock) -> None:
    """Once the burst is spent a chat gets one message per second."""
    emu, bot = await connect(chat_rate=1.0, chat_burst=2)
    emu.user_sends(CHAT, "hi")
    await bot.send_message(CHAT, "a")
    await bot.send_message(CHAT, "b")
    clock.advance(0.5)
    with pytest.raises(RetryAfter):
        await bot.send_message(CHAT, "c")
    clock.advance(0.5)
    await bot.send_message(CHAT, "c")


async def test_global_rate_429_across_chats(connect: Connect, clock: ManualClock) -> None:
    """More sends per second than global_rate, spread over chats, get 429."""
    emu, bot = await connect(global_rate=5.0)
    for chat in range(1, 7):
        emu.user_sends(chat, "hi")
    for chat in range(1, 6):
        await bot.send_message(chat, "broadcast")
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(6, "broadcast")
    assert caught.value.retry_after == dtm.timedelta(seconds=1)
    clock.advance(0.2)
    await bot.send_message(6, "broadcast")


async def test_edits_are_not_rate_limited_and_limits_can_be_off(connect: Connect) -> None:
    """Edits do not use the send budget; rate_limits=False lifts all limits."""
    emu, bot = await connect(chat_burst=1)
    emu.user_sends(CHAT, "hi")
    sent = await bot.send_message(CHAT, "v0")
    for n in range(1, 4):
        await bot.edit_message_text(f"v{n}", CHAT, sent.message_id)
    free_emu, free_bot = await connect(rate_limits=False, global_rate=1.0, chat_burst=1)
    free_emu.user_sends(CHAT, "hi")
    for n in range(20):
        await free_bot.send_message(CHAT, f"free {n}")
    assert free_emu.rejected == [] and emu.rejected == []


async def test_blocked_user_gets_403(emu: BotApiEmulator, bot: Bot) -> None:
    """After block() sends, edits and chat actions get 403; unblock() restores them."""
    emu.user_sends(CHAT, "hi")
    sent = await bot.send_message(CHAT, "before")
    emu.block(CHAT)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(CHAT, "after")
    with pytest.raises(Forbidden):
        await bot.edit_message_text("edit", CHAT, sent.message_id)
    with pytest.raises(Forbidden):
        await bot.send_chat_action(CHAT, "typing")
    assert {r.error_code for r in emu.rejected} == {403}
    emu.unblock(CHAT)
    await bot.send_message(CHAT, "welcome back")


async def test_unknown_chat_is_not_found(emu: BotApiEmulator, bot: Bot) -> None:
    """A chat that never wrote to the bot is 'chat not found'."""
    with pytest.raises(BadRequest, match=r"(?i)^chat not found$"):
        await bot.send_message(999, "hello?")
    assert emu.rejected[0].description == "Bad Request: chat not found"


@pytest.mark.parametrize(
    "text",
    ["a" * 4096, "<b>" + "a" * 4096 + "</b>", "&amp;" * 4096, "<i>x</i>" * 4096],
)
async def test_text_of_4096_after_parsing_passes(emu: BotApiEmulator, bot: Bot, text: str) -> None:
    """4096 visible characters pass however long the HTML source is."""
    emu.user_sends(CHAT, "hi")
    sent = await bot.send_message(CHAT, text, parse_mode="HTML")
    assert len(sent.text or "") == 4096


@pytest.mark.parametrize("text", ["a" * 4097, "<b>" + "a" * 4097 + "</b>", "&amp;" * 4097])
async def test_text_over_4096_after_parsing_fails(emu: BotApiEmulator, bot: Bot, text: str) -> None:
    """4097 visible characters are 'message is too long'."""
    emu.user_sends(CHAT, "hi")
    with pytest.raises(BadRequest, match=r"(?i)^message is too long$"):
        await bot.send_message(CHAT, text, parse_mode="HTML")


@pytest.mark.parametrize("text", ["", "   ", "<b></b>"])
async def test_empty_text_fails(emu: BotApiEmulator, bot: Bot, text: str) -> None:
    """A text that shows nothing is 'message text is empty'."""
    emu.user_sends(CHAT, "hi")
    with pytest.raises(BadRequest, match=r"(?i)^message text is empty$"):
        await bot.send_message(CHAT, text, parse_mode="HTML")


async def test_caption_limit_counts_after_parsing(emu: BotApiEmulator, bot: Bot) -> None:
    """A caption may show 1024 characters; 1025 is 'message caption is too long'."""
    emu.user_sends(CHAT, "hi")
    photo = b"\x89PNG\r\n\x1a\n" + b"\0" * 16
    await bot.send_photo(CHAT, photo, caption="<i>" + "x" * 1024 + "</i>", parse_mode="HTML")
    with pytest.raises(BadRequest, match=r"(?i)^message caption is too long$"):
        await bot.send_photo(CHAT, photo, caption="x" * 1025)
    with pytest.raises(BadRequest, match=r"(?i)^message caption is too long$"):
        await bot.send_document(CHAT, b"data", filename="d.txt", caption="y" * 1025)


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("a < b", 'unsupported start tag "" at byte offset 2'),
        ("<p>para</p>", 'unsupported start tag "p" at byte offset 0'),
        ("<b>open", 'can\'t find end tag corresponding to start tag "b"'),
        ("<b><i>x</b></i>", 'unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
        ("x</b>", "unexpected end tag at byte offset 1"),
        ("AT&T", "unsupported html entity at byte offset 2"),
        ("&nbsp;", "unsupported html entity at byte offset 0"),
        ('<span class="red">x</span>', 'tag "span" must have class "tg-spoiler"'),
        ("<b", "unclosed start tag at byte offset 0"),
        ("é<br/>", 'unsupported start tag "br/" at byte offset 2'),
    ],
)
async def test_bad_html_cannot_be_parsed(
    emu: BotApiEmulator, bot: Bot, text: str, error: str
) -> None:
    """Invalid Telegram HTML is 400 "can't parse entities" with tdlib's reason."""
    emu.user_sends(CHAT, "hi")
    with pytest.raises(BadRequest) as caught:
        await bot.send_message(CHAT, text, parse_mode="HTML")
    assert caught.value.message.lower().startswith(f"can't parse entities: {error}".lower())


@pytest.mark.parametrize(
    "text",
    [
        "<b>b</b> <strong>s</strong> <i>i</i> <em>e</em> <u>u</u> <ins>n</ins> <s>s</s>",
        "<strike>s</strike> <del>d</del> <tg-spoiler>t</tg-spoiler>",
        '<span class="tg-spoiler">s</span>',
        '<a href="https://example.org/?a=1&amp;b=2">link</a> <code>c</code>',
        '<pre><code class="language-python">print(1)</code></pre> <pre>p</pre>',
        "<blockquote>q</blockquote> <blockquote expandable>long</blockquote>",
        '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji> &lt;&gt;&amp;&quot; &#39; &#x27;',
        "<B>upper</B> <b>nested <i>fine</i></b> 5 &gt; 3",
    ],
)
async def test_valid_html_passes(emu: BotApiEmulator, bot: Bot, text: str) -> None:
    """Every tag and entity Telegram documents is accepted."""
    emu.user_sends(CHAT, "hi")
    await bot.send_message(CHAT, text, parse_mode="HTML")
    assert emu.rejected == []


async def test_plain_text_and_unknown_parse_mode(emu: BotApiEmulator, bot: Bot) -> None:
    """plain_text is what the user sees; an unknown parse_mode is rejected."""
    emu.user_sends(CHAT, "hi")
    await bot.send_message(CHAT, "<b>Dose</b> &amp; D3 &lt;3", parse_mode="HTML")
    await bot.send_message(CHAT, "a < b & c")  # no parse mode: anything goes
    html, raw = emu.bot_messages(CHAT)
    assert (html.text, html.plain_text) == ("<b>Dose</b> &amp; D3 &lt;3", "Dose & D3 <3")
    assert raw.plain_text == "a < b & c"
    with pytest.raises(BadRequest, match=r"(?i)unsupported parse_mode"):
        await bot.send_message(CHAT, "x", parse_mode="HTML5")


async def test_callback_data_is_limited_to_64_bytes(emu: BotApiEmulator, bot: Bot) -> None:
    """callback_data may have 64 bytes; 65 bytes (or 33 two-byte letters) is BUTTON_DATA_INVALID."""
    emu.user_sends(CHAT, "hi")
    await bot.send_message(CHAT, "ok", reply_markup=keyboard("d" * 64))
    await bot.send_message(CHAT, "ok", reply_markup=keyboard("é" * 32))
    for data in ("d" * 65, "é" * 33):
        with pytest.raises(BadRequest, match=r"(?i)^button_data_invalid$"):
            await bot.send_message(CHAT, "too long", reply_markup=keyboard(data))
    assert [r.description for r in emu.rejected] == ["Bad Request: BUTTON_DATA_INVALID"] * 2


@pytest.mark.parametrize(
    ("markup", "error"),
    [
        ({"inline_keyboard": [{"text": "x", "callback_data": "x"}]}, "can't parse reply keyboard"),
        (
            {"inline_keyboard": [[{"text": "x"}]]},
            "text buttons are unallowed in the inline keyboard",
        ),
        ({"inline_keyboard": [[{"text": "", "callback_data": "x"}]]}, "can't parse reply keyboard"),
        (
            {"inline_keyboard": [[{"text": "x", "callback_data": "x", "url": "https://a.b"}]]},
            "can't parse reply keyboard",
        ),
        ({"keyboard": "yes"}, "can't parse reply keyboard"),
        ({"keyboard": [[{"label": "x"}]]}, "can't parse reply keyboard"),
        ({"remove_keyboard": False}, "can't parse reply keyboard"),
        ({"buttons": []}, "can't parse reply keyboard"),
        ("not json", "can't parse reply keyboard"),
    ],
)
async def test_malformed_markup_is_rejected(
    emu: BotApiEmulator, bot: Bot, markup: object, error: str
) -> None:
    """Markup Telegram cannot read is 400 'can't parse reply keyboard markup JSON object'."""
    emu.user_sends(CHAT, "hi")
    body = await raw_call(emu, "sendMessage", chat_id=CHAT, text="x", reply_markup=markup)
    assert (body["ok"], body["error_code"]) == (False, 400)
    assert body["description"].startswith(f"Bad Request: {error}")
    assert emu.rejected[-1].description == body["description"]


async def test_reply_keyboards_pass_and_edits_need_inline(emu: BotApiEmulator, bot: Bot) -> None:
    """Reply keyboards, remove_keyboard and force_reply pass; edits accept inline only."""
    emu.user_sends(CHAT, "hi")
    sent = await bot.send_message(CHAT, "pick", reply_markup=ReplyKeyboardMarkup([["Yes", "No"]]))
    for markup in ({"remove_keyboard": True}, {"force_reply": True}):
        body = await raw_call(emu, "sendMessage", chat_id=CHAT, text="x", reply_markup=markup)
        assert body["ok"] and "reply_markup" not in body["result"]
    body = await raw_call(
        emu,
        "editMessageText",
        chat_id=CHAT,
        message_id=sent.message_id,
        text="changed",
        reply_markup={"keyboard": [["A"]]},
    )
    assert body["description"] == "Bad Request: inline keyboard expected"


async def test_not_modified(emu: BotApiEmulator, bot: Bot) -> None:
    """An edit that changes nothing is 'message is not modified'; omitting markup removes it."""
    emu.user_sends(CHAT, "hi")
    sent = await bot.send_message(CHAT, "<b>Hi</b>", parse_mode="HTML", reply_markup=keyboard("a"))
    with pytest.raises(BadRequest, match=NOT_MODIFIED):
        await bot.edit_message_text(
            "<b>Hi</b>", CHAT, sent.message_id, parse_mode="HTML", reply_markup=keyboard("a")
        )
    with pytest.raises(BadRequest, match=NOT_MODIFIED):
        await bot.edit_message_reply_markup(CHAT, sent.message_id, reply_markup=keyboard("a"))
    edited = await bot.edit_message_text("<b>Hi</b>", CHAT, sent.message_id, parse_mode="HTML")
    assert isinstance(edited, object) and emu.bot_messages(CHAT)[0].reply_markup is None
    with pytest.raises(BadRequest, match=NOT_MODIFIED):
        await bot.edit_message_reply_markup(CHAT, sent.message_id)
    await bot.edit_message_text("Hi!", CHAT, sent.message_id)
    assert emu.bot_messages(CHAT)[0].edit_count == 2


async def test_edit_of_missing_or_foreign_message(emu: BotApiEmulator, bot: Bot) -> None:
    """Editing an unknown message or the user's own is 'message to edit not found'."""
    users = emu.user_sends(CHAT, "hi")
    for message_id in (users.message_id, 99):
        with pytest.raises(BadRequest, match=r"(?i)^message to edit not found$"):
            await bot.edit_message_text("x", CHAT, message_id)
    with pytest.raises(BadRequest, match=r"(?i)^message to edit not found$"):
        await bot.edit_message_reply_markup(CHAT, 99, reply_markup=keyboard("a"))


async def test_stale_or_repeated_callback_answer(
    emu: BotApiEmulator, bot: Bot, clock: ManualClock
) -> None:
    """An answer after 15 s, a second answer, or an unknown query id is rejected."""
    emu.user_sends(CHAT, "hi")
    await bot.send_message(CHAT, "pick", reply_markup=keyboard("a"))
    fresh = emu.user_presses_button(CHAT, "a")
    old = emu.user_presses_button(CHAT, "a")
    assert await bot.answer_callback_query(fresh)
    with pytest.raises(BadRequest, match=STALE):
        await bot.answer_callback_query(fresh)
    clock.advance(15.5)
    with pytest.raises(BadRequest, match=STALE):
        await bot.answer_callback_query(old)
    with pytest.raises(BadRequest, match=STALE):
        await bot.answer_callback_query("12345")
    with pytest.raises(BadRequest):
        await bot.answer_callback_query(emu.user_presses_button(CHAT, 0), text="t" * 201)
    assert len(emu.rejected) == 4
