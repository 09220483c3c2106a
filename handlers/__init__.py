"""Thin Telegram adapters, one module per feature; `all_handlers()` composes them."""
