"""Users and their coaching profile.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "bc_user",
        sa.Column("timezone", sa.String(length=64), nullable=True),
        sa.Column("training_time", sa.Time(), nullable=True),
        sa.Column("nutrition_time", sa.Time(), nullable=True),
        sa.Column("training_days_mask", sa.Integer(), nullable=True),
        sa.Column("weight_kg", sa.Float(), nullable=True),
        sa.Column("weight_unit", sa.String(length=8), nullable=True),
        sa.Column("age_band", sa.String(length=16), nullable=True),
        sa.Column("anastrozole_use", sa.String(length=16), nullable=True),
        sa.Column("anastrozole_since", sa.Date(), nullable=True),
        sa.Column("anastrozole_since_approx", sa.Boolean(), nullable=False),
        sa.Column("lab_units", sa.String(length=16), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("telegram_id", sa.BigInteger(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("pending_question", sa.String(length=32), nullable=True),
        sa.Column("consented_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("paused_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_bc_user"),
        sa.UniqueConstraint("telegram_id", name="uq_bc_user_telegram_id"),
    )
    op.create_index("ix_bc_user_paused_until", "bc_user", ["paused_until"])
    op.create_index("ix_bc_user_status", "bc_user", ["status"])


def downgrade() -> None:
    op.drop_index("ix_bc_user_status", table_name="bc_user")
    op.drop_index("ix_bc_user_paused_until", table_name="bc_user")
    op.drop_table("bc_user")
