"""Pure parts of the emulator: the HTML parser, validation helpers, the token buckets."""

from __future__ import annotations

import pytest

from bot.sandbox.emulator.entities import Entity
from bot.sandbox.emulator.html import HtmlParseError, parse_html
from bot.sandbox.emulator.limits import RateLimiter, TokenBucket
from bot.sandbox.emulator.markup import validate_reply_markup
from bot.sandbox.emulator.models import ApiError
from bot.sandbox.emulator.updates import command_entities


def test_parse_html_entities_use_utf16_offsets() -> None:
    """Entity offsets count UTF-16 code units, so an emoji before a tag counts twice."""
    plain, entities = parse_html("💊 <b>dose</b> &amp; <a href='https://x.org'>more</a>")
    assert plain == "💊 dose & more"
    assert entities == [Entity("bold", 3, 4), Entity("text_link", 10, 4, "https://x.org")]


def test_parse_html_pre_with_language_and_spoilers() -> None:
    """<pre><code class="language-x"> becomes one pre entity with a language."""
    plain, entities = parse_html(
        '<pre><code class="language-python">x = 1</code></pre><span class="tg-spoiler">s</span>'
    )
    assert plain == "x = 1s"
    assert entities == [Entity("pre", 0, 5, "python"), Entity("spoiler", 5, 1)]
    assert entities[0].to_dict() == {"type": "pre", "offset": 0, "length": 5, "language": "python"}


def test_parse_html_error_offsets_are_bytes() -> None:
    """Byte offsets in errors count UTF-8 bytes, as tdlib reports them."""
    with pytest.raises(HtmlParseError, match='"foo" at byte offset 3'):
        parse_html("é <foo>")


def test_parse_html_numeric_entities() -> None:
    """Decimal and hex character references decode; zero and surrogates are rejected."""
    assert parse_html("&#39;&#x27;&#128138;")[0] == "''💊"
    for bad in ("&#0;", "&#xD800;", "&amp"):
        with pytest.raises(HtmlParseError):
            parse_html(bad)


def test_command_entities_follow_telegram_rules() -> None:
    """Commands are found at word starts; a path or an e-mail-like text is not a command."""
    assert command_entities("/start") == [{"type": "bot_command", "offset": 0, "length": 6}]
    assert command_entities("/log@BoneCoachBot 5mg") == [
        {"type": "bot_command", "offset": 0, "length": 17}
    ]
    assert command_entities("a/b /help") == [{"type": "bot_command", "offset": 4, "length": 5}]
    assert command_entities("no commands") == []


def test_reply_markup_accepts_json_text_and_limits_buttons() -> None:
    """Markup may arrive as JSON text; more than 100 buttons are too many."""
    markup = validate_reply_markup('{"inline_keyboard": [[{"text": "a", "url": "https://a.b"}]]}')
    assert markup == {"inline_keyboard": [[{"text": "a", "url": "https://a.b"}]]}
    many = {"inline_keyboard": [[{"text": "b", "callback_data": "b"}] for _ in range(101)]}
    with pytest.raises(ApiError, match="reply markup is too long"):
        validate_reply_markup(many)


def test_token_bucket_refills_at_its_rate() -> None:
    """A bucket starts full, empties one token per take and refills rate tokens per second."""
    bucket = TokenBucket(capacity=2, rate=1.0, now=0.0)
    bucket.take(0.0)
    bucket.take(0.0)
    assert bucket.wait_time(0.0) == pytest.approx(1.0)
    assert bucket.wait_time(0.25) == pytest.approx(0.75)
    assert bucket.wait_time(10.0) == 0.0
    assert bucket.tokens == 2  # never above capacity


def test_rate_limiter_takes_all_or_nothing() -> None:
    """A refused send takes no token from any bucket; retry_after is whole seconds >= 1."""
    now = [0.0]
    limiter = RateLimiter(global_rate=3, chat_rate=0.5, chat_burst=1, monotonic=lambda: now[0])
    assert limiter.acquire(1) is None
    assert limiter.acquire(1) == 2  # the chat refills one token every 2 s
    assert limiter.acquire(2) is None
    assert limiter.acquire(3) is None
    assert limiter.acquire(4) == 1  # overall bucket empty
    now[0] = 2.0
    assert limiter.acquire(1) is None


def test_group_chats_get_twenty_per_minute() -> None:
    """A group chat may get 20 messages a minute, the 21st waits."""
    now = [0.0]
    limiter = RateLimiter(chat_rate=100, chat_burst=100, monotonic=lambda: now[0])
    for n in range(20):
        now[0] = n * 0.1
        assert limiter.acquire(-100, is_group=True) is None
    assert limiter.acquire(-100, is_group=True) == 2
    assert RateLimiter(enabled=False).acquire(1) is None
