"""The numbers behind the weekly summary and its chart (one value for both)."""

from __future__ import annotations

from datetime import date, timedelta

from bot.db.log_queries import nutrition_days_between, sets_of
from bot.reports.progress_data import WeekReview
from bot.services.accounts import Account
from bot.services.adherence import adherence_between
from bot.services.streaks import Streaks, streaks_for
from bot.services.unit_of_work import UnitOfWork

__all__ = ["WeekReview", "review_week", "summary_on_demand", "summary_week"]


def summary_week(summary_day: date) -> tuple[date, date]:
    """The seven days a summary on `summary_day` is about: the week ending the day before."""
    end = summary_day - timedelta(days=1)
    return end - timedelta(days=6), end


async def review_week(
    uow: UnitOfWork, *, account: Account, summary_day: date, seen_on: date | None = None
) -> WeekReview:
    """The summary week's planned sessions and answers, sets logged and check-in days, as
    seen on `seen_on` (the summary day by default; today for a summary asked for now, whose
    week ends today and whose session today is still pending, not unanswered)."""
    session, user_id = uow.session, account.id
    start, end = summary_week(summary_day)
    today = min(seen_on or summary_day, summary_day)
    training = await adherence_between(uow, account=account, first=start, last=end, today=today)
    sets = [s for s in await sets_of(session, user_id=user_id, since=start) if s.local_day <= end]
    days = await nutrition_days_between(session, user_id=user_id, start=start, end=end)
    return WeekReview(
        start=start,
        end=end,
        planned_sessions=training.planned,
        done=training.done,
        partly=training.partly,
        skipped=training.skipped,
        lift_sets=len(sets),
        checkin_days=len(days),
    )


async def summary_on_demand(
    uow: UnitOfWork, *, account: Account, today: date
) -> tuple[date, WeekReview, Streaks]:
    """/week: the summary of the seven days up to today, as if today's were the last day of
    its week (its summary day is tomorrow), with his streaks."""
    summary_day = today + timedelta(days=1)
    week = await review_week(uow, account=account, summary_day=summary_day, seen_on=today)
    return summary_day, week, await streaks_for(uow, account=account, today=today)
