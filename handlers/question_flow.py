"""Asking a profile question and taking its answer: shared by onboarding and /settings."""

from __future__ import annotations

from datetime import datetime, timedelta
from html import escape
from zoneinfo import ZoneInfo

from telegram import ReplyKeyboardRemove

from bot.domain.profile import (
    ONBOARDING_ORDER,
    AnswerValue,
    Question,
    ScreenAnswer,
    ZoneName,
    onboarding_position,
)
from bot.domain.schedule.prompt_timing import NUTRITION, TRAINING
from bot.services.accounts import Account
from bot.services.profile import ask, save_answer
from handlers.kit import Turn
from handlers.views import texts
from handlers.views.profile import profile_lines
from handlers.views.questions.registry import view_for


def question_text(account: Account, question: Question) -> str:
    """The prompt, with 'Step 3 of 8' while onboarding."""
    prompt = view_for(question).prompt(account)
    if not account.is_set_up:
        step, total = onboarding_position(question)
        return f"<i>Step {step} of {total}</i>\n{prompt}"
    return prompt


_NEXT_NAMES = {TRAINING: "training prompt", NUTRITION: "evening check-in"}
_NEXT_FOR = {
    Question.TIMEZONE: (TRAINING, NUTRITION),
    Question.TRAINING_TIME: (TRAINING,),
    Question.NUTRITION_TIME: (NUTRITION,),
}
DUE_NOW = timedelta(minutes=1)


def next_prompts_text(
    next_due: dict[str, datetime], question: Question, account: Account, now: datetime
) -> str:
    """'\nNext evening check-in: today at 20:00.' (or 'now: today's was still due')."""
    zone = ZoneInfo(account.zone or "UTC")
    today = now.astimezone(zone).date()
    lines = []
    for kind in _NEXT_FOR.get(question, ()):
        due = next_due.get(kind)
        if due is None:
            continue
        local = due.astimezone(zone)
        if due <= now + DUE_NOW:
            when = "now — today's was still due"
        elif local.date() == today:
            when = f"today at {local:%H:%M}"
        elif local.date() == today + timedelta(days=1):
            when = f"tomorrow at {local:%H:%M}"
        else:
            when = f"{local:%A} at {local:%H:%M}"
        lines.append(f"\nNext {_NEXT_NAMES[kind]}: {when}.")
    return "".join(lines)


async def send_question(turn: Turn, question: Question, *, lead: str = "") -> None:
    """Remember the question as pending and send it with its buttons."""
    me = await ask(turn.uow, account=turn.me, question=question, now=turn.now)
    turn.became(me)
    text = question_text(me, question)
    await turn.reply(f"{lead}\n\n{text}" if lead else text, view_for(question).keyboard(me))


async def resume_onboarding(turn: Turn, *, lead: str) -> None:
    """Ask again the question his setup stopped at."""
    await send_question(turn, turn.me.pending_question or ONBOARDING_ORDER[0], lead=lead)


def answer_line(account: Account, question: Question, value: AnswerValue, now: datetime) -> str:
    """'✅ Time zone: <b>Europe/Berlin</b> — it's 21:15 there now' (escaped)."""
    view = view_for(question)
    line = f"✅ {escape(view.title)}: <b>{escape(view.describe(value))}</b>"
    if isinstance(value, ZoneName):
        line += f" — it's {account.local_now(now).strftime('%H:%M')} there now"
    if isinstance(value, ScreenAnswer):
        line += "\n" + (texts.SCREEN_FLAGGED if value.findings else texts.SCREEN_CLEAR)
    return line


async def take_answer(
    turn: Turn,
    question: Question,
    value: AnswerValue,
    *,
    answered: bool = False,
    remove_reply_keyboard: bool = False,
) -> None:
    """Store an answer, confirm it, and ask what comes next (or finish onboarding).

    `answered` when he tapped a button of the question message: it is edited to show the
    answer, so its buttons cannot be pressed again.
    """
    saved = await save_answer(
        turn.uow, account=turn.me, question=question, value=value, now=turn.now
    )
    me = saved.account
    turn.became(me)
    line = answer_line(me, question, value, turn.now)
    if saved.next_due:
        line += next_prompts_text(saved.next_due, question, me, turn.now)
    lead = line
    if answered:
        await turn.edit(f"{view_for(question).prompt(me)}\n\n{line}")
        lead = ""
    if remove_reply_keyboard:
        await turn.reply(line, ReplyKeyboardRemove())
        lead = ""
    if saved.next_question is not None:
        await send_question(turn, saved.next_question, lead=lead)
        return
    if saved.onboarding_finished:
        summary = f"{texts.ONBOARDING_DONE}\n\n{profile_lines(me)}"
        await turn.reply(f"{lead}\n\n{summary}" if lead else summary)
        return
    if lead:
        await turn.reply(f"{lead}\nSaved. /settings shows it all.")
