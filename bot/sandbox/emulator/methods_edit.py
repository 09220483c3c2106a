"""Methods that change what is already in a chat, and answers to button presses."""

from __future__ import annotations

import time
from typing import Any

from bot.sandbox.emulator.core import CALLBACK_QUERY_TTL, Core, Handler
from bot.sandbox.emulator.markup import validate_reply_markup
from bot.sandbox.emulator.models import Chat, SentMessage, bad_request
from bot.sandbox.emulator.params import ApiCall, opt_bool, opt_str, req_int
from bot.sandbox.emulator.validation import (
    check_callback_answer_text,
    check_parse_mode,
    validate_caption,
    validate_text,
)

NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)
STALE_QUERY = "query is too old and response timeout expired or query ID is invalid"


def _target(core: Core, call: ApiCall) -> tuple[Chat, SentMessage]:
    if call.params.get("inline_message_id"):
        raise bad_request("inline messages are not supported by the emulator")
    chat = core.target_chat(call)
    message_id = req_int(call, "message_id", "message identifier is not specified")
    return chat, core.bot_message(chat, message_id, "message to edit not found")


def _new_markup(msg: SentMessage, call: ApiCall) -> dict[str, Any] | None:
    """An edit's markup: inline only; leaving it out removes an inline keyboard."""
    markup = validate_reply_markup(call.params.get("reply_markup"), inline_only=True)
    if markup is None and msg.reply_markup is not None and msg.inline_keyboard is None:
        return msg.reply_markup  # a reply keyboard is not part of the message
    return markup


def _same_markup(old: dict[str, Any] | None, new: dict[str, Any] | None) -> bool:
    def rows(markup: dict[str, Any] | None) -> object:
        return (markup or {}).get("inline_keyboard") or None

    return rows(old) == rows(new)


def _apply(core: Core, msg: SentMessage, **changes: Any) -> Any:
    for name, value in changes.items():
        setattr(msg, name, value)
    msg.edit_count += 1
    msg.edit_date = int(time.time())
    core.state.emit("bot_edit", msg.chat_id, msg)
    return core.state.message_dict(msg)


async def edit_message_text(core: Core, call: ApiCall) -> Any:
    """editMessageText."""
    _chat, msg = _target(core, call)
    if msg.kind != "text":
        raise bad_request("there is no text in the message to edit")
    parse_mode = check_parse_mode(call.params.get("parse_mode"))
    text = call.params.get("text")
    plain, entities = validate_text(text, parse_mode)
    markup = _new_markup(msg, call)
    same_text = (msg.plain_text or "").strip() == plain.strip() and msg.entities == entities
    if same_text and _same_markup(msg.reply_markup, markup):
        raise bad_request(NOT_MODIFIED)
    return _apply(
        core,
        msg,
        text=str(text),
        plain_text=plain,
        parse_mode=parse_mode,
        entities=entities,
        reply_markup=markup,
    )


async def edit_message_caption(core: Core, call: ApiCall) -> Any:
    """editMessageCaption."""
    _chat, msg = _target(core, call)
    if msg.kind not in {"photo", "document"}:
        raise bad_request("there is no caption in the message to edit")
    parse_mode = check_parse_mode(call.params.get("parse_mode"))
    caption = opt_str(call, "caption")
    plain, entities = validate_caption(caption, parse_mode)
    markup = _new_markup(msg, call)
    same = (msg.plain_text or "") == (plain or "") and msg.entities == entities
    if same and _same_markup(msg.reply_markup, markup):
        raise bad_request(NOT_MODIFIED)
    return _apply(
        core,
        msg,
        caption=caption or None,
        plain_text=plain,
        parse_mode=parse_mode,
        entities=entities,
        reply_markup=markup,
    )


async def edit_message_reply_markup(core: Core, call: ApiCall) -> Any:
    """editMessageReplyMarkup: inline keyboards only; none removes the keyboard."""
    _chat, msg = _target(core, call)
    markup = _new_markup(msg, call)
    if _same_markup(msg.reply_markup, markup):
        raise bad_request(NOT_MODIFIED)
    return _apply(core, msg, reply_markup=markup)


async def answer_callback_query(core: Core, call: ApiCall) -> Any:
    """answerCallbackQuery: once per query, within 15 s of the press."""
    record = core.state.callbacks.get(opt_str(call, "callback_query_id") or "")
    if (
        record is None
        or record.answered
        or core.state.monotonic() - record.created > CALLBACK_QUERY_TTL
    ):
        raise bad_request(STALE_QUERY)
    text = check_callback_answer_text(call.params.get("text"))
    record.answered, record.answer_text = True, text
    record.show_alert = opt_bool(call, "show_alert")
    core.state.emit("callback_answer", record.chat_id, None, text)
    return True


METHODS: dict[str, Handler] = {
    "editMessageText": edit_message_text,
    "editMessageCaption": edit_message_caption,
    "editMessageReplyMarkup": edit_message_reply_markup,
    "answerCallbackQuery": answer_callback_query,
}
