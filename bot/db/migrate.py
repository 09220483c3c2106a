"""Apply Alembic migrations over the async engine (used by `bonecoach migrate` and at start)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config pointing at the migrations inside the package."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def _upgrade(connection: Connection, revision: str) -> None:
    command.upgrade(alembic_config(connection), revision)


def _pending(connection: Connection) -> list[str]:
    current = set(MigrationContext.configure(connection).get_current_heads())
    script = ScriptDirectory.from_config(alembic_config())
    pending = []
    for rev in script.walk_revisions():
        if rev.revision in current:
            break
        pending.append(rev.revision)
    return pending


async def pending_revisions(engine: AsyncEngine) -> list[str]:
    """Revisions not yet applied, newest first."""
    async with engine.connect() as connection:
        return await connection.run_sync(_pending)


async def upgrade(engine: AsyncEngine, revision: str = "head") -> list[str]:
    """Apply pending migrations up to `revision`; returns the revisions it applied."""
    todo = await pending_revisions(engine)
    if todo:
        async with engine.begin() as connection:
            await connection.run_sync(_upgrade, revision)
    return todo
