"""Every row that belongs to one user, found through the schema itself.

A table belongs to users when it has a `user_id` column (or is the user table). Export and
delete walk SQLModel.metadata, so a table added later is covered without being listed here.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, delete, select
from sqlmodel import SQLModel
from sqlmodel.ext.asyncio.session import AsyncSession

USER_TABLE = "bc_user"


def user_tables() -> list[Table]:
    """Tables holding a user's rows, children first (safe order for deleting)."""
    tables = [
        t for t in SQLModel.metadata.sorted_tables if t.name == USER_TABLE or "user_id" in t.c
    ]
    return list(reversed(tables))


def unowned_tables() -> list[str]:
    """Tables that hold no per-user rows (a test keeps this list honest)."""
    owned = {t.name for t in user_tables()}
    return [t.name for t in SQLModel.metadata.sorted_tables if t.name not in owned]


def _owner_column(table: Table) -> Any:
    """The column naming the owner: the id of the user table, user_id elsewhere."""
    return table.c.id if table.name == USER_TABLE else table.c.user_id


async def rows_of_user(session: AsyncSession, *, user_id: int) -> dict[str, list[dict[str, Any]]]:
    """table name → his rows as dicts, parents first."""
    export: dict[str, list[dict[str, Any]]] = {}
    for table in reversed(user_tables()):
        result = await session.exec(  # type: ignore[call-overload]
            select(table).where(_owner_column(table) == user_id).order_by(*table.primary_key)
        )
        export[table.name] = [dict(row._mapping) for row in result.all()]
    return export


async def delete_user_rows(session: AsyncSession, *, user_id: int) -> dict[str, int]:
    """Delete every row of his from every table (children first); returns counts (staged)."""
    counts = {}
    for table in user_tables():
        result = await session.exec(delete(table).where(_owner_column(table) == user_id))
        counts[table.name] = int(result.rowcount or 0)
    return counts
