"""The emulator's world: chats, messages, the update queue, callback queries (no HTTP).

Every change wakes the coroutines waiting for one (ChangeNotifier).
"""

from __future__ import annotations

import asyncio
import collections
import logging
import re
import time
from collections.abc import Callable
from typing import Any

from bot.sandbox.emulator.models import (
    CallbackQueryRecord,
    Chat,
    ChatEvent,
    RejectedCall,
    SentMessage,
    StoredFile,
)
from bot.sandbox.emulator.updates import bot_user_dict, message_dict, user_dict

_log = logging.getLogger(__name__)
NOT_BY_DEFAULT = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
DEFAULT_GROUP_USER_ID = 1_000_001


class ChangeNotifier:
    """Wakes every coroutine waiting for the next change of the state."""

    def __init__(self) -> None:
        self._waiters: set[asyncio.Future[None]] = set()

    def notify(self) -> None:
        """Wake all current waiters."""
        for waiter in self._waiters:
            if not waiter.done():
                waiter.set_result(None)
        self._waiters.clear()

    async def wait(self, seconds: float) -> bool:
        """Wait for the next change; False when seconds passed without one."""
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters.add(waiter)
        try:
            await asyncio.wait_for(waiter, seconds)
        except TimeoutError:
            return False
        finally:
            self._waiters.discard(waiter)
        return True


class EmulatorState:
    """Everything the emulator knows; every mutation notifies waiters."""

    def __init__(self, *, token: str, bot_username: str, monotonic: Callable[[], float]) -> None:
        match = re.fullmatch(r"(\d+):[A-Za-z0-9_-]+", token)
        if match is None:
            raise ValueError(f"not a bot token: {token!r}")
        self.token = token
        self.bot_user = bot_user_dict(int(match[1]), bot_username)
        self.monotonic = monotonic
        self.chats: dict[int, Chat] = {}
        self.users: dict[int, dict[str, Any]] = {}
        self.updates: list[dict[str, Any]] = []  # delivered but not yet confirmed, in order
        self.next_update_id = 1
        self.allowed_updates: list[str] = []
        self.poll_generation = 0
        self.callbacks: dict[str, CallbackQueryRecord] = {}
        self.files: dict[str, StoredFile] = {}
        self.events: list[ChatEvent] = []
        self.listeners: list[Callable[[ChatEvent], None]] = []
        self.rejected: list[RejectedCall] = []
        self.call_counts: collections.Counter[str] = collections.Counter()
        self.commands: dict[str, list[dict[str, str]]] = {}
        self.last_commands: list[dict[str, str]] = []
        self.chat_actions: list[tuple[int, str]] = []
        self.changes = ChangeNotifier()
        self.closed = False

    # chats and messages
    def ensure_chat(
        self,
        chat_id: int,
        *,
        chat_type: str = "private",
        first_name: str = "Sam",
        title: str | None = None,
        user_id: int | None = None,
    ) -> Chat:
        """The chat, created on first use (a private chat's id is the user's id)."""
        chat = self.chats.get(chat_id)
        if chat is None:
            if chat_type not in {"private", "group", "supergroup", "channel"}:
                raise ValueError(f"unknown chat type {chat_type!r}")
            if user_id is None:
                user_id = chat_id if chat_type == "private" else DEFAULT_GROUP_USER_ID
            chat = Chat(chat_id, chat_type, first_name, title, user_id)
            self.chats[chat_id] = chat
            self.remember_user(user_id, first_name)
        return chat

    def remember_user(self, user_id: int, first_name: str) -> dict[str, Any]:
        """The User object of a human, created or renamed."""
        user = user_dict(user_id, first_name)
        self.users[user_id] = user
        return user

    def user(self, user_id: int) -> dict[str, Any]:
        """The User object of a known human (a default one otherwise)."""
        return self.users.get(user_id) or user_dict(user_id, "Sam")

    def add_message(self, chat: Chat, *, from_bot: bool, **fields: Any) -> SentMessage:
        """Append a message with the chat's next message_id and the current date."""
        msg = SentMessage(
            message_id=chat.next_message_id,
            chat_id=chat.id,
            from_bot=from_bot,
            date=int(time.time()),
            **fields,
        )
        chat.next_message_id += 1
        chat.messages.append(msg)
        return msg

    def find_message(self, chat: Chat, message_id: object) -> SentMessage | None:
        """The message with that id in the chat, if it exists."""
        for msg in chat.messages:
            if msg.message_id == message_id:
                return msg
        return None

    def message_dict(self, msg: SentMessage, *, with_reply: bool = True) -> dict[str, Any]:
        """The full Message object of a stored message."""
        chat = self.chats[msg.chat_id]
        if msg.from_bot:  # messages carry the short User, without the getMe-only fields
            sender = {k: self.bot_user[k] for k in ("id", "is_bot", "first_name", "username")}
        else:
            sender = self.user(msg.from_user_id or chat.user_id)
        reply_to = None
        if with_reply and msg.reply_to_message_id is not None:
            original = self.find_message(chat, msg.reply_to_message_id)
            if original is not None:
                reply_to = self.message_dict(original, with_reply=False)
        stored = self.files.get(msg.file_id) if msg.file_id else None
        return message_dict(msg, chat, sender, stored=stored, reply_to=reply_to)

    # updates
    def enqueue(self, kind: str, payload: dict[str, Any]) -> int | None:
        """Queue an update unless allowed_updates filters it out; returns its update_id."""
        allowed = self.allowed_updates
        if (kind not in allowed) if allowed else (kind in NOT_BY_DEFAULT):
            return None
        update_id = self.next_update_id
        self.next_update_id += 1
        self.updates.append({"update_id": update_id, kind: payload})
        self.touch()
        return update_id

    def apply_offset(self, offset: int) -> None:
        """getUpdates' offset: confirm updates below it, or keep only the last -offset."""
        if offset > 0:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
        elif offset < 0:
            self.updates = self.updates[offset:]

    def remove_update(self, update_id: int) -> None:
        """Confirm one update (after a webhook accepted it)."""
        self.updates = [u for u in self.updates if u["update_id"] != update_id]
        self.touch()

    # callback queries and files
    def new_callback(self, chat_id: int, message_id: int, data: str) -> CallbackQueryRecord:
        """Record a button press that the bot must answer within 15 seconds."""
        query_id = str(4_611_686_018_427_387_904 + len(self.callbacks) * 7 + chat_id % 7)
        record = CallbackQueryRecord(query_id, chat_id, message_id, data, self.monotonic())
        self.callbacks[query_id] = record
        return record

    def store_file(
        self, kind: str, file_name: str | None, mime_type: str | None, content: bytes | None
    ) -> StoredFile:
        """Register a file the bot sent; it gets a file_id and a download path."""
        number = len(self.files) + 1
        suffix = f".{file_name.rsplit('.', 1)[1]}" if file_name and "." in file_name else ""
        folder = "photos" if kind == "photo" else "documents"
        stored = StoredFile(
            file_id=f"BQACAgIAAx{kind[:3].upper()}{number:06d}",
            file_unique_id=f"AgAD{number:06d}",
            file_name=file_name,
            mime_type=mime_type,
            content=content,
            file_path=f"{folder}/file_{number}{suffix}",
        )
        self.files[stored.file_id] = stored
        return stored

    # events
    def emit(
        self, kind: str, chat_id: int, message: SentMessage | None = None, text: str | None = None
    ) -> None:
        """Record a chat event, tell subscribers, wake waiters."""
        event = ChatEvent(kind, chat_id, message, text)
        self.events.append(event)
        for listener in list(self.listeners):
            try:
                listener(event)
            except Exception:
                _log.exception("emulator listener failed on %s", event.kind)
        self.touch()

    def reject(self, record: RejectedCall) -> None:
        """Remember an error answer."""
        self.rejected.append(record)
        self.touch()

    def touch(self) -> None:
        """Wake everything that waits for a change."""
        self.changes.notify()
