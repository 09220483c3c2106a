"""/progress (a chart of the last weeks, plus learning), /report (a PDF for his clinician),
and the weekly summary's "chart" button.

matplotlib and fpdf2 are imported when first needed, not at start: they are ~50 MB of a
process that mostly answers check-ins (bench/RESULTS.md, memory).
"""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update
from telegram.constants import ChatAction
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

from bot.context import BoneContext
from bot.services.progress_report import progress_data, report_data
from handlers.common import local_today, resources, set_up_user
from handlers.learn import learning_summary

PRIVATE = filters.ChatType.PRIVATE


async def progress(update: Update, context: BoneContext) -> None:
    """A chart of training, lifts, nutrition and labs, with a few lines on learning."""
    message = update.effective_message
    assert message is not None
    res = resources(context)
    async with res.sessions() as session:
        user = await set_up_user(session, update)
        if user is None:
            return
        await context.bot.send_chat_action(message.chat_id, ChatAction.UPLOAD_PHOTO)
        today = local_today(user, res.clock.now())
        data = await progress_data(session, user=user, content=res.content, today=today)
        caption = await learning_summary(session, user, context)
    from bot.reports.charts import progress_chart

    picture = await asyncio.to_thread(progress_chart, data)  # ~0.5 s of drawing, off the loop
    await message.reply_photo(
        InputFile(picture, filename=f"bonecoach-progress-{today.isoformat()}.png"),
        caption=caption[:1024],
    )


async def report(update: Update, context: BoneContext) -> None:
    """A one-to-two page PDF: labs with flags, adherence, loads, nutrition, the disclaimer."""
    message = update.effective_message
    assert message is not None
    res = resources(context)
    async with res.sessions() as session:
        user = await set_up_user(session, update)
        if user is None:
            return
        await context.bot.send_chat_action(message.chat_id, ChatAction.UPLOAD_DOCUMENT)
        today = local_today(user, res.clock.now())
        data = await report_data(session, user=user, content=res.content, today=today)
    from bot.reports.clinician_pdf import clinician_report

    pdf = await asyncio.to_thread(clinician_report, data)
    await message.reply_document(
        pdf,
        filename=f"bonecoach-report-{today.isoformat()}.pdf",
        caption="A summary for your clinician. Not a medical record; values as you entered them.",
    )


WEEK_CHART_PREFIX = "wk:"
WEEK_CHART_MAX_AGE = timedelta(days=62)
WEEK_CHART_GONE = "That week's chart is no longer available — /progress shows the last weeks."


def week_chart_button(summary_day: date) -> InlineKeyboardMarkup:
    """The weekly summary's one button: draw that week's chart on request."""
    data = f"{WEEK_CHART_PREFIX}{summary_day.isoformat()}"
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton("📈 This week's chart", callback_data=data)]]
    )


async def week_chart(update: Update, context: BoneContext) -> None:
    """Draw the chart of the week a summary was about (sent only when he asks for it)."""
    query = update.callback_query
    message = update.effective_message
    assert query is not None and query.data is not None and message is not None
    res = resources(context)
    async with res.sessions() as session:
        user = await set_up_user(session, update)
        if user is None:
            await query.answer()
            return
        today = local_today(user, res.clock.now())
        try:
            day = date.fromisoformat(query.data.removeprefix(WEEK_CHART_PREFIX))
        except ValueError:
            day = None
        if day is None or day > today or today - day > WEEK_CHART_MAX_AGE:
            await query.answer(WEEK_CHART_GONE, show_alert=True)
            return
        await query.answer()
        await context.bot.send_chat_action(message.chat_id, ChatAction.UPLOAD_PHOTO)
        data = await progress_data(session, user=user, content=res.content, today=day)
    from bot.reports.charts import weekly_chart

    picture = await asyncio.to_thread(weekly_chart, data)
    await message.reply_photo(InputFile(picture, filename=f"bonecoach-week-{day.isoformat()}.png"))


HANDLERS: list[BaseHandler[Update, BoneContext, None]] = [
    CommandHandler("progress", progress, filters=PRIVATE),
    CommandHandler("report", report, filters=PRIVATE),
    CallbackQueryHandler(week_chart, pattern=rf"^{WEEK_CHART_PREFIX}"),
]
