"""His latest urgent lab result, for the prescriber reply to medication questions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from daily import NOW, TODAY, stored_account

from bot.content import Content, load_content
from bot.db.engine import SessionFactory
from bot.domain.labs import parse_lab_entry
from bot.services import labs
from bot.services.unit_of_work import UnitOfWork
from bot.services.urgent_labs import UrgentResult, latest_urgent_result


@pytest.fixture(scope="module")
def content() -> Content:
    """The shipped lessons and catalogues."""
    return load_content()


async def test_latest_urgent_result_follows_each_labs_latest_value(
    sessions: SessionFactory, content: Content
) -> None:
    """None without results; an urgent-low estradiol is named as entered; the more recent of
    two urgent labs wins; a later normal value of the same lab clears it."""
    me = await stored_account(sessions)
    catalog = content.labs
    async with UnitOfWork(sessions) as uow:

        async def enter(text: str) -> None:
            entry = parse_lab_entry(text, catalog, today=TODAY)
            await labs.enter_result(uow, account=me, entry=entry, catalog=catalog, now=NOW)

        assert await latest_urgent_result(uow, account=me, catalog=catalog) is None
        await enter(f"vitd 32 ng/mL {TODAY - timedelta(days=20)}")
        assert await latest_urgent_result(uow, account=me, catalog=catalog) is None
        await enter(f"hct 56% {TODAY - timedelta(days=10)}")
        await enter(f"e2 9 pg/mL {TODAY - timedelta(days=3)}")
        found = await latest_urgent_result(uow, account=me, catalog=catalog)
        assert found == UrgentResult("e2", "estradiol", "9 pg/mL", TODAY - timedelta(days=3))
        await enter(f"e2 25 pg/mL {TODAY}")
        found = await latest_urgent_result(uow, account=me, catalog=catalog)
        assert found is not None and found.lab_key == "hct"
        await enter(f"hct 45% {TODAY}")
        assert await latest_urgent_result(uow, account=me, catalog=catalog) is None
