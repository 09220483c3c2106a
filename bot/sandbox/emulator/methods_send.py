"""Methods that put something into a chat: sendMessage, sendPhoto, sendDocument, actions."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from bot.sandbox.emulator.core import Core, Handler
from bot.sandbox.emulator.markup import validate_reply_markup
from bot.sandbox.emulator.models import ApiError, Chat, StoredFile, bad_request
from bot.sandbox.emulator.params import ApiCall, UploadedFile, opt_int, opt_str, req_int
from bot.sandbox.emulator.validation import (
    check_chat_action,
    check_parse_mode,
    decode_json_object,
    validate_caption,
    validate_text,
)

MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
_UNSAFE_NAME_RE = re.compile(r"[^A-Za-z0-9._-]+")


def _reply_to(core: Core, chat: Chat, call: ApiCall) -> int | None:
    """The message replied to (reply_parameters or the old reply_to_message_id)."""
    params = decode_json_object(call.params.get("reply_parameters"), "reply parameters")
    message_id: object = opt_int(call, "reply_to_message_id")
    allow_missing = bool(call.params.get("allow_sending_without_reply"))
    if params is not None:
        message_id = params.get("message_id")
        allow_missing = bool(params.get("allow_sending_without_reply"))
    if message_id is None:
        return None
    if core.state.find_message(chat, message_id) is None:
        if allow_missing:
            return None
        raise bad_request("message to be replied not found")
    return message_id if isinstance(message_id, int) else None


async def send_message(core: Core, call: ApiCall) -> Any:
    """sendMessage."""
    chat = core.target_chat(call)
    parse_mode = check_parse_mode(call.params.get("parse_mode"))
    text = call.params.get("text")
    plain, entities = validate_text(text, parse_mode)
    markup = validate_reply_markup(call.params.get("reply_markup"))
    decode_json_object(call.params.get("link_preview_options"), "link preview options")
    reply_to = _reply_to(core, chat, call)
    core.take_send_slot(chat)
    msg = core.state.add_message(
        chat,
        from_bot=True,
        text=str(text),
        plain_text=plain,
        parse_mode=parse_mode,
        reply_markup=markup,
        entities=entities,
        reply_to_message_id=reply_to,
    )
    core.state.emit("bot_message", chat.id, msg)
    return core.state.message_dict(msg)


def _upload(call: ApiCall, field: str) -> UploadedFile | str | None:
    """The uploaded part for field, or the file_id/URL string sent instead."""
    value = call.params.get(field)
    if isinstance(value, str) and value.startswith("attach://"):
        return call.files.get(value[len("attach://") :])
    if field in call.files:
        return call.files[field]
    return value if isinstance(value, str) and value else None


def _check_source(core: Core, kind: str, source: UploadedFile | str | None) -> UploadedFile | str:
    """The source, or 400/413 for a missing, unknown, empty or oversized file."""
    if source is None:
        raise bad_request(f"there is no {kind} in the request")
    if isinstance(source, str):
        if source not in core.state.files and not source.startswith(("http://", "https://")):
            raise bad_request("wrong file identifier/HTTP URL specified")
        return source
    if not source.content:
        raise bad_request("file must be non-empty")
    if len(source.content) > (MAX_PHOTO_BYTES if kind == "photo" else MAX_DOCUMENT_BYTES):
        raise ApiError(413, "Request Entity Too Large")
    return source


def _store(core: Core, kind: str, source: UploadedFile | str) -> StoredFile:
    """The StoredFile for a checked source (a known file_id is reused)."""
    if isinstance(source, str):
        known = core.state.files.get(source)
        if known is not None:
            return known
        name = source.rstrip("/").rsplit("/", 1)[-1] or None
        return core.state.store_file(kind, name, None, None)
    name = source.file_name or ("photo.jpg" if kind == "photo" else "document")
    return core.state.store_file(kind, name, source.content_type, source.content)


def _save(core: Core, chat: Chat, message_id: int, stored: StoredFile) -> Path | None:
    if core.files_dir is None or stored.content is None:
        return None
    core.files_dir.mkdir(parents=True, exist_ok=True)
    safe = _UNSAFE_NAME_RE.sub("_", Path(stored.file_name or "file").name) or "file"
    path = core.files_dir / f"{chat.id}_{message_id}_{safe}"
    path.write_bytes(stored.content)
    return path


async def _send_media(core: Core, call: ApiCall, kind: str) -> Any:
    chat = core.target_chat(call)
    parse_mode = check_parse_mode(call.params.get("parse_mode"))
    caption = opt_str(call, "caption")
    plain, entities = validate_caption(caption, parse_mode)
    markup = validate_reply_markup(call.params.get("reply_markup"))
    reply_to = _reply_to(core, chat, call)
    source = _check_source(core, kind, _upload(call, kind))
    core.take_send_slot(chat)
    stored = _store(core, kind, source)
    msg = core.state.add_message(
        chat,
        from_bot=True,
        kind=kind,
        caption=caption or None,
        plain_text=plain,
        parse_mode=parse_mode,
        reply_markup=markup,
        entities=entities,
        file_name=stored.file_name,
        file_id=stored.file_id,
        reply_to_message_id=reply_to,
    )
    msg.file_path = _save(core, chat, msg.message_id, stored)
    core.state.emit("bot_message", chat.id, msg)
    return core.state.message_dict(msg)


async def send_photo(core: Core, call: ApiCall) -> Any:
    """sendPhoto: an upload, a file_id of a sent file, or an http(s) URL."""
    return await _send_media(core, call, "photo")


async def send_document(core: Core, call: ApiCall) -> Any:
    """sendDocument: an upload, a file_id of a sent file, or an http(s) URL."""
    return await _send_media(core, call, "document")


async def send_chat_action(core: Core, call: ApiCall) -> Any:
    """sendChatAction."""
    chat = core.target_chat(call)
    action = check_chat_action(call.params.get("action"))
    core.state.chat_actions.append((chat.id, action))
    core.state.emit("chat_action", chat.id, None, action)
    return True


async def delete_message(core: Core, call: ApiCall) -> Any:
    """deleteMessage: the bot's messages, or the user's in a private chat."""
    chat = core.target_chat(call)
    message_id = req_int(call, "message_id", "message identifier is not specified")
    msg = core.state.find_message(chat, message_id)
    if msg is None or (not msg.from_bot and chat.type != "private"):
        raise bad_request("message to delete not found")
    chat.messages.remove(msg)
    core.state.emit("bot_delete", chat.id, msg)
    return True


METHODS: dict[str, Handler] = {
    "sendMessage": send_message,
    "sendPhoto": send_photo,
    "sendDocument": send_document,
    "sendChatAction": send_chat_action,
    "deleteMessage": delete_message,
}
