"""Export gives all of a user's rows; delete removes all of them from every table."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import UTC, date, datetime, time

from sqlalchemy import func, select
from sqlmodel import SQLModel
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.content import load_content
from bot.db.engine import SessionFactory
from bot.db.models import (
    Delivery,
    HandledMessage,
    LabPlan,
    LabResult,
    LessonProgress,
    NutritionEntry,
    RedFlagEvent,
    Schedule,
    TrainingSession,
    TrainingSet,
    User,
    UsualItem,
)
from bot.db.user_data import USER_TABLE, unowned_tables, user_tables
from bot.services.accounts import Account, account_of
from bot.services.erase import erase
from bot.services.export import export_zip
from bot.services.unit_of_work import UnitOfWork

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
DAY = date(2026, 3, 2)
# Tables that hold no per-user rows. Adding one here is a deliberate privacy decision.
ALLOWED_UNOWNED: list[str] = ["broadcast"]  # operator messages, not user data


async def _seed(session: AsyncSession, telegram_id: int) -> int:
    """One row in every per-user table."""
    user = User(
        telegram_id=telegram_id,
        chat_id=telegram_id,
        consented_at=NOW,
        created_at=NOW,
        updated_at=NOW,
        timezone="UTC",
        training_time=time(7),
        nutrition_time=time(20),
    )
    session.add(user)
    await session.commit()
    uid = user.id
    assert uid is not None
    delivery = Delivery(user_id=uid, kind="training", local_day=DAY, due_at=NOW, created_at=NOW)
    session.add(delivery)
    await session.commit()
    session.add_all(
        [
            Schedule(user_id=uid, kind="training", local_day=DAY, next_due_at=NOW),
            TrainingSession(
                user_id=uid,
                local_day=DAY,
                planned=True,
                outcome="done",
                delivery_id=delivery.id,
                created_at=NOW,
                updated_at=NOW,
            ),
            TrainingSet(
                user_id=uid,
                local_day=DAY,
                lift_key="squat",
                set_index=0,
                reps=5,
                load_kg=100,
                entered_unit="kg",
                source_key="m:1",
                created_at=NOW,
            ),
            NutritionEntry(
                user_id=uid,
                local_day=DAY,
                nutrient="calcium",
                amount=1000,
                unit="mg",
                entered_value=1000,
                entered_unit="mg",
                source_key="m:2",
                created_at=NOW,
            ),
            HandledMessage(user_id=uid, message_id=3, created_at=NOW),
            LessonProgress(user_id=uid, lesson_id="x", first_seen_on=DAY, last_seen_on=DAY),
            LabResult(
                user_id=uid,
                lab_key="vitd",
                taken_on=DAY,
                value_entered=32,
                unit_entered="ng/mL",
                value_canonical=32,
                unit_canonical="ng/mL",
                created_at=NOW,
                updated_at=NOW,
            ),
            LabPlan(user_id=uid, lab_key="vitd", updated_at=NOW),
            RedFlagEvent(user_id=uid, local_day=DAY, kind="sudden_back_pain", created_at=NOW),
            UsualItem(user_id=uid, nutrient="vitamin_d", amount=2000, unit="IU", updated_at=NOW),
        ]
    )
    await session.commit()
    return uid


async def _account(session: AsyncSession, user_id: int) -> Account:
    """His Account, as a handler's turn would have it."""
    user = await session.get(User, user_id)
    assert user is not None
    return account_of(user)


def test_every_table_belongs_to_a_user() -> None:
    """A table without user_id must be allowed on purpose, or export and delete would miss it."""
    assert unowned_tables() == ALLOWED_UNOWNED
    assert {t.name for t in user_tables()} == set(SQLModel.metadata.tables) - set(ALLOWED_UNOWNED)


async def test_delete_leaves_nothing_of_him_and_keeps_others(session: AsyncSession) -> None:
    """After delete, no table has a row of his; another user's rows are untouched."""
    him = await _seed(session, 1)
    other = await _seed(session, 2)
    uow = UnitOfWork.joining(session)
    counts = await erase(uow, account=await _account(session, him))
    assert all(counts[t.name] >= 1 for t in user_tables())
    for table in user_tables():
        owner = table.c.id if table.name == USER_TABLE else table.c.user_id
        mine = await session.exec(select(func.count()).select_from(table).where(owner == him))  # type: ignore[call-overload]
        theirs = await session.exec(select(func.count()).select_from(table).where(owner == other))  # type: ignore[call-overload]
        assert mine.scalar_one() == 0, table.name
        assert theirs.scalar_one() >= 1, table.name


async def test_export_contains_exactly_his_rows(session: AsyncSession) -> None:
    """data.json holds every row of his in every table and no one else's; the spreadsheets
    hold his topics with units in their headers, and the README names every column."""
    him = await _seed(session, 1)
    await _seed(session, 2)
    uow = UnitOfWork.joining(session)
    account = await _account(session, him)
    raw = await export_zip(uow, account=account, content=load_content(), today=DAY)
    archive = zipfile.ZipFile(io.BytesIO(raw))
    names = set(archive.namelist())
    sheets = {
        "profile.csv": ["setting", "value"],
        "training_sessions.csv": ["date", "weekday", "planned_session", "answer", "effort"],
        "lift_sets.csv": ["date", "lift", "set", "reps", "load_kg", "load_lb"],
        "nutrition.csv": ["date", "nutrient", "amount", "unit", "entered_as"],
        "labs.csv": ["date", "lab", "value", "unit", "value_other_unit", "other_unit", "flag"],
        "red_flags.csv": ["date", "kind", "after", "after_on"],
    }
    assert names == {"data.json", "README.md", *sheets}  # no per-table bookkeeping CSVs
    data = json.loads(archive.read("data.json"))
    for table in user_tables():
        rows = data[table.name]
        assert len(rows) == 1, table.name
        owner = "id" if table.name == USER_TABLE else "user_id"
        assert rows[0][owner] == him
    readme = archive.read("README.md").decode()
    for file, headers in sheets.items():
        lines = list(csv.reader(io.StringIO(archive.read(file).decode())))
        assert lines[0] == headers, file
        assert f"## {file}" in readme
        assert all(f"- `{header}`:" in readme for header in headers), file
    lifts = list(csv.reader(io.StringIO(archive.read("lift_sets.csv").decode())))
    assert lifts[1] == ["2026-03-02", "Back squat", "1", "5", "100", "220.5"]
    labs = list(csv.reader(io.StringIO(archive.read("labs.csv").decode())))
    assert labs[1][:6] == ["2026-03-02", "25(OH)D (vitamin D)", "32", "ng/mL", "80", "nmol/L"]
    nutrition = list(csv.reader(io.StringIO(archive.read("nutrition.csv").decode())))
    assert nutrition[1] == ["2026-03-02", "Calcium", "1000", "mg", "typed 1000 mg"]
    profile = dict(csv.reader(io.StringIO(archive.read("profile.csv").decode())))
    assert profile["training prompt time"] == "07:00"
    assert "training_days_mask" not in archive.read("profile.csv").decode()
    flags = list(csv.reader(io.StringIO(archive.read("red_flags.csv").decode())))
    assert flags[1][:2] == ["2026-03-02", "sudden back pain"]


async def test_erase_is_committed(sessions: SessionFactory) -> None:
    """Erase commits: a later unit of work finds none of his rows."""
    async with sessions() as session:
        him = await _seed(session, 1)
        account = await _account(session, him)
    async with UnitOfWork(sessions) as uow:
        await erase(uow, account=account)
    async with sessions() as session:
        for table in user_tables():
            owner = table.c.id if table.name == USER_TABLE else table.c.user_id
            mine = await session.exec(select(func.count()).select_from(table).where(owner == him))  # type: ignore[call-overload]
            assert mine.scalar_one() == 0, table.name
