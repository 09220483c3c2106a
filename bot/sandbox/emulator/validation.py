"""Checks of message content the way Telegram makes them: parse modes, lengths, commands."""

from __future__ import annotations

import json
import re
from typing import Any

from bot.sandbox.emulator.html import HtmlParseError, parse_html
from bot.sandbox.emulator.models import bad_request

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_ANSWER = 200
CHAT_ACTIONS = frozenset(
    {
        *("typing", "upload_photo", "record_video", "upload_video", "record_voice"),
        *("upload_voice", "upload_document", "choose_sticker", "find_location"),
        *("record_video_note", "upload_video_note"),
    }
)
_COMMAND_RE = re.compile(r"[a-z0-9_]{1,32}")
_MARKDOWN_ESCAPE_RE = re.compile(r"\\([\\_*\[\]()~`>#+\-=|{}.!])")
_MARKDOWN_MARKS_RE = re.compile(r"(?<!\\)[*_~`|]")


def check_parse_mode(value: object) -> str | None:
    """The parse mode as given, or None; 400 for modes Telegram does not know."""
    if value is None or value == "":
        return None
    if not isinstance(value, str) or value.lower() not in {"html", "markdownv2", "markdown"}:
        raise bad_request("unsupported parse_mode")
    return value


def render(text: str, parse_mode: str | None) -> tuple[str, list[dict[str, Any]]]:
    """What the user sees and the entities; 400 "can't parse entities" on invalid HTML.

    Markdown modes are accepted without validation; their marks are only stripped roughly.
    """
    mode = (parse_mode or "").lower()
    if mode == "html":
        try:
            plain, entities = parse_html(text)
        except HtmlParseError as exc:
            raise bad_request(f"can't parse entities: {exc}") from None
        return plain, [entity.to_dict() for entity in entities]
    if mode in {"markdown", "markdownv2"}:
        stripped = _MARKDOWN_MARKS_RE.sub("", text)
        return _MARKDOWN_ESCAPE_RE.sub(r"\1", stripped), []
    return text, []


def validate_text(text: object, parse_mode: str | None) -> tuple[str, list[dict[str, Any]]]:
    """Visible text and entities of a message text: 1–4096 characters after parsing."""
    if text is None or text == "":
        raise bad_request("message text is empty")
    plain, entities = render(str(text), parse_mode)
    if not plain.strip():
        raise bad_request("message text is empty")
    if len(plain) > MAX_TEXT:
        raise bad_request("message is too long")
    return plain, entities


def validate_caption(
    caption: object, parse_mode: str | None
) -> tuple[str | None, list[dict[str, Any]]]:
    """Visible caption and entities: at most 1024 characters after parsing."""
    if caption is None or caption == "":
        return None, []
    plain, entities = render(str(caption), parse_mode)
    if len(plain) > MAX_CAPTION:
        raise bad_request("message caption is too long")
    return plain, entities


def decode_json_object(value: object, what: str) -> dict[str, Any] | None:
    """A JSON object parameter that may arrive as text; 400 when it is not an object."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            raise bad_request(f"can't parse {what} JSON object") from None
    if not isinstance(value, dict):
        raise bad_request(f"can't parse {what} JSON object")
    return value


def validate_commands(value: object) -> list[dict[str, str]]:
    """setMyCommands' list: commands 1–32 of a-z0-9_, descriptions 1–256 characters."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            raise bad_request("can't parse commands JSON object") from None
    if not isinstance(value, list) or len(value) > 100:
        raise bad_request("can't parse commands JSON object")
    commands: list[dict[str, str]] = []
    for item in value:
        if not isinstance(item, dict):
            raise bad_request("can't parse BotCommand JSON object")
        command, description = item.get("command"), item.get("description")
        if not isinstance(command, str) or not _COMMAND_RE.fullmatch(command):
            raise bad_request("BOT_COMMAND_INVALID")
        if not isinstance(description, str) or not 1 <= len(description.strip()) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        commands.append({"command": command, "description": description})
    return commands


def check_callback_answer_text(text: object) -> str | None:
    """answerCallbackQuery's text: at most 200 characters."""
    if text is None or text == "":
        return None
    if len(str(text)) > MAX_CALLBACK_ANSWER:
        raise bad_request("MESSAGE_TOO_LONG")
    return str(text)


def check_chat_action(action: object) -> str:
    """sendChatAction's action must be one Telegram knows."""
    if not isinstance(action, str) or action not in CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    return action
