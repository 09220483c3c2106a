"""His plan per lab: a booking, a snooze, reminders off, his own interval."""

from __future__ import annotations

from datetime import date, datetime

from bot.db.lab_queries import plans_of
from bot.db.models import LabPlan
from bot.domain.labs.awaiting import LabWait
from bot.services.accounts import Account, account_of, row_of
from bot.services.unit_of_work import UnitOfWork


async def plan_row(uow: UnitOfWork, *, account: Account, lab_key: str, now: datetime) -> LabPlan:
    """His plan row for a lab (created on first use; staged, for the services here)."""
    plan = (await plans_of(uow.session, user_id=account.id)).get(lab_key)
    if plan is None:
        plan = LabPlan(user_id=account.id, lab_key=lab_key, updated_at=now)
        uow.session.add(plan)
    return plan


async def _change_plan(
    uow: UnitOfWork, account: Account, lab_key: str, now: datetime, **changes: object
) -> None:
    """Set fields of his plan for a lab (created on first use) and commit."""
    plan = await plan_row(uow, account=account, lab_key=lab_key, now=now)
    for name, value in changes.items():
        setattr(plan, name, value)
    plan.updated_at = now
    uow.session.add(plan)
    await uow.commit()


async def book(
    uow: UnitOfWork, *, account: Account, lab_key: str, day: date, now: datetime
) -> None:
    """He booked the test for `day`: a prep reminder comes the day before."""
    await _change_plan(uow, account, lab_key, now, booked_on=day, result_asked_on=None)


async def snooze(
    uow: UnitOfWork, *, account: Account, lab_key: str, until: date, now: datetime
) -> None:
    """Ask about this lab again around `until`."""
    await _change_plan(uow, account, lab_key, now, snoozed_until=until)


async def stop_reminders(uow: UnitOfWork, *, account: Account, lab_key: str, now: datetime) -> None:
    """No more reminders for this lab (it stays in /labs)."""
    await _change_plan(uow, account, lab_key, now, active=False)


async def set_interval(
    uow: UnitOfWork, *, account: Account, lab_key: str, days: int | None, now: datetime
) -> None:
    """His own interval for a lab (None: the default schedule); reminders are on again."""
    await _change_plan(uow, account, lab_key, now, custom_interval_days=days, active=True)


async def await_typed(
    uow: UnitOfWork, *, account: Account, wait: LabWait | None, now: datetime
) -> Account:
    """His next typed message answers a lab button (a result, a booking day), or nothing."""
    packed = wait.pack() if wait is not None else None
    if account.pending == packed or (wait is None and LabWait.unpack(account.pending) is None):
        return account
    user = await row_of(uow, account)
    user.pending_question = packed
    user.updated_at = now
    uow.session.add(user)
    await uow.commit()
    return account_of(user)
