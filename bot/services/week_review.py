"""The numbers behind the weekly summary."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from bot.db.log_queries import nutrition_days_between, sessions_between, sets_of
from bot.domain.profile import Weekday
from bot.services.accounts import Account
from bot.services.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class WeekReview:
    """Seven days ending the day before the summary."""

    start: date
    end: date
    planned_sessions: int
    done: int
    partly: int
    skipped: int
    lift_sets: int
    checkin_days: int


async def review_week(uow: UnitOfWork, *, account: Account, summary_day: date) -> WeekReview:
    """Count the last seven days' sessions, sets and check-ins."""
    session, user_id, program_start = uow.session, account.id, account.program_start
    end = summary_day - timedelta(days=1)
    start = end - timedelta(days=6)
    training_days = account.training_days or frozenset()
    planned = sum(
        1
        for offset in range(7)
        if Weekday((start + timedelta(days=offset)).weekday()) in training_days
        and (program_start is None or start + timedelta(days=offset) >= program_start)
    )
    answers = await sessions_between(session, user_id=user_id, start=start, end=end)
    counts = {o: sum(1 for a in answers if a.outcome == o) for o in ("done", "partly", "skipped")}
    sets = [s for s in await sets_of(session, user_id=user_id, since=start) if s.local_day <= end]
    days = await nutrition_days_between(session, user_id=user_id, start=start, end=end)
    return WeekReview(
        start=start,
        end=end,
        planned_sessions=planned,
        done=counts["done"],
        partly=counts["partly"],
        skipped=counts["skipped"],
        lift_sets=len(sets),
        checkin_days=len(days),
    )
