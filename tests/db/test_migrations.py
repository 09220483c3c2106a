"""Migrations build exactly the schema the models describe."""

from __future__ import annotations

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Column, Integer, MetaData, Table
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import SQLModel

from bot.db.engine import create_engine
from bot.db.migrate import pending_revisions, upgrade


def _diff(connection: Connection, metadata: MetaData) -> list[Any]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, metadata))


async def test_migrated_schema_equals_models(engine: AsyncEngine) -> None:
    """After `upgrade`, Alembic finds no difference between the database and the models."""
    async with engine.connect() as connection:
        diff = await connection.run_sync(_diff, SQLModel.metadata)
    assert diff == []


async def test_schema_comparison_notices_a_difference(engine: AsyncEngine) -> None:
    """The comparison is not vacuous: a table missing from the database is reported."""
    extra = MetaData()
    for table in SQLModel.metadata.sorted_tables:
        table.to_metadata(extra)
    Table("not_migrated", extra, Column("id", Integer, primary_key=True))
    async with engine.connect() as connection:
        diff = await connection.run_sync(_diff, extra)
    assert [change[0] for change in diff] == ["add_table"]


async def test_upgrade_is_idempotent(engine: AsyncEngine) -> None:
    """A second upgrade applies nothing and nothing is pending."""
    assert await upgrade(engine) == []
    assert await pending_revisions(engine) == []


async def test_fresh_database_gets_every_revision(database_url: str) -> None:
    """On an empty database every revision is pending, and upgrade applies them all."""
    engine = create_engine(database_url)
    try:
        if engine.dialect.name == "postgresql":
            async with engine.begin() as connection:
                await connection.run_sync(lambda c: SQLModel.metadata.drop_all(c))
                await connection.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
        pending = await pending_revisions(engine)
        assert pending
        assert await upgrade(engine) == pending
    finally:
        await engine.dispose()
