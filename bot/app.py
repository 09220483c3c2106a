"""build_app(settings): the one place that wires everything together."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from typing import Any
from urllib.parse import urlparse

from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    ApplicationBuilder,
    Defaults,
    ExtBot,
)
from telegram.request import HTTPXRequest

from bot.chat_order import PerChatUpdateProcessor
from bot.content import content_root, load_content
from bot.context import CONTEXT_TYPES, BoneContext, BotData, Resources
from bot.db.engine import create_engine, create_session_factory
from bot.db.migrate import upgrade
from bot.geo.timezone_lookup import warm_up_zone_index
from bot.scheduling.clock import Clock, SystemClock
from bot.scheduling.dispatcher import Dispatcher
from bot.scheduling.leader import DispatchLeader
from bot.scheduling.rendering import PromptRenderer
from bot.scheduling.send_limiter import SendLimiter
from bot.scheduling.tick_work import TickWork
from bot.scheduling.ticker import Ticker
from bot.settings import Settings
from handlers.errors import on_error
from handlers.help_commands import COMMANDS
from handlers.registry import all_handlers
from handlers.views.prompts import format_prompt

log = logging.getLogger("bonecoach.app")

BoneApp = Application[ExtBot[int], BoneContext, dict[Any, Any], dict[Any, Any], BotData, Any]


def _is_loopback(url: str) -> bool:
    return (urlparse(url).hostname or "") in {"127.0.0.1", "localhost", "::1"}


def _request(settings: Settings, *, read_timeout: float) -> HTTPXRequest:
    # httpx would send 127.0.0.1 traffic through an HTTP(S)_PROXY; never for a local server.
    return HTTPXRequest(
        connection_pool_size=16,
        read_timeout=read_timeout,
        httpx_kwargs={"trust_env": not _is_loopback(settings.telegram_api_url)},
    )


def build_app(settings: Settings, *, clock: Clock | None = None, webhook: bool = False) -> BoneApp:
    """The Telegram application with handlers, resources and the ticker attached."""
    if settings.telegram_bot_token is None:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    # Invalid content stops the start here, naming the file and the problem.
    content = load_content(content_root(settings.content_dir))
    # SQLite has one writer, and in WAL mode a transaction that read before another one's
    # commit cannot write afterwards ("database is locked" at once): one update at a time.
    one_writer = settings.database_url.startswith("sqlite")
    engine = create_engine(settings.database_url)
    resources = Resources(
        settings=settings,
        engine=engine,
        sessions=create_session_factory(engine),
        clock=clock or SystemClock(),
        content=content,
    )
    processor = PerChatUpdateProcessor(working=1 if one_writer else 16)
    builder = ApplicationBuilder()
    if webhook:
        builder = builder.updater(None)  # updates arrive through bot.web.server
    app: BoneApp = (
        builder.token(settings.telegram_bot_token.get_secret_value())
        .base_url(f"{settings.telegram_api_url}/bot")
        .base_file_url(f"{settings.telegram_api_url}/file/bot")
        .request(_request(settings, read_timeout=10))
        .get_updates_request(_request(settings, read_timeout=40))
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        .rate_limiter(SendLimiter(overall_max_rate=settings.send_rate_per_second, max_retries=3))
        .concurrent_updates(processor)
        .context_types(CONTEXT_TYPES)
        .job_queue(None)
        .post_init(on_startup)
        .post_shutdown(on_shutdown)
        .build()
    )
    app.bot_data.attach(resources)
    processor.observe(app.bot_data.metrics.observe_update)
    app.add_handlers(all_handlers())
    app.add_error_handler(on_error)
    dispatcher = Dispatcher(
        app.bot,
        resources.sessions,
        PromptRenderer(content, format_prompt),
        catch_up=timedelta(minutes=settings.catch_up_minutes),
        plan_per_run=plan_per_tick(settings),
        concurrency=1 if one_writer else 8,
    )
    leader = DispatchLeader(engine)
    app.bot_data.attach_leader(leader)
    ticker = Ticker(
        TickWork(app.bot, resources.sessions, dispatcher, leader, app.bot_data.metrics),
        clock=resources.clock,
        seconds=settings.scheduler_tick_seconds,
        on_stop=dispatcher.request_stop,
    )
    app.bot_data.attach_ticker(ticker)
    return app


def plan_per_tick(settings: Settings) -> int:
    """A tick plans a little more than it can send before the next tick (at least a batch):
    a backlog of thousands is planned over several ticks, each tick's work stays bounded."""
    can_send = settings.send_rate_per_second * settings.scheduler_tick_seconds
    return max(500, int(can_send * 1.2))


async def on_startup(app: BoneApp) -> None:
    """Apply pending migrations, publish the command menu, start ticking."""
    resources = app.bot_data.resources
    applied = await upgrade(resources.engine)
    if applied:
        log.info("applied %d migration(s)", len(applied))
    await app.bot.set_my_commands(list(COMMANDS))
    await asyncio.to_thread(warm_up_zone_index)  # 0.7 s once, off the event loop
    app.bot_data.ticker.start()


async def on_shutdown(app: BoneApp) -> None:
    """Stop ticking, give up the dispatch lock and close the database."""
    await app.bot_data.ticker.stop()
    await app.bot_data.leader.release()
    await app.bot_data.resources.engine.dispose()


async def start_polling(app: BoneApp) -> None:
    """Start like `run_polling` does, but return: for the sandbox and tests."""
    await app.initialize()
    await on_startup(app)
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0.0, timeout=10, drop_pending_updates=False)


async def stop_polling(app: BoneApp) -> None:
    """The reverse of `start_polling`."""
    assert app.updater is not None
    if app.updater.running:
        await app.updater.stop()
    if app.running:
        await app.stop()
    await on_shutdown(app)
    await app.shutdown()


__all__ = ["BoneApp", "Update", "build_app", "start_polling", "stop_polling"]
