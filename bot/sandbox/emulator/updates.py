"""Bot API objects the emulator hands out: users, chats, messages, updates."""

from __future__ import annotations

import re
from typing import Any

from bot.sandbox.emulator.entities import utf16_len
from bot.sandbox.emulator.models import Chat, SentMessage, StoredFile

# tdlib's bot command pattern: not preceded by a word character, "/" or "<>"
_COMMAND_RE = re.compile(r"(?<![\w/<>])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![\w/<>])")
PHOTO_SIZE = 320


def bot_user_dict(bot_id: int, username: str) -> dict[str, Any]:
    """The bot's User object as getMe returns it."""
    return {
        "id": bot_id,
        "is_bot": True,
        "first_name": "BoneCoach",
        "username": username,
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


def user_dict(user_id: int, first_name: str) -> dict[str, Any]:
    """A human User object."""
    return {"id": user_id, "is_bot": False, "first_name": first_name, "language_code": "en"}


def chat_dict(chat: Chat) -> dict[str, Any]:
    """The Chat object of a message."""
    if chat.type == "private":
        return {"id": chat.id, "type": "private", "first_name": chat.first_name or "Sam"}
    return {"id": chat.id, "type": chat.type, "title": chat.title or f"Chat {chat.id}"}


def command_entities(text: str) -> list[dict[str, Any]]:
    """bot_command entities as Telegram detects them in a user's text."""
    return [
        {
            "type": "bot_command",
            "offset": utf16_len(text[: match.start()]),
            "length": utf16_len(match.group()),
        }
        for match in _COMMAND_RE.finditer(text)
    ]


def file_dicts(msg: SentMessage, stored: StoredFile | None) -> dict[str, Any]:
    """The photo/document fields of a media message."""
    if stored is None:
        return {}
    size = len(stored.content) if stored.content is not None else None
    info: dict[str, Any] = {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id}
    if size is not None:
        info["file_size"] = size
    if msg.kind == "photo":
        return {"photo": [{**info, "width": PHOTO_SIZE, "height": PHOTO_SIZE}]}
    if stored.file_name:
        info["file_name"] = stored.file_name
    if stored.mime_type:
        info["mime_type"] = stored.mime_type
    return {"document": info}


def message_dict(
    msg: SentMessage,
    chat: Chat,
    sender: dict[str, Any],
    *,
    stored: StoredFile | None = None,
    reply_to: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The full Message object of msg, as Telegram returns and delivers it."""
    data: dict[str, Any] = {"message_id": msg.message_id, "date": msg.date, "chat": chat_dict(chat)}
    if chat.type == "channel":
        data["sender_chat"] = chat_dict(chat)
    else:
        data["from"] = sender
    if msg.edit_date is not None:
        data["edit_date"] = msg.edit_date
    if reply_to is not None:
        data["reply_to_message"] = reply_to
    if msg.kind == "text":
        data["text"] = msg.plain_text if msg.from_bot else msg.text
        if msg.entities:
            data["entities"] = msg.entities
    elif msg.kind == "location" and msg.location is not None:
        data["location"] = {"latitude": msg.location[0], "longitude": msg.location[1]}
    else:
        data.update(file_dicts(msg, stored))
        if msg.plain_text is not None:
            data["caption"] = msg.plain_text
            if msg.entities:
                data["caption_entities"] = msg.entities
    if msg.inline_keyboard is not None and msg.from_bot:
        data["reply_markup"] = {"inline_keyboard": msg.inline_keyboard}
    return data


def chat_member_update(
    chat: Chat, user: dict[str, Any], bot: dict[str, Any], date: int, *, blocked: bool
) -> dict[str, Any]:
    """my_chat_member payload for a user blocking (kicked) or unblocking (member) the bot."""
    kicked = {"status": "kicked", "user": bot, "until_date": 0}
    member = {"status": "member", "user": bot}
    old, new = (member, kicked) if blocked else (kicked, member)
    return {
        "chat": chat_dict(chat),
        "from": user,
        "date": date,
        "old_chat_member": old,
        "new_chat_member": new,
    }
