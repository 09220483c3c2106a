"""INSERT ... ON CONFLICT DO NOTHING for SQLite and PostgreSQL alike, fast for many rows."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel import SQLModel
from sqlmodel.ext.asyncio.session import AsyncSession


async def insert_ignore(
    session: AsyncSession, model: type[SQLModel], rows: list[dict[str, Any]]
) -> int:
    """Insert rows (all with the same keys), silently skipping any that collide with a unique
    key; returns how many were inserted.

    Many rows go in as one statement over arrays on PostgreSQL and as one executemany on
    SQLite: a multi-row VALUES clause would be compiled afresh for every batch, which costs
    more than the insert itself.
    """
    if not rows:
        return 0
    table: Table = model.__table__  # type: ignore[attr-defined]
    connection = await session.connection()
    if connection.dialect.name == "postgresql":
        if len(rows) == 1:
            result = await connection.execute(
                postgresql.insert(table).values(rows).on_conflict_do_nothing()
            )
            return int(result.rowcount or 0)
        return await _insert_ignore_arrays(connection, table, rows)
    result = await connection.execute(sqlite.insert(table).on_conflict_do_nothing(), rows)
    return int(result.rowcount or 0)


async def _insert_ignore_arrays(
    connection: AsyncConnection, table: Table, rows: list[dict[str, Any]]
) -> int:
    """INSERT ... SELECT * FROM unnest(one array per column) ON CONFLICT DO NOTHING."""
    names = list(rows[0])
    casts = ", ".join(
        f"CAST(:{name} AS {table.c[name].type.compile(dialect=connection.dialect)}[])"
        for name in names
    )
    columns = ", ".join(f'"{name}"' for name in names)
    statement = text(
        f'INSERT INTO "{table.name}" ({columns}) '  # noqa: S608 - names come from the model
        f"SELECT * FROM unnest({casts}) ON CONFLICT DO NOTHING"
    ).bindparams(**{name: [row[name] for row in rows] for name in names})
    result = await connection.execute(statement)
    return int(result.rowcount or 0)
