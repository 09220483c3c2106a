"""Reply markup the way Telegram checks it: inline keyboards, reply keyboards, callback_data."""

from __future__ import annotations

import json
from typing import Any

from bot.sandbox.emulator.models import bad_request

MAX_CALLBACK_DATA_BYTES = 64
MAX_BUTTONS = 100
INLINE_ACTIONS = frozenset(
    {
        *("callback_data", "url", "login_url", "switch_inline_query", "web_app"),
        *("switch_inline_query_current_chat", "switch_inline_query_chosen_chat"),
        *("callback_game", "pay", "copy_text"),
    }
)
REPLY_BUTTON_FIELDS = frozenset(
    {"text", "request_location", "request_contact", "request_poll", "request_users"}
    | {"request_chat", "web_app", "request_user"}
)
MARKUP_ERROR = "can't parse reply keyboard markup JSON object"


def validate_reply_markup(value: object, *, inline_only: bool = False) -> dict[str, Any] | None:
    """The markup if Telegram would accept it; inline_only for edits of messages."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            raise bad_request(MARKUP_ERROR) from None
    if not isinstance(value, dict):
        raise bad_request(MARKUP_ERROR)
    if "inline_keyboard" in value:
        _check_inline_keyboard(value["inline_keyboard"])
        return value
    if inline_only:
        raise bad_request("inline keyboard expected")
    if "keyboard" in value:
        _check_reply_keyboard(value)
    elif "remove_keyboard" in value:
        if value["remove_keyboard"] is not True:
            raise bad_request(MARKUP_ERROR)
    elif "force_reply" in value:
        if value["force_reply"] is not True:
            raise bad_request(MARKUP_ERROR)
    else:
        raise bad_request(MARKUP_ERROR)
    return value


def _rows(value: object) -> list[list[Any]]:
    if not isinstance(value, list) or not all(isinstance(row, list) for row in value):
        raise bad_request(MARKUP_ERROR)
    if sum(len(row) for row in value) > MAX_BUTTONS:
        raise bad_request("reply markup is too long")
    return value


def _check_inline_keyboard(value: object) -> None:
    for row in _rows(value):
        for button in row:
            if not isinstance(button, dict):
                raise bad_request(MARKUP_ERROR)
            text = button.get("text")
            if not isinstance(text, str) or not text.strip():
                raise bad_request(MARKUP_ERROR)
            actions = [key for key in button if key in INLINE_ACTIONS]
            if not actions:
                raise bad_request("text buttons are unallowed in the inline keyboard")
            if len(actions) > 1:
                raise bad_request(MARKUP_ERROR)
            if "callback_data" in button:
                check_callback_data(button["callback_data"])


def check_callback_data(data: object) -> None:
    """callback_data must be a string of 1–64 bytes in UTF-8."""
    if not isinstance(data, str):
        raise bad_request(MARKUP_ERROR)
    if not 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA_BYTES:
        raise bad_request("BUTTON_DATA_INVALID")


def _check_reply_keyboard(value: dict[str, Any]) -> None:
    for row in _rows(value["keyboard"]):
        for button in row:
            if isinstance(button, str):
                text: object = button
            elif isinstance(button, dict) and set(button) <= REPLY_BUTTON_FIELDS:
                text = button.get("text")
            else:
                raise bad_request(MARKUP_ERROR)
            if not isinstance(text, str) or not text.strip():
                raise bad_request(MARKUP_ERROR)
    placeholder = value.get("input_field_placeholder")
    if placeholder is not None and (not isinstance(placeholder, str) or len(placeholder) > 64):
        raise bad_request(MARKUP_ERROR)
