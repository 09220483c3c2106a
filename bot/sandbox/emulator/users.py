"""What a human does in Telegram: write, share a location, press buttons, edit, block."""

from __future__ import annotations

import time
from typing import Any

from bot.sandbox.emulator.models import Chat, SentMessage
from bot.sandbox.emulator.state import EmulatorState
from bot.sandbox.emulator.updates import chat_member_update, command_entities
from bot.sandbox.emulator.validation import MAX_CAPTION, MAX_TEXT


def _kind(chat: Chat, edited: bool = False) -> str:
    base = "channel_post" if chat.type == "channel" else "message"
    return f"edited_{base}" if edited else base


class UserActions:
    """The users' side of the emulator; each action queues the update Telegram would send."""

    state: EmulatorState

    def add_chat(
        self,
        chat_id: int,
        *,
        first_name: str = "Sam",
        chat_type: str = "private",
        title: str | None = None,
        user_id: int | None = None,
    ) -> None:
        """Make a chat known (as if the user had written before) without an update."""
        self.state.ensure_chat(
            chat_id, chat_type=chat_type, first_name=first_name, title=title, user_id=user_id
        )

    def user_sends(
        self,
        chat_id: int,
        text: str,
        *,
        first_name: str = "Sam",
        chat_type: str = "private",
        user_id: int | None = None,
        title: str | None = None,
    ) -> SentMessage:
        """The user writes text (a private chat with chat_id == user id on first use).

        A /command gets its bot_command entity. In a channel this is a channel_post.
        """
        if not text.strip() or len(text) > MAX_TEXT:
            raise ValueError("a Telegram message text has 1-4096 characters")
        state = self.state
        chat = state.ensure_chat(
            chat_id, chat_type=chat_type, first_name=first_name, title=title, user_id=user_id
        )
        sender = user_id if user_id is not None else chat.user_id
        state.remember_user(sender, first_name)
        msg = state.add_message(
            chat,
            from_bot=False,
            from_user_id=sender,
            text=text,
            plain_text=text,
            entities=command_entities(text),
        )
        state.enqueue(_kind(chat), state.message_dict(msg))
        state.emit("user_message", chat.id, msg)
        return msg

    def user_sends_media(
        self, chat_id: int, caption: str | None, *, kind: str = "photo"
    ) -> SentMessage:
        """The user sends a photo or a document (a tiny placeholder file), with a caption."""
        if kind not in {"photo", "document"}:
            raise ValueError("kind is 'photo' or 'document'")
        if caption is not None and len(caption) > MAX_CAPTION:
            raise ValueError("a Telegram caption has at most 1024 characters")
        state = self.state
        chat = state.ensure_chat(chat_id)
        name, mime = (
            ("photo.jpg", "image/jpeg") if kind == "photo" else ("scan.pdf", "application/pdf")
        )
        stored = state.store_file(kind, name, mime, b"\xff\xd8\xff" if kind == "photo" else b"%PDF")
        msg = state.add_message(
            chat,
            from_bot=False,
            from_user_id=chat.user_id,
            kind=kind,
            plain_text=caption,
            caption=caption,
            file_id=stored.file_id,
        )
        state.enqueue(_kind(chat), state.message_dict(msg))
        state.emit("user_message", chat.id, msg)
        return msg

    def user_shares_location(self, chat_id: int, latitude: float, longitude: float) -> SentMessage:
        """The user shares a location."""
        state = self.state
        chat = state.ensure_chat(chat_id)
        msg = state.add_message(
            chat,
            from_bot=False,
            from_user_id=chat.user_id,
            kind="location",
            location=(latitude, longitude),
        )
        state.enqueue(_kind(chat), state.message_dict(msg))
        state.emit("user_message", chat.id, msg)
        return msg

    def user_presses(self, chat_id: int, message_id: int, callback_data: str) -> str:
        """The user presses a button of a bot message; returns the callback query id.

        The data need not be on the message: forged and stale presses are allowed.
        """
        state = self.state
        chat = state.chats.get(chat_id)
        msg = state.find_message(chat, message_id) if chat is not None else None
        if chat is None or msg is None or not msg.from_bot:
            raise LookupError(f"chat {chat_id} has no bot message {message_id}")
        record = state.new_callback(chat_id, message_id, callback_data)
        payload: dict[str, Any] = {
            "id": record.id,
            "from": state.user(chat.user_id),
            "chat_instance": chat.chat_instance,
            "message": state.message_dict(msg),
            "data": callback_data,
        }
        state.enqueue("callback_query", payload)
        state.emit("user_callback", chat_id, msg, callback_data)
        return record.id

    def user_presses_button(self, chat_id: int, text_or_index: str | int) -> str:
        """Press a button of the latest bot message with an inline keyboard.

        By label or 0-based index over all buttons; LookupError when there is no such
        message or button, or the button carries no callback_data.
        """
        chat = self.state.chats.get(chat_id)
        messages = chat.messages if chat is not None else []
        latest = next((m for m in reversed(messages) if m.from_bot and m.inline_keyboard), None)
        if latest is None or latest.inline_keyboard is None:
            raise LookupError(f"chat {chat_id} has no bot message with an inline keyboard")
        buttons = [button for row in latest.inline_keyboard for button in row]
        if isinstance(text_or_index, int):
            if not 0 <= text_or_index < len(buttons):
                raise LookupError(f"message {latest.message_id} has {len(buttons)} buttons")
            button = buttons[text_or_index]
        else:
            matches = [b for b in buttons if b.get("text") == text_or_index]
            if not matches:
                labels = [b.get("text") for b in buttons]
                raise LookupError(f"no button {text_or_index!r} in {latest.message_id}: {labels}")
            button = matches[0]
        data = button.get("callback_data")
        if not isinstance(data, str):
            raise LookupError(f"button {button.get('text')!r} has no callback_data: {button}")
        return self.user_presses(chat_id, latest.message_id, data)

    def user_edits(self, chat_id: int, message_id: int, new_text: str) -> None:
        """The user edits one of their text messages: an edited_message update."""
        state = self.state
        chat = state.chats.get(chat_id)
        msg = state.find_message(chat, message_id) if chat is not None else None
        if chat is None or msg is None or msg.from_bot or msg.kind != "text":
            raise LookupError(f"chat {chat_id} has no user text message {message_id}")
        msg.text = msg.plain_text = new_text
        msg.entities = command_entities(new_text)
        msg.edit_count += 1
        msg.edit_date = int(time.time())
        state.enqueue(_kind(chat, edited=True), state.message_dict(msg))
        state.emit("user_edit", chat.id, msg)

    def block(self, chat_id: int) -> None:
        """The user blocks the bot: sends, edits and chat actions get 403 from now on."""
        self._set_blocked(chat_id, True)

    def unblock(self, chat_id: int) -> None:
        """The user unblocks the bot."""
        self._set_blocked(chat_id, False)

    def _set_blocked(self, chat_id: int, blocked: bool) -> None:
        """The bot also gets a my_chat_member update, as in Telegram."""
        state = self.state
        chat = state.ensure_chat(chat_id)
        if chat.blocked == blocked:
            return
        chat.blocked = blocked
        user = state.user(chat.user_id)
        date = int(time.time())
        update = chat_member_update(chat, user, state.bot_user, date, blocked=blocked)
        state.enqueue("my_chat_member", update)
