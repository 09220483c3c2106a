"""The one lab message of the day, if any: a prep reminder, a result request, or a nudge."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from bot.domain.labs import Lab, LabCatalog
from bot.domain.labs.awaiting import LabWait
from bot.domain.profile import AgeBand
from bot.services.accounts import Account, row_of
from bot.services.lab_plans import plan_row
from bot.services.labs import LabRow, lab_rows
from bot.services.unit_of_work import UnitOfWork

BETWEEN_ANY_NUDGES = timedelta(days=3)
NUDGE_PAUSE = timedelta(days=7)  # an unanswered nudge comes back after a week, never daily


@dataclass(frozen=True)
class LabMessage:
    """What to say today about which lab."""

    kind: str  # "prepare" | "ask_result" | "nudge"
    lab: Lab
    row: LabRow
    age_band: AgeBand | None = None  # his, for the notes that apply to his age group


def _quiet_since(day: date | None, today: date) -> bool:
    """Nothing was asked on `day`, or it was at least a NUDGE_PAUSE ago."""
    return day is None or today - day >= NUDGE_PAUSE


def choose(rows: list[LabRow], today: date) -> LabMessage | None:
    """Prep reminders first, then results to enter, then the most overdue lab to book.

    A lab done in the same scan as another (DXA hip with the spine) is never asked about on
    its own: its partner's message covers both.
    """
    rows = [row for row in rows if row.lab.scan_with is None]
    for row in rows:
        plan = row.plan
        if plan and plan.active and plan.booked_on == today + timedelta(days=1):
            return LabMessage("prepare", row.lab, row)
    for row in rows:
        plan = row.plan
        booked_past = plan and plan.active and plan.booked_on and plan.booked_on < today
        if plan and booked_past and _quiet_since(plan.result_asked_on, today):
            return LabMessage("ask_result", row.lab, row)
    recent = [r.plan.last_nudged_on for r in rows if r.plan and r.plan.last_nudged_on]
    if recent and today - max(recent) < BETWEEN_ANY_NUDGES:
        return None  # one lab at a time: never a nudge every day
    due = [
        row
        for row in rows
        if row.due is not None
        and row.due.due_on <= today
        and (row.plan is None or (row.plan.booked_on is None and row.plan.active))
        and (row.plan is None or row.plan.snoozed_until is None or row.plan.snoozed_until <= today)
        and (row.plan is None or _quiet_since(row.plan.last_nudged_on, today))
    ]
    if not due:
        return None
    first = min(due, key=lambda r: r.due.due_on if r.due else today)
    return LabMessage("nudge", first.lab, first)


async def todays_lab_message(
    uow: UnitOfWork, *, account: Account, catalog: LabCatalog, today: date, now: datetime
) -> LabMessage | None:
    """Pick today's lab message and remember it was given (staged for the caller's commit)."""
    rows = await lab_rows(uow, account=account, catalog=catalog, today=today)
    message = choose(rows, today)
    if message is None:
        return None
    message = replace(message, age_band=account.age_band)
    plan = await plan_row(uow, account=account, lab_key=message.lab.key, now=now)
    if message.kind == "nudge":
        plan.last_nudged_on = today
    elif message.kind == "ask_result":
        plan.result_asked_on = today
        user = await row_of(uow, account)
        if user.pending_question is None:  # "32 ng/mL" typed next is this lab's result
            user.pending_question = LabWait("result", message.lab.key).pack()
            uow.session.add(user)
    plan.updated_at = now
    uow.session.add(plan)
    return message
