"""Sandbox tooling: a strict Telegram Bot API emulator for end-to-end tests and a local chat."""
