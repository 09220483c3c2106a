"""His data in his hands: a zip of spreadsheets per topic (units in the column names, a
README line for every column) and the full JSON of every row he has, for completeness."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date, datetime, time
from typing import Any

from sqlmodel import col, select

from bot.content import Content
from bot.db.log_queries import sets_of
from bot.db.models import LabResult, NutritionEntry, RedFlagEvent, TrainingSession
from bot.db.user_data import rows_of_user
from bot.services.accounts import Account
from bot.services.adherence import planned_sessions
from bot.services.export_sheets import (
    Sheet,
    lab_sheet,
    lift_sheet,
    nutrition_sheet,
    profile_sheet,
    readme_section,
    red_flag_sheet,
    training_sheet,
)
from bot.services.unit_of_work import UnitOfWork

README_HEAD = """# Your BoneCoach data

Exported on {day}. Open the `.csv` files in any spreadsheet (UTF-8, comma-separated). Every
column is described below with its unit; dates are local days in your time zone.

`data.json` holds every row BoneCoach stores about you, in every table, including the
bookkeeping the spreadsheets leave out (scheduled messages, handled message ids, schedules,
lessons read): it is there for completeness. Its times are UTC (ISO 8601).

"""
FIRST_DAY = date(2000, 1, 1)


def _plain(value: Any) -> Any:
    """A value JSON can hold (times as ISO 8601)."""
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return value


def _csv(sheet: Sheet) -> str:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow([c.header for c in sheet.columns])
    writer.writerows(sheet.rows)
    return text.getvalue()


async def _sheets(uow: UnitOfWork, account: Account, content: Content, today: date) -> list[Sheet]:
    """His rows, topic by topic, as spreadsheets."""
    session, me = uow.session, account.id

    async def rows(model: Any, order: Any) -> list[Any]:
        query = select(model).where(model.user_id == me).order_by(order, col(model.id))
        return list((await session.exec(query)).all())

    planned = await planned_sessions(uow, account=account, first=FIRST_DAY, last=today)
    answers = await rows(TrainingSession, col(TrainingSession.local_day))
    nutrition = await rows(NutritionEntry, col(NutritionEntry.local_day))
    labs = await rows(LabResult, col(LabResult.taken_on))
    flags = await rows(RedFlagEvent, col(RedFlagEvent.local_day))
    return [
        profile_sheet(account),
        training_sheet([p.day for p in planned], answers),
        lift_sheet(await sets_of(session, user_id=me), content),
        nutrition_sheet(nutrition, content),
        lab_sheet(labs, account, content),
        red_flag_sheet(flags),
    ]


async def export_zip(uow: UnitOfWork, *, account: Account, content: Content, today: date) -> bytes:
    """The archive: one CSV per topic, README.md, and data.json with every row of his."""
    sheets = await _sheets(uow, account, content, today)
    data = await rows_of_user(uow.session, user_id=account.id)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for sheet in sheets:
            archive.writestr(sheet.file, _csv(sheet))
        plain = {
            t: [{k: _plain(v) for k, v in row.items()} for row in rows] for t, rows in data.items()
        }
        archive.writestr("data.json", json.dumps(plain, indent=2, ensure_ascii=False))
        readme = README_HEAD.format(day=today.isoformat())
        readme += "\n".join(readme_section(sheet) for sheet in sheets)
        archive.writestr("README.md", readme)
    return buffer.getvalue()
