"""/today: the day's plan, his answer, what he logged, and his streaks, in one view."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from bot.db.log_queries import session_on
from bot.domain.nutrition import NutrientCatalog, NutrientStatus
from bot.domain.training import Adherence, DayPlan, ExerciseCatalog
from bot.services.accounts import Account
from bot.services.adherence import adherence_between
from bot.services.lift_logs import lifts_logged_on
from bot.services.nutrition import day_statuses
from bot.services.safety import training_hold
from bot.services.streaks import Streaks, streaks_for
from bot.services.training import plan_for_day
from bot.services.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class DayOverview:
    """One of his days at a glance."""

    plan: DayPlan
    outcome: str | None  # his answer to the training prompt, if he gave one
    lifts: frozenset[str]  # lifts with sets logged
    nutrients: tuple[NutrientStatus, ...]
    streaks: Streaks
    week: Adherence  # planned sessions this calendar week (Monday on), up to the day
    held_since: date | None = None  # training is on hold after a red flag from this day


async def day_overview(
    uow: UnitOfWork,
    *,
    account: Account,
    day: date,
    exercises: ExerciseCatalog,
    nutrients: NutrientCatalog,
) -> DayOverview:
    """The plan, the training answer, lifts and nutrients logged, and streaks for a day."""
    plan = await plan_for_day(uow, account=account, day=day, catalog=exercises)
    answer = await session_on(uow.session, user_id=account.id, day=day)
    lifts = await lifts_logged_on(uow, account=account, day=day)
    statuses = await day_statuses(uow, account=account, day=day, catalog=nutrients)
    streaks = await streaks_for(uow, account=account, today=day)
    monday = day - timedelta(days=day.weekday())
    week = await adherence_between(uow, account=account, first=monday, last=day, today=day)
    outcome = answer.outcome if answer else None
    hold = await training_hold(uow, account=account, today=day)
    held_since = hold.day if hold else None
    return DayOverview(plan, outcome, lifts, tuple(statuses), streaks, week, held_since)
