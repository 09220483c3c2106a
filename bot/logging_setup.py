"""Logging that never prints a token, and quiets libraries that log request URLs."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import TextIO


class RedactSecrets(logging.Filter):
    """Replace any secret that slips into a log line with '***'."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self._secrets = [s for s in secrets if s]

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record's message with the secrets masked."""
        if not self._secrets:
            return True
        message = record.getMessage()
        masked = message
        for secret in self._secrets:
            masked = masked.replace(secret, "***")
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info and record.exc_info[1] is not None:
            text = logging.Formatter().formatException(record.exc_info)
            for secret in self._secrets:
                text = text.replace(secret, "***")
            record.exc_text, record.exc_info = text, None
        return True


def configure_logging(
    level: str, secrets: Iterable[str] = (), *, stream: TextIO | None = None
) -> None:
    """Root logging at `level` (to stderr or `stream`), secrets masked, request URLs off."""
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactSecrets(secrets))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("httpx", "httpcore", "aiohttp.access"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    # "skipped: maximum number of running instances reached" is the Ticker working as meant
    # (a long tick makes the next ones wait); the tick logs its own failures.
    logging.getLogger("apscheduler.executors.default").setLevel(logging.ERROR)
    logging.getLogger("apscheduler.scheduler").setLevel(logging.WARNING)
