"""How each profile question looks in Telegram: prompt, buttons, and reading answers."""
