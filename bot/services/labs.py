"""Labs: results (stored once per lab and day), plans, and what is due."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.db.lab_queries import plans_of, result_on, results_of
from bot.db.models import LabPlan, LabResult, User
from bot.domain.labs import DueInfo, Lab, LabCatalog, LabEntry, next_due

NUDGE_PAUSE = timedelta(days=7)  # an unanswered nudge comes back after a week, never daily


@dataclass(frozen=True)
class Saved:
    """What storing a result did; `previous` is the latest earlier result of that lab."""

    result: LabResult
    corrected: bool
    unchanged: bool
    previous: LabResult | None
    baseline: LabResult | None


@dataclass(frozen=True)
class LabRow:
    """One line of /labs."""

    lab: Lab
    last: LabResult | None
    due: DueInfo | None
    plan: LabPlan | None


async def plan_for(session: AsyncSession, *, user: User, lab_key: str, now: datetime) -> LabPlan:
    """His plan for a lab (created on first use; staged)."""
    assert user.id is not None
    plan = (await plans_of(session, user_id=user.id)).get(lab_key)
    if plan is None:
        plan = LabPlan(user_id=user.id, lab_key=lab_key, updated_at=now)
        session.add(plan)
    return plan


async def save_result(
    session: AsyncSession, *, user: User, entry: LabEntry, now: datetime
) -> Saved:
    """Store a result; the same lab on the same day replaces (corrects) the earlier value."""
    assert user.id is not None
    earlier = [
        r
        for r in await results_of(session, user_id=user.id, lab_key=entry.lab_key)
        if r.taken_on < entry.taken_on
    ]
    row = await result_on(session, user_id=user.id, lab_key=entry.lab_key, taken_on=entry.taken_on)
    unchanged = row is not None and row.value_canonical == entry.value_canonical
    corrected = row is not None and not unchanged
    if row is None:
        row = LabResult(
            user_id=user.id,
            lab_key=entry.lab_key,
            taken_on=entry.taken_on,
            value_entered=entry.value_entered,
            unit_entered=entry.unit_entered,
            value_canonical=entry.value_canonical,
            unit_canonical=entry.unit_canonical,
            score_kind=entry.score_kind,
            created_at=now,
            updated_at=now,
        )
    elif corrected:
        row.value_entered, row.unit_entered = entry.value_entered, entry.unit_entered
        row.value_canonical, row.score_kind = entry.value_canonical, entry.score_kind
        row.updated_at = now
    session.add(row)
    plan = await plan_for(session, user=user, lab_key=entry.lab_key, now=now)
    if plan.booked_on is not None and entry.taken_on >= plan.booked_on - timedelta(days=7):
        plan.booked_on = None
    plan.result_asked_on, plan.snoozed_until, plan.updated_at = None, None, now
    await session.commit()
    return Saved(
        result=row,
        corrected=corrected,
        unchanged=unchanged,
        previous=earlier[-1] if earlier else None,
        baseline=earlier[0] if earlier else None,
    )


async def delete_latest(session: AsyncSession, *, user: User, lab_key: str) -> LabResult | None:
    """Remove his most recent result of one lab."""
    assert user.id is not None
    rows = await results_of(session, user_id=user.id, lab_key=lab_key)
    if not rows:
        return None
    await session.delete(rows[-1])
    await session.commit()
    return rows[-1]


async def lab_rows(
    session: AsyncSession, *, user: User, catalog: LabCatalog, today: date
) -> list[LabRow]:
    """Every lab with his last value, its next due date and his plan."""
    assert user.id is not None
    plans = await plans_of(session, user_id=user.id)
    results = await results_of(session, user_id=user.id)
    rows = []
    for lab in catalog.labs:
        history = [r for r in results if r.lab_key == lab.key]
        plan = plans.get(lab.key)
        due = None
        if plan is None or plan.active:
            due = next_due(
                lab,
                history=[r.taken_on for r in history],
                anastrozole_since=user.anastrozole_since,
                changed_on=user.anastrozole_changed_on,
                custom_interval_days=plan.custom_interval_days if plan else None,
                today=today,
            )
        rows.append(LabRow(lab=lab, last=history[-1] if history else None, due=due, plan=plan))
    return rows


async def update_plan(
    session: AsyncSession,
    *,
    user: User,
    lab_key: str,
    now: datetime,
    booked_on: date | None = None,
    snoozed_until: date | None = None,
    active: bool | None = None,
    custom_interval_days: int | bool | None = False,
) -> LabPlan:
    """Book, snooze, turn off or on, or set his own interval (False = leave it as it is)."""
    plan = await plan_for(session, user=user, lab_key=lab_key, now=now)
    if booked_on is not None:
        plan.booked_on, plan.result_asked_on = booked_on, None
    if snoozed_until is not None:
        plan.snoozed_until = snoozed_until
    if active is not None:
        plan.active = active
    if custom_interval_days is not False:
        plan.custom_interval_days = (
            None if custom_interval_days is None else int(custom_interval_days)
        )
    plan.updated_at = now
    session.add(plan)
    await session.commit()
    return plan


async def note_change(session: AsyncSession, *, user: User, day: date, now: datetime) -> None:
    """He started anastrozole or changed the dose: rechecks follow from this day."""
    user.anastrozole_changed_on = day
    user.updated_at = now
    session.add(user)
    await session.commit()
