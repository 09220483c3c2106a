"""Asking a profile question and taking its answer: shared by onboarding and /settings."""

from __future__ import annotations

from datetime import datetime
from html import escape

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Message, ReplyKeyboardRemove

from bot.context import BoneContext
from bot.db.models import User, UserStatus
from bot.domain.profile import AnswerValue, Question, ZoneName, onboarding_position
from bot.services.profile import ask, save_answer
from handlers import texts
from handlers.common import local_now
from handlers.profile_summary import profile_lines
from handlers.questions.registry import view_for


def question_text(user: User, question: Question) -> str:
    """The prompt, with 'Step 3 of 8' while onboarding."""
    prompt = view_for(question).prompt(user)
    if user.status == UserStatus.ONBOARDING:
        step, total = onboarding_position(question)
        return f"<i>Step {step} of {total}</i>\n{prompt}"
    return prompt


async def send_question(
    context: BoneContext,
    session: AsyncSession,
    user: User,
    question: Question,
    *,
    now: datetime,
    lead: str = "",
) -> None:
    """Remember the question as pending and send it with its buttons."""
    await ask(session, user=user, question=question, now=now)
    text = question_text(user, question)
    await context.bot.send_message(
        user.chat_id,
        f"{lead}\n\n{text}" if lead else text,
        reply_markup=view_for(question).keyboard(user),
    )


def answer_line(user: User, question: Question, value: AnswerValue, now: datetime) -> str:
    """'✅ Time zone: <b>Europe/Berlin</b> — it's 21:15 there now' (escaped)."""
    view = view_for(question)
    line = f"✅ {escape(view.title)}: <b>{escape(view.describe(value))}</b>"
    if isinstance(value, ZoneName):
        line += f" — it's {local_now(user, now).strftime('%H:%M')} there now"
    return line


async def take_answer(
    context: BoneContext,
    session: AsyncSession,
    user: User,
    question: Question,
    value: AnswerValue,
    *,
    now: datetime,
    answered: Message | None = None,
    remove_reply_keyboard: bool = False,
) -> None:
    """Store an answer, confirm it, and ask what comes next (or finish onboarding).

    `answered` is the question message when he tapped a button: it is edited to show the
    answer, so its buttons cannot be pressed again.
    """
    saved = await save_answer(session, user=user, question=question, value=value, now=now)
    line = answer_line(user, question, value, now)
    lead = line
    if answered is not None:
        await answered.edit_text(f"{view_for(question).prompt(user)}\n\n{line}")
        lead = ""
    if remove_reply_keyboard:
        await context.bot.send_message(user.chat_id, line, reply_markup=ReplyKeyboardRemove())
        lead = ""
    if saved.next_question is not None:
        await send_question(context, session, user, saved.next_question, now=now, lead=lead)
        return
    if saved.onboarding_finished:
        summary = f"{texts.ONBOARDING_DONE}\n\n{profile_lines(user)}"
        await context.bot.send_message(user.chat_id, f"{lead}\n\n{summary}" if lead else summary)
        return
    if lead:
        await context.bot.send_message(user.chat_id, f"{lead}\nSaved. /settings shows it all.")
