"""His data in his hands: a zip of all his rows (JSON and one CSV per table) with a README."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date, datetime, time
from typing import Any

from sqlmodel import SQLModel

from bot.db.user_data import rows_of_user, user_tables
from bot.services.accounts import Account
from bot.services.unit_of_work import UnitOfWork

README_HEAD = """# Your BoneCoach data

This archive holds every row BoneCoach stores about you, exported on {day}.
`data.json` has all tables; each `<table>.csv` has one of them. Times are UTC
(ISO 8601); local days are dates in your time zone. Units are stated per column.

"""


def _plain(value: Any) -> Any:
    """A value JSON and CSV can hold (times as ISO 8601)."""
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return value


def _describe_tables() -> str:
    """One section per table: its purpose (the model's docstring) and its columns."""
    models = {
        getattr(m, "__tablename__", ""): m
        for m in SQLModel.__subclasses__()
        + [sub for base in SQLModel.__subclasses__() for sub in base.__subclasses__()]
    }
    lines = []
    for table in reversed(user_tables()):
        model = models.get(table.name)
        doc = (model.__doc__ or "").strip().splitlines()[0] if model and model.__doc__ else ""
        lines.append(f"## {table.name}.csv\n{doc}\n")
        for column in table.columns:
            lines.append(
                f"- `{column.name}` ({column.type}){'' if column.nullable else ', required'}"
            )
        lines.append("")
    return "\n".join(lines)


async def export_zip(uow: UnitOfWork, *, account: Account, today: date) -> bytes:
    """The archive of all his rows, as bytes."""
    data = await rows_of_user(uow.session, user_id=account.id)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        plain = {
            t: [{k: _plain(v) for k, v in row.items()} for row in rows] for t, rows in data.items()
        }
        archive.writestr("data.json", json.dumps(plain, indent=2, ensure_ascii=False))
        for table, rows in plain.items():
            columns = [c.name for t in user_tables() if t.name == table for c in t.columns]
            text = io.StringIO()
            writer = csv.DictWriter(text, fieldnames=columns)
            writer.writeheader()
            writer.writerows(rows)
            archive.writestr(f"{table}.csv", text.getvalue())
        archive.writestr(
            "README.md", README_HEAD.format(day=today.isoformat()) + _describe_tables()
        )
    return buffer.getvalue()
