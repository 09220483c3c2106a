"""A strict Telegram Bot API emulator on 127.0.0.1, for tests, benchmarks and the sandbox chat.

It answers like Telegram, errors included (flood limits, blocked users, message and markup
limits, HTML parse errors), so a call Telegram would reject fails in tests first. It imports
nothing of the bot. api.py (BotApiEmulator), server.py (the aiohttp side), methods_*.py (the
Bot API methods), core.py and state.py (what the methods work with), users.py (what a human
does), models.py, params.py, updates.py, markup.py, validation.py, html.py, entities.py,
limits.py, webhook.py.
"""

from bot.sandbox.emulator.api import BotApiEmulator
from bot.sandbox.emulator.limits import ManualClock
from bot.sandbox.emulator.models import ChatEvent, RejectedCall, SentMessage

__all__ = ["BotApiEmulator", "ChatEvent", "ManualClock", "RejectedCall", "SentMessage"]
