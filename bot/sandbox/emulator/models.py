"""Records kept by the Bot API emulator: messages, chat events, rejected calls and errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class SentMessage:
    """A message in a chat, in its current state (edits applied)."""

    message_id: int
    chat_id: int
    from_bot: bool
    date: int
    text: str | None = None  # as sent: raw HTML when parse_mode is HTML
    plain_text: str | None = None  # what the user sees (for media: the caption)
    parse_mode: str | None = None
    reply_markup: dict[str, Any] | None = None  # any markup sent (inline or reply keyboard)
    kind: str = "text"  # "text" | "photo" | "document" | "location"
    caption: str | None = None
    file_name: str | None = None
    file_path: Path | None = None  # the saved upload, when the emulator has a files_dir
    edit_count: int = 0
    from_user_id: int | None = None
    entities: list[dict[str, Any]] = field(default_factory=list)
    location: tuple[float, float] | None = None
    file_id: str | None = None
    edit_date: int | None = None
    reply_to_message_id: int | None = None

    @property
    def inline_keyboard(self) -> list[list[dict[str, Any]]] | None:
        """The inline keyboard rows of the message, if it has one."""
        if self.reply_markup is None:
            return None
        rows = self.reply_markup.get("inline_keyboard")
        return rows if isinstance(rows, list) else None


@dataclass
class ChatEvent:
    """Something that happened in a chat.

    kind is one of "user_message", "user_edit", "user_callback", "bot_message", "bot_edit",
    "bot_delete", "callback_answer", "chat_action". text carries the callback answer text,
    the pressed callback data or the chat action.
    """

    kind: str
    chat_id: int
    message: SentMessage | None = None
    text: str | None = None


@dataclass
class RejectedCall:
    """A Bot API call the emulator answered with an error."""

    method: str
    error_code: int
    description: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class Chat:
    """A chat the bot may talk to."""

    id: int
    type: str
    first_name: str | None
    title: str | None
    user_id: int
    blocked: bool = False
    next_message_id: int = 1
    messages: list[SentMessage] = field(default_factory=list)

    @property
    def chat_instance(self) -> str:
        """A stable chat_instance for callback queries from this chat."""
        return str(abs(self.id) * 7919 + 1_000_003)


@dataclass
class CallbackQueryRecord:
    """A callback query produced by a button press."""

    id: str
    chat_id: int
    message_id: int
    data: str
    created: float
    answered: bool = False
    answer_text: str | None = None
    show_alert: bool = False


@dataclass
class StoredFile:
    """A file the bot sent, addressable by file_id."""

    file_id: str
    file_unique_id: str
    file_name: str | None
    mime_type: str | None
    content: bytes | None
    file_path: str


class ApiError(Exception):
    """An error answer of the Bot API: HTTP status equals error_code."""

    def __init__(self, error_code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.error_code = error_code
        self.description = description
        self.retry_after = retry_after


def bad_request(detail: str) -> ApiError:
    """A 400 error whose description is "Bad Request: <detail>"."""
    return ApiError(400, f"Bad Request: {detail}")
