"""Labs: results (stored once per lab and day), and each lab's last value and due date."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from bot.db.lab_queries import plans_of, result_on, results_of
from bot.db.models import LabPlan, LabResult
from bot.domain.labs import (
    DueInfo,
    Lab,
    LabCatalog,
    LabEntry,
    Reading,
    ReferenceRange,
    ScoreKind,
    next_due,
    read_result,
    reference_in,
)
from bot.domain.profile import LabUnits
from bot.services.accounts import Account, account_of, row_of
from bot.services.lab_plans import plan_row
from bot.services.unit_of_work import UnitOfWork

BOOKED_DAY_WINDOW = 30  # a result typed without a date within this many days of a booking
DATE_FIX_WINDOW = timedelta(hours=1)  # the same value re-sent with a date moves that result


@dataclass(frozen=True)
class LabValue:
    """One stored result: the value in the lab's canonical unit, and the day it was taken."""

    taken_on: date
    value: float
    score_kind: ScoreKind | None  # T or Z for a DXA score
    ref_low: float | None = None  # the range printed on his own lab report (canonical unit)
    ref_high: float | None = None


@dataclass(frozen=True)
class PlanState:
    """His plan for one lab: on or off, his own interval, a booking, a snooze, the last nudge."""

    active: bool
    custom_interval_days: int | None
    booked_on: date | None
    snoozed_until: date | None
    last_nudged_on: date | None
    result_asked_on: date | None


@dataclass(frozen=True)
class LabRow:
    """One line of /labs."""

    lab: Lab
    last: LabValue | None
    due: DueInfo | None
    plan: PlanState | None


@dataclass(frozen=True)
class ResultEntered:
    """What storing a result did, and how it reads against the catalogue and his history."""

    lab: Lab
    value: LabValue
    reading: Reading
    corrected: bool  # it replaced another value of the same lab and day
    unchanged: bool  # the very same value was stored already
    booked_day: bool = False  # dated the day he had booked (he typed no date)


def value_of(row: LabResult) -> LabValue:
    """The stored result as a value."""
    kind: ScoreKind | None = (
        "T" if row.score_kind == "T" else "Z" if row.score_kind == "Z" else None
    )
    return LabValue(
        taken_on=row.taken_on,
        value=row.value_canonical,
        score_kind=kind,
        ref_low=row.ref_low,
        ref_high=row.ref_high,
    )


def _state_of(plan: LabPlan) -> PlanState:
    """His plan row as a value."""
    return PlanState(
        active=plan.active,
        custom_interval_days=plan.custom_interval_days,
        booked_on=plan.booked_on,
        snoozed_until=plan.snoozed_until,
        last_nudged_on=plan.last_nudged_on,
        result_asked_on=plan.result_asked_on,
    )


async def enter_result(
    uow: UnitOfWork, *, account: Account, entry: LabEntry, catalog: LabCatalog, now: datetime
) -> ResultEntered:
    """Store a result (the same lab on the same day replaces the earlier value), close the
    booking it answers, and read it against his earlier results.

    A result typed without a date after his booked day (within BOOKED_DAY_WINDOW days) is
    dated the booked day: the answer to "how did your test go?".
    """
    plan = await plan_row(uow, account=account, lab_key=entry.lab_key, now=now)
    booked = plan.booked_on
    on_booked_day = (
        not entry.dated
        and booked is not None
        and entry.taken_on - timedelta(days=BOOKED_DAY_WINDOW) <= booked < entry.taken_on
    )
    if on_booked_day and booked is not None:  # "how did your test go?": the booked day
        entry = replace(entry, taken_on=booked)
    history = await results_of(uow.session, user_id=account.id, lab_key=entry.lab_key)
    earlier = [r for r in history if r.taken_on < entry.taken_on]
    row, corrected, unchanged = await _store(uow, account, entry, now, history)
    lab = catalog.get(entry.lab_key)
    same_scan = {lab.scan_with} | {o.key for o in catalog.labs if o.scan_with == lab.key}
    partners = [plan] + [
        await plan_row(uow, account=account, lab_key=key, now=now)
        for key in sorted(k for k in same_scan if k is not None)
    ]
    for answered in partners:  # one scan answers the booking of both sites (DXA)
        booked_on = answered.booked_on
        if booked_on is not None and entry.taken_on >= booked_on - timedelta(days=7):
            answered.booked_on = None
        answered.result_asked_on, answered.snoozed_until, answered.updated_at = None, None, now
        uow.session.add(answered)
    await uow.commit()
    entered = _entered(lab, account, earlier, row, corrected=corrected, unchanged=unchanged)
    return replace(entered, booked_day=on_booked_day)


def _own_upper_limit(earlier: list[LabResult], row: LabResult) -> float | None:
    """His lab's upper limit: the one given with this result, else the latest given before."""
    given = [r.ref_high for r in (*earlier, row) if r.ref_high is not None]
    return given[-1] if given else None


def _read(lab: Lab, account: Account, earlier: list[LabResult], row: LabResult) -> Reading:
    """How one stored result reads, against his earlier results of that lab (oldest first)."""
    value = value_of(row)
    return read_result(
        lab,
        value.value,
        age_band=account.age_band,
        previous=earlier[-1].value_canonical if earlier else None,
        baseline=earlier[0].value_canonical if earlier else None,
        score_kind=value.score_kind,
        own_upper_limit=_own_upper_limit(earlier, row),
        prefs=account.lab_units or LabUnits.CONVENTIONAL,
    )


FLAG_TEXT = {"ok": "", "note": "note", "discuss": "discuss", "urgent": "contact promptly"}


def flag_text(reading: Reading) -> str:
    """A reading's flag as the PDF and the export print it ('' when there is none)."""
    return FLAG_TEXT.get(reading.level, reading.level)


def readings_of(
    results: Sequence[LabResult], *, account: Account, catalog: LabCatalog
) -> list[tuple[LabResult, Reading]]:
    """Every stored result with how it reads — the same reading /lab gave it, against his
    earlier results of that lab — oldest first. /labs, the PDF and the export all flag
    with this."""
    ordered = sorted(results, key=lambda r: (r.taken_on, r.id or 0))
    read: list[tuple[LabResult, Reading]] = []
    for index, row in enumerate(ordered):
        earlier = [r for r in ordered[:index] if r.lab_key == row.lab_key]
        read.append((row, _read(catalog.get(row.lab_key), account, earlier, row)))
    return read


async def stored_reading(
    uow: UnitOfWork, *, account: Account, catalog: LabCatalog, lab_key: str, taken_on: date
) -> ResultEntered | None:
    """How his stored result of one lab and day reads now (None: no such result)."""
    history = await results_of(uow.session, user_id=account.id, lab_key=lab_key)
    row = next((r for r in history if r.taken_on == taken_on), None)
    if row is None or lab_key not in catalog.keys:
        return None
    earlier = [r for r in history if r.taken_on < taken_on]
    lab = catalog.get(lab_key)
    return _entered(lab, account, earlier, row)


def _entered(
    lab: Lab, account: Account, earlier: list[LabResult], row: LabResult, **flags: bool
) -> ResultEntered:
    """The result as a value with its reading; ref_high is the limit the reading used."""
    value = replace(value_of(row), ref_high=_own_upper_limit(earlier, row))
    reading = _read(lab, account, earlier, row)
    corrected, unchanged = flags.get("corrected", False), flags.get("unchanged", False)
    return ResultEntered(lab, value, reading, corrected=corrected, unchanged=unchanged)


async def set_reference(
    uow: UnitOfWork,
    *,
    account: Account,
    catalog: LabCatalog,
    reference: ReferenceRange,
    now: datetime,
) -> ResultEntered | None:
    """His lab's printed range, for his latest result of that lab (None: he has none yet).

    A range without a unit is in the unit he entered that result in. InvalidAnswer when the
    range does not fit the lab.
    """
    history = list(await results_of(uow.session, user_id=account.id, lab_key=reference.lab_key))
    if not history:
        return None
    lab, row = catalog.get(reference.lab_key), history[-1]
    unit = lab.unit_named(reference.unit or row.unit_entered)
    row.ref_low, row.ref_high = reference_in(lab, reference.low, reference.high, unit)
    row.updated_at = now
    uow.session.add(row)
    await uow.commit()
    return _entered(lab, account, history[:-1], row, corrected=True)


async def _store(
    uow: UnitOfWork,
    account: Account,
    entry: LabEntry,
    now: datetime,
    history: Sequence[LabResult],
) -> tuple[LabResult, bool, bool]:
    """Add the result, or correct that day's; (its row, corrected, unchanged), staged.

    The same value again with another typed date, within DATE_FIX_WINDOW of entering it, moves
    that result to the typed date ("…, yesterday" after he sent it without a date): a
    correction, never a second entry.
    """
    row = await result_on(
        uow.session, user_id=account.id, lab_key=entry.lab_key, taken_on=entry.taken_on
    )
    moved = [
        r
        for r in history
        if entry.dated
        and r.value_canonical == entry.value_canonical
        and r.taken_on != entry.taken_on
        and now - r.created_at <= DATE_FIX_WINDOW
    ]
    if row is None and moved:
        row = moved[-1]
        row.taken_on, row.updated_at = entry.taken_on, now
        uow.session.add(row)
        return row, True, False
    same_ref = entry.ref_high is None or (
        row is not None and (row.ref_low, row.ref_high) == (entry.ref_low, entry.ref_high)
    )
    unchanged = row is not None and row.value_canonical == entry.value_canonical and same_ref
    corrected = row is not None and not unchanged
    if row is None:
        row = LabResult(
            user_id=account.id,
            lab_key=entry.lab_key,
            taken_on=entry.taken_on,
            value_entered=entry.value_entered,
            unit_entered=entry.unit_entered,
            value_canonical=entry.value_canonical,
            unit_canonical=entry.unit_canonical,
            score_kind=entry.score_kind,
            ref_low=entry.ref_low,
            ref_high=entry.ref_high,
            created_at=now,
            updated_at=now,
        )
    elif corrected:
        row.value_entered, row.unit_entered = entry.value_entered, entry.unit_entered
        row.value_canonical, row.score_kind = entry.value_canonical, entry.score_kind
        if entry.ref_high is not None:
            row.ref_low, row.ref_high = entry.ref_low, entry.ref_high
        row.updated_at = now
    uow.session.add(row)
    return row, corrected, unchanged


async def delete_latest(uow: UnitOfWork, *, account: Account, lab_key: str) -> date | None:
    """Remove his most recent result of one lab; the day it was taken, or None if none."""
    rows = await results_of(uow.session, user_id=account.id, lab_key=lab_key)
    if not rows:
        return None
    await uow.session.delete(rows[-1])
    await uow.commit()
    return rows[-1].taken_on


async def lab_rows(
    uow: UnitOfWork, *, account: Account, catalog: LabCatalog, today: date
) -> list[LabRow]:
    """Every lab with his last value, its next due date and his plan."""
    plans = await plans_of(uow.session, user_id=account.id)
    results = await results_of(uow.session, user_id=account.id)
    since = account.anastrozole_since.day if account.anastrozole_since else None
    rows = []
    for lab in catalog.labs:
        history = [r for r in results if r.lab_key == lab.key]
        plan = plans.get(lab.key)
        due = None
        if plan is None or plan.active:
            reading = _read(lab, account, history[:-1], history[-1]) if history else None
            due = next_due(
                lab,
                history=[r.taken_on for r in history],
                anastrozole_since=since,
                changed_on=account.anastrozole_changed_on,
                custom_interval_days=plan.custom_interval_days if plan else None,
                today=today,
                last_result_low=reading is not None and reading.low,
                last_result_flagged=reading is not None and reading.discuss,
                trt_changed_on=account.trt_changed_on,
                since=account.today(account.consented_at),
            )
        last = value_of(history[-1]) if history else None
        state = _state_of(plan) if plan is not None else None
        rows.append(LabRow(lab=lab, last=last, due=due, plan=state))
    return rows


async def note_change(uow: UnitOfWork, *, account: Account, day: date, now: datetime) -> Account:
    """He started anastrozole or changed the dose: rechecks follow from this day."""
    user = await row_of(uow, account)
    user.anastrozole_changed_on = day
    user.updated_at = now
    uow.session.add(user)
    await uow.commit()
    return account_of(user)


async def note_trt_change(
    uow: UnitOfWork, *, account: Account, day: date, now: datetime
) -> Account:
    """He started testosterone or changed its dose: hematocrit and testosterone rechecks."""
    user = await row_of(uow, account)
    user.trt_changed_on = day
    user.updated_at = now
    uow.session.add(user)
    await uow.commit()
    return account_of(user)
