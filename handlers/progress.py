"""/progress (a chart of the last weeks, plus learning), /report (a PDF for his clinician),
and the weekly summary's "chart" button.

matplotlib and fpdf2 are imported when first needed, not at start: they are ~50 MB of a
process that mostly answers check-ins (bench/RESULTS.md, memory).
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

from telegram import InputFile, Update
from telegram.constants import ChatAction
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

from bot.context import BoneContext
from bot.services.learning import LessonProgressSummary, lesson_progress
from bot.services.progress_report import progress_data, report_data
from bot.services.prompts import WeeklySummary
from bot.services.week_review import review_week, summary_on_demand
from handlers.callbacks import WeekChart
from handlers.kit import Turn, Who, handler
from handlers.views.lessons import LEVEL_NAMES
from handlers.views.prompts import format_prompt
from handlers.views.texts import plural

PRIVATE = filters.ChatType.PRIVATE


def learning_lines(summary: LessonProgressSummary) -> str:
    """Bites read per level and quiz results, in a few lines."""
    lines = ["📚 <b>Learning</b>"]
    for level in summary.levels:
        name = LEVEL_NAMES.get(level.level.value, level.level.value.title())
        lines.append(f"{name}: {level.read} of {plural(level.total, 'bite')} read")
    lines.append(
        f"Quiz: {summary.right} of {summary.asked} right · "
        f"{plural(summary.learned, 'question')} learned for good"
    )
    return "\n".join(lines)


@handler(Who.READY)
async def progress(turn: Turn) -> None:
    """A chart of training, lifts, nutrition and labs, with a few lines on learning."""
    await turn.bot.send_chat_action(turn.chat_id, ChatAction.UPLOAD_PHOTO)
    today = turn.today
    data = await progress_data(turn.uow, account=turn.me, content=turn.content, today=today)
    learned = await lesson_progress(turn.uow, account=turn.me, library=turn.content.lessons)
    await turn.release()
    from bot.reports.charts import progress_charts

    # One picture per topic (training; nutrients; labs), each legible on a phone; ~1 s of
    # drawing, off the loop. The learning lines go with the first.
    pictures = await asyncio.to_thread(progress_charts, data)
    for number, picture in enumerate(pictures, start=1):
        await turn.bot.send_photo(
            turn.chat_id,
            InputFile(picture, filename=f"bonecoach-progress-{today.isoformat()}-{number}.png"),
            caption=learning_lines(learned)[:1024] if number == 1 else None,
        )


@handler(Who.READY)
async def report(turn: Turn) -> None:
    """A one-to-two page PDF: labs with flags, adherence, loads, nutrition, the disclaimer."""
    await turn.bot.send_chat_action(turn.chat_id, ChatAction.UPLOAD_DOCUMENT)
    today = turn.today
    data = await report_data(turn.uow, account=turn.me, content=turn.content, today=today)
    await turn.release()
    from bot.reports.clinician_pdf import clinician_report

    pdf = await asyncio.to_thread(clinician_report, data)
    await turn.bot.send_document(
        turn.chat_id,
        pdf,
        filename=f"bonecoach-report-{today.isoformat()}.pdf",
        caption="A summary for your clinician. Not a medical record; values as you entered them.",
    )


WEEK_CHART_MAX_AGE = timedelta(days=62)
WEEK_CHART_GONE = "That week's chart is no longer available — /progress shows the last weeks."


@handler(Who.READY)
async def week_chart(turn: Turn) -> None:
    """Draw the chart of the week a summary was about, from the same numbers as its text."""
    chart = WeekChart.unpack(turn.data)
    today = turn.today
    # A summary asked for with /week is dated tomorrow: its week ends today.
    latest = today + timedelta(days=1)
    if chart is None or chart.day > latest or today - chart.day > WEEK_CHART_MAX_AGE:
        await turn.answer(WEEK_CHART_GONE, alert=True)
        return
    await turn.answer()
    await turn.bot.send_chat_action(turn.chat_id, ChatAction.UPLOAD_PHOTO)
    week = await review_week(
        turn.uow, account=turn.me, summary_day=chart.day, seen_on=min(chart.day, today)
    )
    await turn.release()
    from bot.reports.charts import weekly_chart

    picture = await asyncio.to_thread(weekly_chart, week)
    await turn.bot.send_photo(
        turn.chat_id, InputFile(picture, filename=f"bonecoach-week-{chart.day.isoformat()}.png")
    )


@handler(Who.READY)
async def week(turn: Turn) -> None:
    """/week: the weekly summary of the seven days up to today, now, with its chart button."""
    day, numbers, streaks = await summary_on_demand(turn.uow, account=turn.me, today=turn.today)
    summary = format_prompt(WeeklySummary(day, numbers, streaks), turn.content)
    await turn.reply(summary.text, summary.markup)


HANDLERS: list[BaseHandler[Update, BoneContext, None]] = [
    CommandHandler("week", week, filters=PRIVATE),
    CommandHandler("progress", progress, filters=PRIVATE),
    CommandHandler("report", report, filters=PRIVATE),
    CallbackQueryHandler(week_chart, pattern=WeekChart.pattern()),
]
