"""The safety screen, clinician clearance and red-flag events (the day and kind, no words).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("bc_user", schema=None) as batch_op:
        batch_op.add_column(sa.Column("screened_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("screen_findings", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("screen_asked_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("cleared_on", sa.Date(), nullable=True))
    op.create_table(
        "red_flag_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("local_day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("resolved_on", sa.Date(), nullable=True),
        sa.Column("resolution", sa.String(length=16), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["bc_user.id"],
            name=op.f("fk_red_flag_event_user_id_bc_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_red_flag_event")),
    )
    with op.batch_alter_table("red_flag_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_red_flag_event_user_id"), ["user_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("red_flag_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_red_flag_event_user_id"))
    op.drop_table("red_flag_event")
    with op.batch_alter_table("bc_user", schema=None) as batch_op:
        batch_op.drop_column("cleared_on")
        batch_op.drop_column("screen_asked_on")
        batch_op.drop_column("screen_findings")
        batch_op.drop_column("screened_on")
