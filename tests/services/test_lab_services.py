"""The lab entry sequence as services: results stored once and read, plans, and /labs rows."""

from __future__ import annotations

from datetime import timedelta

import pytest
from daily import NOW, TODAY, stored_account

from bot.content import Content, load_content
from bot.db.engine import SessionFactory
from bot.db.lab_queries import results_of
from bot.domain.labs import LabCatalog, parse_lab_entry, parse_reference
from bot.services import lab_plans, labs
from bot.services.unit_of_work import UnitOfWork


@pytest.fixture(scope="module")
def content() -> Content:
    """The shipped lessons and catalogues."""
    return load_content()


def row_of(rows: list[labs.LabRow], key: str) -> labs.LabRow:
    """The /labs line of one lab."""
    return next(row for row in rows if row.lab.key == key)


async def test_a_result_is_stored_once_corrected_and_read(
    sessions: SessionFactory, content: Content
) -> None:
    """The same value again changes nothing; another value the same day corrects it; the
    reading compares with his earlier result; delete removes the latest."""
    me = await stored_account(sessions)
    catalog: LabCatalog = content.labs
    async with UnitOfWork(sessions) as uow:

        async def enter(text: str) -> labs.ResultEntered:
            entry = parse_lab_entry(text, catalog, today=TODAY)
            return await labs.enter_result(uow, account=me, entry=entry, catalog=catalog, now=NOW)

        earlier = await enter(f"vitd 20 ng/mL {TODAY - timedelta(days=90)}")
        assert not earlier.corrected and not earlier.unchanged and earlier.reading.change is None
        first = await enter("vitd 32 ng/mL")
        assert first.value.taken_on == TODAY and first.reading.change is not None
        assert (await enter("vitd 32 ng/mL")).unchanged
        corrected = await enter("vitd 35 ng/mL")
        assert corrected.corrected and corrected.value.value != first.value.value
        last = row_of(await labs.lab_rows(uow, account=me, catalog=catalog, today=TODAY), "vitd")
        assert last.last == corrected.value
        assert await labs.delete_latest(uow, account=me, lab_key="vitd") == TODAY
        assert await labs.delete_latest(uow, account=me, lab_key="e2") is None
        rows = await labs.lab_rows(uow, account=me, catalog=catalog, today=TODAY)
    assert row_of(rows, "vitd").last == earlier.value


async def test_plan_changes_show_in_the_labs_rows(
    sessions: SessionFactory, content: Content
) -> None:
    """Booking, snoozing, turning off and an own interval are stored on his plan."""
    me = await stored_account(sessions)
    catalog = content.labs
    async with UnitOfWork(sessions) as uow:

        async def plan(key: str) -> labs.PlanState | None:
            rows = await labs.lab_rows(uow, account=me, catalog=catalog, today=TODAY)
            return row_of(rows, key).plan

        assert await plan("vitd") is None
        day = TODAY + timedelta(days=3)
        await lab_plans.book(uow, account=me, lab_key="vitd", day=day, now=NOW)
        await lab_plans.snooze(uow, account=me, lab_key="e2", until=day, now=NOW)
        await lab_plans.stop_reminders(uow, account=me, lab_key="ctx", now=NOW)
        booked, snoozed, off = await plan("vitd"), await plan("e2"), await plan("ctx")
        assert booked is not None and booked.booked_on == day
        assert snoozed is not None and snoozed.snoozed_until == day
        assert off is not None and not off.active
        await lab_plans.set_interval(uow, account=me, lab_key="ctx", days=60, now=NOW)
        back = await plan("ctx")
        assert back is not None and back.active and back.custom_interval_days == 60
        changed = await labs.note_change(uow, account=me, day=TODAY, now=NOW)
    assert changed.anastrozole_changed_on == TODAY


async def test_his_lab_range_is_kept_and_used_for_later_results(
    sessions: SessionFactory, content: Content
) -> None:
    """A range given with a CTX result flags it above his lab's limit, and the next CTX too;
    a range sent on its own applies to his latest result, in that result's unit."""
    me = await stored_account(sessions)
    catalog: LabCatalog = content.labs
    async with UnitOfWork(sessions) as uow:

        async def enter(text: str) -> labs.ResultEntered:
            entry = parse_lab_entry(text, catalog, today=TODAY)
            return await labs.enter_result(uow, account=me, entry=entry, catalog=catalog, now=NOW)

        first = await enter(f"ctx 600 pg/mL ref 132-580 {TODAY - timedelta(days=120)}")
        assert first.reading.level == "discuss" and first.value.ref_high == 580
        assert "your lab's upper limit of 580 pg/mL" in first.reading.text
        later = await enter("ctx 0.5 ng/mL")
        assert later.reading.level == "ok" and later.value.ref_high == 580
        reference = parse_reference("p1np ref 22-40", catalog)
        assert reference is not None
        assert (
            await labs.set_reference(uow, account=me, catalog=catalog, reference=reference, now=NOW)
            is None
        )
        await enter("p1np 45 ng/mL")
        updated = await labs.set_reference(
            uow, account=me, catalog=catalog, reference=reference, now=NOW
        )
    assert updated is not None and updated.reading.level == "discuss"
    assert updated.value.ref_high == 40


async def test_a_result_without_a_date_after_a_booking_is_dated_the_booked_day(
    sessions: SessionFactory, content: Content
) -> None:
    """After a booked day has passed, an undated result takes that day; a dated one its own."""
    me = await stored_account(sessions)
    catalog: LabCatalog = content.labs
    booked = TODAY - timedelta(days=2)
    async with UnitOfWork(sessions) as uow:
        await lab_plans.book(uow, account=me, lab_key="e2", day=booked, now=NOW)
        entry = parse_lab_entry("e2 25 pg/mL", catalog, today=TODAY)
        saved = await labs.enter_result(uow, account=me, entry=entry, catalog=catalog, now=NOW)
        assert saved.value.taken_on == booked and saved.booked_day
        again = parse_lab_entry(f"e2 27 pg/mL {booked}", catalog, today=TODAY)
        fixed = await labs.enter_result(uow, account=me, entry=again, catalog=catalog, now=NOW)
        assert fixed.corrected and not fixed.booked_day
        later = parse_lab_entry("e2 30 pg/mL", catalog, today=TODAY)
        today = await labs.enter_result(uow, account=me, entry=later, catalog=catalog, now=NOW)
    assert today.value.taken_on == TODAY  # the booking was closed by the first result


async def test_the_same_value_sent_again_with_a_date_moves_it(
    sessions: SessionFactory, content: Content
) -> None:
    """'vitd 32 ng/mL' then 'vitd 32 ng/mL yesterday' within the hour: one result, moved to
    yesterday; a different value with a date is a result of its own."""
    me = await stored_account(sessions)
    catalog: LabCatalog = content.labs
    async with UnitOfWork(sessions) as uow:

        async def enter(text: str) -> labs.ResultEntered:
            entry = parse_lab_entry(text, catalog, today=TODAY)
            return await labs.enter_result(uow, account=me, entry=entry, catalog=catalog, now=NOW)

        await enter("vitd 32 ng/mL")
        moved = await enter("vitd 32 ng/mL yesterday")
        assert moved.corrected and moved.value.taken_on == TODAY - timedelta(days=1)
        other = await enter(f"vitd 25 ng/mL {TODAY - timedelta(days=200)}")
        assert not other.corrected
        stored = await results_of(uow.session, user_id=me.id, lab_key="vitd")
    assert [(r.taken_on, r.value_canonical) for r in stored] == [
        (TODAY - timedelta(days=200), 25),
        (TODAY - timedelta(days=1), 32),
    ]


async def test_one_dxa_result_answers_the_booking_of_both_sites(
    sessions: SessionFactory, content: Content
) -> None:
    """DXA spine and hip are one scan: a spine result closes the hip booking too."""
    me = await stored_account(sessions)
    catalog: LabCatalog = content.labs
    booked = TODAY - timedelta(days=1)
    async with UnitOfWork(sessions) as uow:
        for key in ("dxa_spine", "dxa_hip"):
            await lab_plans.book(uow, account=me, lab_key=key, day=booked, now=NOW)
        entry = parse_lab_entry("dxa spine -1.2 T", catalog, today=TODAY)
        saved = await labs.enter_result(uow, account=me, entry=entry, catalog=catalog, now=NOW)
        rows = await labs.lab_rows(uow, account=me, catalog=catalog, today=TODAY)
    assert saved.value.taken_on == booked
    for key in ("dxa_spine", "dxa_hip"):
        plan = row_of(rows, key).plan
        assert plan is not None and plan.booked_on is None
