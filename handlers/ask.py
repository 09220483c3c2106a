"""/ask and free-text questions: the best bites, honestly ranked; never an invented answer."""

from __future__ import annotations

import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CommandHandler, filters

from bot.context import BoneContext
from bot.domain.lessons import TOPICS, Lesson, is_confident
from handlers.callbacks import Why
from handlers.kit import Turn, Who, handler
from handlers.learn import show_bite
from handlers.safety_gate import safety_gate
from handlers.views.lessons import topics_keyboard

QUESTION_START = re.compile(
    r"^(what|why|how|when|which|who|where|does|do|is|are|can|could|should|would|will|"
    r"explain|tell me)\b",
    re.IGNORECASE,
)


def looks_like_question(text: str) -> bool:
    """A message that asks something (ends with ? or starts like a question)."""
    stripped = text.strip()
    return len(stripped) > 3 and (stripped.endswith("?") or bool(QUESTION_START.match(stripped)))


def _lesson_buttons(lessons: list[Lesson | None], prefix: str = "") -> InlineKeyboardMarkup:
    """One "Why?" button per lesson, one per row, titles cut to fit a button."""
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(f"{prefix}{x.title}"[:60], callback_data=Why(x.id).pack())]
            for x in lessons
            if x is not None
        ]
    )


async def answer_text(turn: Turn, text: str) -> None:
    """Answer a question from the bites, or say plainly that we have nothing good.

    Callers pass the text through the safety gate first (handlers/safety_gate.py).
    """
    library = turn.content.lessons
    hits = turn.content.lesson_index.search(text[:500], k=3)
    if is_confident(hits):
        await show_bite(turn, hits[0].lesson_id, lead="Here's what I know about that:")
        related = _lesson_buttons([library.get(h.lesson_id) for h in hits[1:]], "Related: ")
        if related.inline_keyboard:
            await turn.reply("More on this:", related)
        return
    if hits:
        await turn.reply(
            "I don't have a bite that answers that directly, and I won't guess. "
            "The closest I have:",
            _lesson_buttons([library.get(h.lesson_id) for h in hits]),
        )
        return
    topics = [t for t in TOPICS if library.by_topic(t)]
    await turn.reply(
        "I don't have anything on that — I only explain bone health on TRT and anastrozole. "
        "Pick a topic:",
        topics_keyboard(topics),
    )


@handler(Who.ANYONE)
async def ask(turn: Turn) -> None:
    """/ask <question>: the safety gate first, then the bites."""
    if not turn.argument:
        await turn.reply("Ask me anything about your bones, e.g. /ask why lift heavy?")
        return
    if await safety_gate(turn, turn.argument):
        return
    await answer_text(turn, turn.argument)


HANDLERS: list[BaseHandler[Update, BoneContext, None]] = [
    CommandHandler("ask", ask, filters=filters.ChatType.PRIVATE),
]
