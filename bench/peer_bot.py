"""A plain python-telegram-bot bot with a database: the peer baseline of the check-in bench.

Written the way most bots are written: SQLAlchemy ORM models of its own, one async session
per message. `/log calcium 1200mg` is parsed with a small regex; the handler finds the user
by Telegram id, adds the entry, commits, and replies "Calcium 1200 mg saved." It stores into
the same tables as BoneCoach (`bc_user`, `nutrition_entry`, created by the bot's migrations)
and fills the same columns BoneCoach fills for a typed /log (source_key "m:<message id>",
the user's local day), so the benchmark verifies it the same way.

Set-up as in a typical bot: `create_async_engine(url)` with pool defaults; on SQLite the
same PRAGMAs as bot/db/engine.py (WAL, synchronous=NORMAL, busy_timeout, foreign keys), so
the storage settings are not what differs, and one update at a time (PTB's default); on
PostgreSQL `concurrent_updates(16)` like the real bot. HTTP client and polling as
bench/echo_bot.py (the real bot's settings). Imports nothing from bot/, so it runs against
any checkout whose migrations create these tables.
Reads TELEGRAM_BOT_TOKEN, TELEGRAM_API_URL and DATABASE_URL.

Run:  TELEGRAM_BOT_TOKEN=... TELEGRAM_API_URL=http://127.0.0.1:PORT \\
      DATABASE_URL=sqlite+aiosqlite:///path.db .venv/bin/python bench/peer_bot.py run
(`run` is optional; it lets BotProcess start it as `-m peer_bot run`.)
"""

from __future__ import annotations

import logging
import os
import re
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from echo_bot import http_request
from sqlalchemy import BigInteger, DateTime, ForeignKey, String, event, select
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from telegram import Update
from telegram.ext import Application, ApplicationBuilder, CommandHandler, ContextTypes

PeerApp = Application[Any, Any, Any, Any, Any, Any]

ENTRY = re.compile(r"^\s*([a-z][a-z ]*?)\s*(\d+(?:\.\d+)?)\s*(mg|mcg|g|iu)\s*$", re.IGNORECASE)
USAGE = "Usage: /log calcium 1200mg"


class Base(DeclarativeBase):
    """The peer's ORM models."""


class User(Base):
    """A user of the bot (only the columns this bot uses)."""

    __tablename__ = "bc_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    telegram_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    timezone: Mapped[str | None] = mapped_column(String(64))


class NutritionEntry(Base):
    """One logged nutrient amount."""

    __tablename__ = "nutrition_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("bc_user.id"))
    local_day: Mapped[date]
    nutrient: Mapped[str] = mapped_column(String(16))
    amount: Mapped[float]
    unit: Mapped[str] = mapped_column(String(8))
    entered_value: Mapped[float]
    entered_unit: Mapped[str] = mapped_column(String(8))
    source_key: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str) -> AsyncEngine:
    """The engine with pool defaults (WAL on SQLite)."""
    engine = create_async_engine(url)
    if url.startswith("sqlite"):
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
    return engine


def build(token: str, api_url: str, database_url: str) -> PeerApp:
    """The application: one /log handler."""
    engine = make_engine(database_url)
    sessions = async_sessionmaker(engine, expire_on_commit=False)

    async def log_nutrient(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        sender = update.effective_user
        if message is None or sender is None:
            return
        match = ENTRY.match(" ".join(context.args or []))
        if match is None:
            await message.reply_text(USAGE)
            return
        name, value, unit = match[1].lower(), float(match[2]), match[3].lower()
        async with sessions() as session:
            user = await session.scalar(select(User).where(User.telegram_id == sender.id))
            if user is None:
                await message.reply_text("Send /start first.")
                return
            now = datetime.now(UTC)
            session.add(
                NutritionEntry(
                    user_id=user.id,
                    local_day=now.astimezone(ZoneInfo(user.timezone or "UTC")).date(),
                    nutrient=name,
                    amount=value,
                    unit=unit,
                    entered_value=value,
                    entered_unit=unit,
                    source_key=f"m:{message.message_id}",
                    created_at=now,
                )
            )
            await session.commit()
        await message.reply_text(f"{name.capitalize()} {value:g} {unit} saved.")

    async def dispose(_app: PeerApp) -> None:
        await engine.dispose()

    api_url = api_url.rstrip("/")
    builder = (
        ApplicationBuilder()
        .token(token)
        .base_url(f"{api_url}/bot")
        .base_file_url(f"{api_url}/file/bot")
        .request(http_request(api_url, read_timeout=10))
        .get_updates_request(http_request(api_url, read_timeout=40))
        .job_queue(None)
        .post_shutdown(dispose)
    )
    if not database_url.startswith("sqlite"):
        builder = builder.concurrent_updates(16)
    app: PeerApp = builder.build()
    app.add_handler(CommandHandler("log", log_nutrient))
    return app


def main() -> None:
    """Poll until SIGTERM/SIGINT."""
    logging.basicConfig(
        level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    token = os.environ["TELEGRAM_BOT_TOKEN"]
    api_url = os.environ.get("TELEGRAM_API_URL", "https://api.telegram.org")
    build(token, api_url, os.environ["DATABASE_URL"]).run_polling(
        poll_interval=0.0, timeout=timedelta(seconds=10), allowed_updates=Update.ALL_TYPES
    )


if __name__ == "__main__":
    main()
