"""Text shared by every topic: answer clean-up, the invalid-answer error, the lesson HTML subset.

answers.py (InvalidAnswer, normalize and small helpers), telegram_html.py (the strict checker
for the Telegram HTML subset lesson texts use).
"""

from bot.domain.text.answers import InvalidAnswer, normalize, quoted, word_set
from bot.domain.text.telegram_html import html_problems, html_to_text

__all__ = [
    "InvalidAnswer",
    "html_problems",
    "html_to_text",
    "normalize",
    "quoted",
    "word_set",
]
