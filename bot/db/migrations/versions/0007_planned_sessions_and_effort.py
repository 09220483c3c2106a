"""Planned sessions are remembered on the prompt that planned them; his effort rating.

`delivery.session_planned`: true on a training prompt that carried a training-day session
(set when it is rendered), so adherence counts what was planned at the time even after he
changes his training days. Existing sent training prompts are backfilled from the training
days he has now (the best knowledge there is). `training_session.effort`: easy / right /
hard, his optional rating of the session.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05
"""

from __future__ import annotations

import datetime

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("session_planned", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("training_session", schema=None) as batch_op:
        batch_op.add_column(sa.Column("effort", sa.String(length=8), nullable=True))
    _backfill()


def _backfill() -> None:
    """Sent training prompts on one of his training days (weekday bit in his mask)."""
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "SELECT d.id, d.local_day, u.training_days_mask FROM delivery d "
            "JOIN bc_user u ON u.id = d.user_id "
            "WHERE d.kind = 'training' AND d.status IN ('sent', 'unconfirmed')"
        )
    ).all()
    planned = [{"id": row[0]} for row in rows if row[2] and row[2] & (1 << _weekday(row[1]))]
    if planned:
        bind.execute(sa.text("UPDATE delivery SET session_planned = true WHERE id = :id"), planned)


def _weekday(day: object) -> int:
    """Monday 0 … Sunday 6, from a date or its ISO text (SQLite returns text)."""
    if isinstance(day, str):
        day = datetime.date.fromisoformat(day)
    assert isinstance(day, datetime.date)
    return day.weekday()


def downgrade() -> None:
    with op.batch_alter_table("training_session", schema=None) as batch_op:
        batch_op.drop_column("effort")
    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.drop_column("session_planned")
