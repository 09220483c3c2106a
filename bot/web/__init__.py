"""The webhook server: Telegram updates in, health and metrics out."""
