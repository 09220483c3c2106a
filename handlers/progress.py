"""/progress (a chart of the last weeks, plus learning) and /report (a PDF for his clinician)."""

from __future__ import annotations

import asyncio

from telegram import InputFile, Update
from telegram.constants import ChatAction
from telegram.ext import BaseHandler, CommandHandler, filters

from bot.context import BoneContext
from bot.reports.charts import progress_chart
from bot.reports.clinician_pdf import clinician_report
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
    pdf = await asyncio.to_thread(clinician_report, data)
    await message.reply_document(
        pdf,
        filename=f"bonecoach-report-{today.isoformat()}.pdf",
        caption="A summary for your clinician. Not a medical record; values as you entered them.",
    )


HANDLERS: list[BaseHandler[Update, BoneContext, None]] = [
    CommandHandler("progress", progress, filters=PRIVATE),
    CommandHandler("report", report, filters=PRIVATE),
]
