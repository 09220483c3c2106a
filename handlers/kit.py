"""The handler kit: every callback gets one Turn — one unit of work, the sender, now, replies.

```python
@handler(Who.READY)
async def resume(turn: Turn) -> None:
    \"\"\"/resume restarts prompts after a pause or a stop.\"\"\"
    ...
```

The decorator opens one UnitOfWork for the update, finds the sender's Account, reads the
clock once, and refuses senders the handler is not for with today's texts (a reply to a
message, an answer to a button). Exceptions are not caught: they reach the error handler,
which retries updates that met a database outage. Helpers take the Turn, never a session of
their own, so an update holds one database connection.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum, auto
from typing import Any

from telegram import (
    CallbackQuery,
    ForceReply,
    InlineKeyboardMarkup,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram.ext import ExtBot

from bot.content import Content
from bot.context import BoneContext
from bot.services.accounts import Account, find_account
from bot.services.unit_of_work import UnitOfWork
from bot.settings import Settings
from handlers.views import texts

Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | ForceReply


class Who(Enum):
    """Whom a handler serves."""

    ANYONE = auto()  # strangers too: turn.maybe_me is None for them
    MEMBER = auto()  # anyone who consented, set up or not
    READY = auto()  # finished setting up


@dataclass
class Turn:
    """One update being handled: its unit of work, the sender, the clock's now, and replies."""

    update: Update
    context: BoneContext
    uow: UnitOfWork
    now: datetime
    maybe_me: Account | None

    @property
    def me(self) -> Account:
        """The sender's account (handlers gated MEMBER or READY always have one)."""
        if self.maybe_me is None:
            raise RuntimeError("this update has no account: gate the handler MEMBER or READY")
        return self.maybe_me

    def became(self, account: Account) -> None:
        """Use the account a service returned from here on (his profile changed)."""
        self.maybe_me = account

    @property
    def telegram_id(self) -> int:
        """The sender's Telegram user id."""
        user = self.update.effective_user
        if user is None:
            raise ValueError("update has no sender")
        return user.id

    @property
    def chat_id(self) -> int:
        """The chat this update came from."""
        chat = self.update.effective_chat
        if chat is None:
            raise ValueError("update has no chat")
        return chat.id

    @property
    def query(self) -> CallbackQuery | None:
        """The button press, when this update is one."""
        return self.update.callback_query

    @property
    def data(self) -> str:
        """The pressed button's callback data ('' for other updates)."""
        query = self.update.callback_query
        return query.data or "" if query is not None else ""

    @property
    def message(self) -> Message | None:
        """The message he sent, or for a button press the message the button sits on."""
        query = self.update.callback_query
        if query is not None:
            return query.message if isinstance(query.message, Message) else None
        return self.update.effective_message

    @property
    def text(self) -> str:
        """The text he typed ('' for other updates)."""
        message = self.update.effective_message
        return message.text or "" if message is not None else ""

    @property
    def argument(self) -> str:
        """A command's arguments as one stripped string ('/pause 3 days' → '3 days')."""
        return " ".join(self.context.args or []).strip()

    @property
    def today(self) -> date:
        """The sender's local date (UTC's for a stranger or before he set a zone)."""
        return self.maybe_me.today(self.now) if self.maybe_me is not None else self.now.date()

    @property
    def content(self) -> Content:
        """Lessons and catalogues."""
        return self.context.bot_data.resources.content

    @property
    def settings(self) -> Settings:
        """The operator's settings."""
        return self.context.bot_data.resources.settings

    @property
    def bot(self) -> ExtBot[int]:
        """The bot, for what the helpers below do not cover (photos, documents, actions)."""
        return self.context.bot

    async def reply(self, text: str, markup: Markup | None = None) -> Message:
        """A new message in his chat: a reply to what he typed, or after a button press."""
        message = self.update.effective_message
        if self.update.callback_query is None and message is not None:
            return await message.reply_text(text, reply_markup=markup)
        return await self.context.bot.send_message(self.chat_id, text, reply_markup=markup)

    async def answer(self, text: str | None = None, *, alert: bool = False) -> None:
        """Answer the button press (a toast, or an alert); nothing for other updates."""
        if self.update.callback_query is not None:
            await self.update.callback_query.answer(text, show_alert=alert)

    async def edit(self, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
        """Rewrite the message the pressed button sits on."""
        message = self.message
        if self.update.callback_query is not None and message is not None:
            await message.edit_text(text, reply_markup=markup)

    async def edit_markup(self, markup: InlineKeyboardMarkup | None) -> None:
        """Change (or with None remove) the buttons of the message the pressed button sits on."""
        message = self.message
        if self.update.callback_query is not None and message is not None:
            await message.edit_reply_markup(markup)

    async def release(self) -> None:
        """Give the database connection back before slow work that needs none (drawing, uploads).

        Whatever was not committed is dropped; a later query in this turn starts a new transaction.
        """
        await self.uow.rollback()


TurnHandler = Callable[[Turn], Awaitable[None]]
Callback = Callable[[Update, BoneContext], Coroutine[Any, Any, None]]


async def _refuse(turn: Turn, text: str | None, *, alert: bool) -> None:
    if turn.query is not None:
        await turn.answer(text, alert=alert)
    elif text is not None:
        await turn.reply(text)


def handler(
    who: Who,
    *,
    stranger: str | None = texts.START_FIRST,
    unfinished: str | None = texts.FINISH_SETUP,
    alert: bool = False,
    lookup: bool = True,
) -> Callable[[TurnHandler], Callback]:
    """Make a Turn handler a python-telegram-bot callback with one unit of work per update.

    Who is refused, and how: a sender with no account gets `stranger` (MEMBER, READY); one who
    has not finished setting up gets `unfinished` (READY). On a button press the text is the
    answer's toast (an alert with `alert=True`; None answers silently); on a message, a reply
    (None: no reply). `lookup=False` (ANYONE only) skips finding the sender: for handlers
    that need no account, such as /help, which then work even while the database is away.
    """
    if not lookup and who is not Who.ANYONE:
        raise ValueError("only a handler for anyone can skip finding the sender")

    def wrap(function: TurnHandler) -> Callback:
        @functools.wraps(function)
        async def callback(update: Update, context: BoneContext) -> None:
            resources = context.bot_data.resources
            async with UnitOfWork(resources.sessions) as uow:
                sender = update.effective_user
                me = None
                if lookup and sender is not None:
                    me = await find_account(uow, telegram_id=sender.id)
                turn = Turn(update, context, uow, resources.clock.now(), me)
                if who is not Who.ANYONE and me is None:
                    await _refuse(turn, stranger, alert=alert)
                    return
                if who is Who.READY and me is not None and not me.is_set_up:
                    await _refuse(turn, unfinished, alert=alert)
                    return
                await function(turn)

        return callback

    return wrap
