"""Uploads, webhooks, waiting helpers and a full python-telegram-bot Application."""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
from aiohttp import web
from telegram import Bot, Update
from telegram.error import BadRequest, Conflict
from telegram.ext import ApplicationBuilder, CommandHandler, ContextTypes
from telegram.request import HTTPXRequest

from bot.sandbox.emulator import BotApiEmulator, ChatEvent

CHAT = 4242
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(64))


async def test_photo_upload_is_saved(emu: BotApiEmulator, bot: Bot) -> None:
    """sendPhoto stores the upload in files_dir and returns a photo message."""
    emu.user_sends(CHAT, "hi")
    sent = await bot.send_photo(CHAT, PNG, caption="<b>Your chart</b>", parse_mode="HTML")
    assert sent.photo and sent.photo[-1].file_size == len(PNG)
    assert sent.caption == "Your chart"
    (msg,) = emu.bot_messages(CHAT)
    assert (msg.kind, msg.caption, msg.plain_text) == ("photo", "<b>Your chart</b>", "Your chart")
    assert msg.file_path is not None and msg.file_path.read_bytes() == PNG
    again = await bot.send_photo(CHAT, sent.photo[-1].file_id)
    assert again.photo[-1].file_id == sent.photo[-1].file_id


async def test_document_upload_is_saved_and_downloadable(emu: BotApiEmulator, bot: Bot) -> None:
    """sendDocument keeps the file name; getFile serves it under base_file_url."""
    emu.user_sends(CHAT, "hi")
    sent = await bot.send_document(CHAT, io.BytesIO(b"date,dose\n"), filename="doses.csv")
    assert sent.document and sent.document.file_name == "doses.csv"
    (msg,) = emu.bot_messages(CHAT)
    assert msg.kind == "document" and msg.file_name == "doses.csv"
    assert msg.file_path is not None and msg.file_path.name.endswith("doses.csv")
    file = await bot.get_file(sent.document.file_id)
    assert bytes(await file.download_as_bytearray()) == b"date,dose\n"


async def test_bad_file_references_are_rejected(emu: BotApiEmulator, bot: Bot) -> None:
    """An unknown file_id or an empty upload is rejected like Telegram does."""
    emu.user_sends(CHAT, "hi")
    with pytest.raises(BadRequest, match=r"(?i)wrong file identifier"):
        await bot.send_photo(CHAT, "no-such-file-id")
    with pytest.raises(BadRequest, match=r"(?i)file must be non-empty"):
        await bot.send_document(CHAT, b"", filename="empty.txt")


@pytest.fixture
async def receiver() -> AsyncIterator[tuple[str, list[tuple[dict[str, Any], str | None]]]]:
    """A webhook endpoint on 127.0.0.1 that fails its first request, then accepts."""
    received: list[tuple[dict[str, Any], str | None]] = []
    attempts = 0

    async def handle(request: web.Request) -> web.Response:
        nonlocal attempts
        attempts += 1
        if attempts == 1:
            return web.Response(status=500)
        secret = request.headers.get("X-Telegram-Bot-Api-Secret-Token")
        received.append((await request.json(), secret))
        return web.Response(text="ok")

    app = web.Application()
    app.router.add_post("/hook", handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    yield f"http://127.0.0.1:{port}/hook", received
    await runner.cleanup()


async def test_webhook_push_with_secret_and_retry(
    emu: BotApiEmulator, bot: Bot, receiver: tuple[str, list[tuple[dict[str, Any], str | None]]]
) -> None:
    """With a webhook, updates are POSTed in order with the secret header, retried on failure."""
    url, received = receiver
    assert await bot.set_webhook(url, secret_token="s3cret-token_1")
    assert emu.webhook_url == url
    emu.user_sends(CHAT, "first")
    emu.user_sends(CHAT, "second")
    await emu.wait_for(lambda: len(received) == 2, timeout=3)
    assert [body["message"]["text"] for body, _ in received] == ["first", "second"]
    assert {secret for _, secret in received} == {"s3cret-token_1"}
    Update.de_json(received[0][0], bot)
    info = await bot.get_webhook_info()
    assert (info.url, info.pending_update_count) == (url, 0)
    assert info.last_error_message and "500" in info.last_error_message
    with pytest.raises(Conflict, match="webhook is active"):
        await bot.get_updates()
    assert await bot.delete_webhook()
    emu.user_sends(CHAT, "third")
    updates = await bot.get_updates()
    assert [u.message.text for u in updates if u.message] == ["third"]


async def test_webhook_secret_must_be_valid(emu: BotApiEmulator, bot: Bot) -> None:
    """A secret token with characters outside A-Za-z0-9_- is rejected."""
    with pytest.raises(BadRequest):
        await bot.set_webhook("http://127.0.0.1:9/hook", secret_token="no spaces!")
    assert emu.webhook_url is None


async def test_wait_for_bot_messages_times_out_helpfully(emu: BotApiEmulator, bot: Bot) -> None:
    """A timeout names the chat, the expected count and what the bot did send."""
    emu.user_sends(CHAT, "hi")
    await bot.send_message(CHAT, "only one")
    assert len(await emu.wait_for_bot_messages(CHAT, 1, timeout=0.1)) == 1
    with pytest.raises(TimeoutError) as caught:
        await emu.wait_for_bot_messages(CHAT, 2, timeout=0.05)
    text = str(caught.value)
    assert f"chat {CHAT}" in text and "at least 2" in text and "'only one'" in text


async def test_subscribers_see_chat_events(emu: BotApiEmulator, bot: Bot) -> None:
    """subscribe() gets user and bot messages, edits and callback answers in order."""
    seen: list[ChatEvent] = []
    emu.subscribe(seen.append)
    emu.user_sends(CHAT, "hi")
    sent = await bot.send_message(CHAT, "v1")
    await bot.edit_message_text("v2", CHAT, sent.message_id)
    await bot.answer_callback_query(emu.user_presses(CHAT, sent.message_id, "x"), text="done")
    kinds = [event.kind for event in seen]
    assert kinds == ["user_message", "bot_message", "bot_edit", "user_callback", "callback_answer"]
    assert seen[-1].text == "done"


async def test_a_polling_application_round_trip(
    emu: BotApiEmulator, new_request: Callable[[], HTTPXRequest]
) -> None:
    """A real PTB Application polls, answers /start and shuts down without a rejected call."""

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_html("<b>Welcome</b> to BoneCoach")

    app = (
        ApplicationBuilder()
        .token(emu.token)
        .base_url(f"{emu.base_url}/bot")
        .base_file_url(f"{emu.base_url}/file/bot")
        .request(new_request())
        .get_updates_request(new_request())
        .build()
    )
    app.add_handler(CommandHandler("start", start))
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=5)
        emu.user_sends(CHAT, "/start")
        (reply,) = await emu.wait_for_bot_messages(CHAT, 1, timeout=3)
        assert reply.plain_text == "Welcome to BoneCoach"
        await app.updater.stop()
        await app.stop()
    await asyncio.sleep(0)
    assert emu.rejected == []
    assert emu.pending_updates == []
