"""Sandbox tooling: the Bot API emulator, and the real bot run against it.

emulator/ is a strict Telegram Bot API for tests, benchmarks and the local chat, and imports
nothing of the bot. terminal.py (`bonecoach sandbox`, with render.py) and bot_process.py (the
bot in its own process, for fault tests and benchmarks) start the real bot against it.
"""
