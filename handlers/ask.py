"""/ask and free-text questions: the best bites, honestly ranked; never an invented answer."""

from __future__ import annotations

import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import BaseHandler, CommandHandler, filters

from bot.context import BoneContext
from bot.domain.lessons import TOPICS, is_confident, is_dose_question
from handlers.common import resources
from handlers.learn import show_bite
from handlers.lesson_views import topics_keyboard

QUESTION_START = re.compile(
    r"^(what|why|how|when|which|who|where|does|do|is|are|can|could|should|would|will|"
    r"explain|tell me)\b",
    re.IGNORECASE,
)
DOSE_REPLY = (
    "That is a dose question, and doses are for your prescriber — I never suggest them. "
    "Write it down for your next visit, or message the clinic. /learn explains the why behind "
    "your plan."
)


def looks_like_question(text: str) -> bool:
    """A message that asks something (ends with ? or starts like a question)."""
    stripped = text.strip()
    return len(stripped) > 3 and (stripped.endswith("?") or bool(QUESTION_START.match(stripped)))


async def answer_text(update: Update, context: BoneContext, text: str) -> None:
    """Answer a question from the bites, or say plainly that we have nothing good."""
    message = update.effective_message
    assert isinstance(message, Message)
    if is_dose_question(text):
        await message.reply_text(DOSE_REPLY)
        return
    res = resources(context)
    library = res.content.lessons
    hits = res.content.lesson_index.search(text[:500], k=3)
    topics = [t for t in TOPICS if library.by_topic(t)]
    if is_confident(hits):
        await show_bite(update, context, hits[0].lesson_id, lead="Here's what I know about that:")
        related = [library.get(h.lesson_id) for h in hits[1:]]
        buttons = [
            [InlineKeyboardButton(f"Related: {x.title}"[:60], callback_data=f"why|{x.id}")]
            for x in related
            if x is not None
        ]
        if buttons:
            await message.reply_text("More on this:", reply_markup=InlineKeyboardMarkup(buttons))
        return
    if hits:
        closest = [library.get(h.lesson_id) for h in hits]
        buttons = [
            [InlineKeyboardButton(x.title[:60], callback_data=f"why|{x.id}")]
            for x in closest
            if x is not None
        ]
        await message.reply_text(
            "I don't have a bite that answers that directly, and I won't guess. "
            "The closest I have:",
            reply_markup=InlineKeyboardMarkup(buttons),
        )
        return
    await message.reply_text(
        "I don't have anything on that — I only explain bone health on TRT and anastrozole. "
        "Pick a topic:",
        reply_markup=topics_keyboard(topics),
    )


async def ask(update: Update, context: BoneContext) -> None:
    """/ask <question>."""
    message = update.effective_message
    assert message is not None
    question = " ".join(context.args or []).strip()
    if not question:
        await message.reply_text("Ask me anything about your bones, e.g. /ask why lift heavy?")
        return
    await answer_text(update, context, question)


HANDLERS: list[BaseHandler[Update, BoneContext, None]] = [
    CommandHandler("ask", ask, filters=filters.ChatType.PRIVATE),
]
