"""What every handler can reach: settings, DB sessions and the clock, typed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine
from telegram.ext import CallbackContext, ContextTypes, ExtBot

from bot.content import Content
from bot.db.engine import SessionFactory
from bot.metrics import Metrics
from bot.outage_retries import OutageRetries
from bot.scheduling.clock import Clock
from bot.scheduling.leader import DispatchLeader
from bot.scheduling.ticker import Ticker
from bot.settings import Settings


@dataclass
class Resources:
    """Long-lived things opened at start and closed at shutdown."""

    settings: Settings
    engine: AsyncEngine
    sessions: SessionFactory
    clock: Clock
    content: Content


class BotData:
    """`context.bot_data`: holds the resources once `build_app` has attached them."""

    def __init__(self) -> None:
        self._resources: Resources | None = None
        self._ticker: Ticker | None = None
        self._leader: DispatchLeader | None = None
        self.metrics = Metrics()
        self.outage_retries = OutageRetries()

    def attach_leader(self, leader: DispatchLeader) -> None:
        """Set the dispatch-lock holder (once, in build_app)."""
        self._leader = leader

    @property
    def leader(self) -> DispatchLeader:
        """Whether this replica may dispatch."""
        if self._leader is None:
            raise RuntimeError("leader is not attached; build the app with build_app()")
        return self._leader

    def attach_ticker(self, ticker: Ticker) -> None:
        """Set the ticker (once, in build_app)."""
        self._ticker = ticker

    @property
    def ticker(self) -> Ticker:
        """The scheduler tick of this app."""
        if self._ticker is None:
            raise RuntimeError("ticker is not attached; build the app with build_app()")
        return self._ticker

    def attach(self, resources: Resources) -> None:
        """Set the resources (once, in build_app)."""
        self._resources = resources

    @property
    def resources(self) -> Resources:
        """The attached resources; a clear error if wiring forgot them."""
        if self._resources is None:
            raise RuntimeError("resources are not attached; build the app with build_app()")
        return self._resources


BoneContext = CallbackContext[ExtBot[int], dict[Any, Any], dict[Any, Any], BotData]
CONTEXT_TYPES: ContextTypes[BoneContext, dict[Any, Any], dict[Any, Any], BotData] = ContextTypes(
    context=CallbackContext, bot_data=BotData
)
