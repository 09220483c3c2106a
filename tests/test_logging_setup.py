"""Logs never carry the bot token, and request-URL logging is off."""

from __future__ import annotations

import io
import logging

from bot.logging_setup import RedactSecrets, configure_logging

TOKEN = "123456:ABCdefGhIJKlmnoPQRstuVWxyz0123456789"


def test_token_in_a_message_or_traceback_is_masked() -> None:
    """A token in the message text or in an exception's traceback is replaced by ***."""
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, "url %s", (f"/bot{TOKEN}/x",), None)
    try:
        raise RuntimeError(f"failed at /bot{TOKEN}/getMe")
    except RuntimeError as exc:
        record.exc_info = (type(exc), exc, exc.__traceback__)
    assert RedactSecrets([TOKEN]).filter(record)
    formatted = logging.Formatter().format(record)
    assert TOKEN not in formatted
    assert "***" in formatted


def test_configured_logging_hides_http_request_lines() -> None:
    """httpx's per-request INFO lines (which contain the token in the URL) are silenced."""
    stream = io.StringIO()
    configure_logging("DEBUG", [TOKEN], stream=stream)
    try:
        logging.getLogger("httpx").info("HTTP Request: POST https://x/bot%s/getMe", TOKEN)
        logging.getLogger("bonecoach.test").info("token is %s", TOKEN)
    finally:
        logging.getLogger().handlers.clear()
    output = stream.getvalue()
    assert "HTTP Request" not in output
    assert TOKEN not in output
    assert "token is ***" in output
