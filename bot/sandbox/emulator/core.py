"""What every method handler works with: the state, the flood limits, the webhook."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.sandbox.emulator.limits import RateLimiter
from bot.sandbox.emulator.models import ApiError, Chat, SentMessage, bad_request
from bot.sandbox.emulator.params import ApiCall, chat_id_param
from bot.sandbox.emulator.state import EmulatorState
from bot.sandbox.emulator.webhook import WebhookPusher

CALLBACK_QUERY_TTL = 15.0
_FORBIDDEN = {
    "private": "Forbidden: bot was blocked by the user",
    "group": "Forbidden: bot was kicked from the group chat",
    "supergroup": "Forbidden: bot was kicked from the supergroup chat",
    "channel": "Forbidden: bot is not a member of the channel chat",
}


@dataclass
class Core:
    """The emulator without its HTTP server."""

    state: EmulatorState
    limiter: RateLimiter
    webhook: WebhookPusher
    files_dir: Path | None = None

    def target_chat(self, call: ApiCall) -> Chat:
        """The chat of chat_id: 400 when the bot never heard of it, 403 when blocked."""
        chat = self.state.chats.get(chat_id_param(call))
        if chat is None:
            raise bad_request("chat not found")
        if chat.blocked:
            raise ApiError(403, _FORBIDDEN[chat.type])
        return chat

    def bot_message(self, chat: Chat, message_id: int, missing: str) -> SentMessage:
        """A message the bot sent in chat; 400 "<missing>" otherwise."""
        msg = self.state.find_message(chat, message_id)
        if msg is None or not msg.from_bot:
            raise bad_request(missing)
        return msg

    def take_send_slot(self, chat: Chat) -> None:
        """429 with retry_after when this send would break a flood limit."""
        is_group = chat.type in {"group", "supergroup"}
        retry_after = self.limiter.acquire(chat.id, is_group=is_group)
        if retry_after is not None:
            raise ApiError(429, f"Too Many Requests: retry after {retry_after}", retry_after)


Handler = Callable[[Core, ApiCall], Awaitable[Any]]
