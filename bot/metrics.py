"""Prometheus metrics of one bot process (its own registry, so tests can build many apps)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram


class Metrics:
    """Counters and timings an operator watches."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.updates = Counter(
            "bonecoach_updates_total", "Telegram updates handled", registry=self.registry
        )
        self.handler_seconds = Histogram(
            "bonecoach_handler_seconds",
            "Time to handle one update",
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
            registry=self.registry,
        )
        self.deliveries = Counter(
            "bonecoach_deliveries_total",
            "Scheduled messages by outcome",
            ["outcome"],
            registry=self.registry,
        )
        self.rate_limited = Counter(
            "bonecoach_telegram_429_total", "Too Many Requests answers", registry=self.registry
        )
        self.update_retries = Counter(
            "bonecoach_update_retries_total",
            "Updates handed to the handlers again after a database outage",
            ["outcome"],  # retried | gave_up
            registry=self.registry,
        )
        self.queue_lag = Histogram(
            "bonecoach_delivery_lag_seconds",
            "How late a scheduled message went out",
            buckets=(1, 5, 15, 30, 60, 120, 300, 900, 3600, 10800),
            registry=self.registry,
        )

    def observe_update(self, seconds: float) -> None:
        """One update handled, in `seconds`."""
        self.updates.inc()
        self.handler_seconds.observe(seconds)
