"""Lab results and per-lab plans; anastrozole change date.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "lab_plan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("lab_key", sa.String(length=16), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("custom_interval_days", sa.Integer(), nullable=True),
        sa.Column("booked_on", sa.Date(), nullable=True),
        sa.Column("snoozed_until", sa.Date(), nullable=True),
        sa.Column("last_nudged_on", sa.Date(), nullable=True),
        sa.Column("result_asked_on", sa.Date(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["bc_user.id"],
            name=op.f("fk_lab_plan_user_id_bc_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lab_plan")),
        sa.UniqueConstraint("user_id", "lab_key", name=op.f("uq_lab_plan_user_id_lab_key")),
    )
    op.create_table(
        "lab_result",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("lab_key", sa.String(length=16), nullable=False),
        sa.Column("taken_on", sa.Date(), nullable=False),
        sa.Column("value_entered", sa.Float(), nullable=False),
        sa.Column("unit_entered", sa.String(length=16), nullable=False),
        sa.Column("value_canonical", sa.Float(), nullable=False),
        sa.Column("unit_canonical", sa.String(length=16), nullable=False),
        sa.Column("score_kind", sa.String(length=1), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["bc_user.id"],
            name=op.f("fk_lab_result_user_id_bc_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lab_result")),
        sa.UniqueConstraint(
            "user_id", "lab_key", "taken_on", name=op.f("uq_lab_result_user_id_lab_key_taken_on")
        ),
    )
    with op.batch_alter_table("lab_result", schema=None) as batch_op:
        batch_op.create_index("ix_lab_result_user_lab", ["user_id", "lab_key"], unique=False)

    with op.batch_alter_table("bc_user", schema=None) as batch_op:
        batch_op.add_column(sa.Column("anastrozole_changed_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("bc_user", schema=None) as batch_op:
        batch_op.drop_column("anastrozole_changed_on")

    with op.batch_alter_table("lab_result", schema=None) as batch_op:
        batch_op.drop_index("ix_lab_result_user_lab")

    op.drop_table("lab_result")
    op.drop_table("lab_plan")
