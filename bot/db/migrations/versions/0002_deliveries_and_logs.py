"""Deliveries, schedules, training and nutrition logs.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "delivery",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("local_day", sa.Date(), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("message_id", sa.BigInteger(), nullable=True),
        sa.Column("progress", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(length=32), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["bc_user.id"],
            name=op.f("fk_delivery_user_id_bc_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_delivery")),
        sa.UniqueConstraint(
            "user_id", "kind", "local_day", name=op.f("uq_delivery_user_id_kind_local_day")
        ),
    )
    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.create_index("ix_delivery_status_due_at", ["status", "due_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_delivery_user_id"), ["user_id"], unique=False)

    op.create_table(
        "schedule",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("local_day", sa.Date(), nullable=False),
        sa.Column("next_due_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["bc_user.id"],
            name=op.f("fk_schedule_user_id_bc_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_schedule")),
        sa.UniqueConstraint("user_id", "kind", name=op.f("uq_schedule_user_id_kind")),
    )
    with op.batch_alter_table("schedule", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_schedule_next_due_at"), ["next_due_at"], unique=False)

    op.create_table(
        "training_set",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("local_day", sa.Date(), nullable=False),
        sa.Column("lift_key", sa.String(length=32), nullable=False),
        sa.Column("set_index", sa.Integer(), nullable=False),
        sa.Column("reps", sa.Integer(), nullable=False),
        sa.Column("planned_reps", sa.Integer(), nullable=True),
        sa.Column("planned_sets", sa.Integer(), nullable=True),
        sa.Column("load_kg", sa.Float(), nullable=False),
        sa.Column("entered_unit", sa.String(length=8), nullable=False),
        sa.Column("source_key", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["bc_user.id"],
            name=op.f("fk_training_set_user_id_bc_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_set")),
        sa.UniqueConstraint(
            "user_id",
            "source_key",
            "set_index",
            name=op.f("uq_training_set_user_id_source_key_set_index"),
        ),
    )
    with op.batch_alter_table("training_set", schema=None) as batch_op:
        batch_op.create_index(
            "ix_training_set_user_lift_day", ["user_id", "lift_key", "local_day"], unique=False
        )

    op.create_table(
        "nutrition_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("local_day", sa.Date(), nullable=False),
        sa.Column("nutrient", sa.String(length=16), nullable=False),
        sa.Column("amount", sa.Float(), nullable=False),
        sa.Column("unit", sa.String(length=8), nullable=False),
        sa.Column("entered_value", sa.Float(), nullable=False),
        sa.Column("entered_unit", sa.String(length=8), nullable=False),
        sa.Column("range_key", sa.String(length=8), nullable=True),
        sa.Column("delivery_id", sa.Integer(), nullable=True),
        sa.Column("source_key", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["delivery_id"],
            ["delivery.id"],
            name=op.f("fk_nutrition_entry_delivery_id_delivery"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["bc_user.id"],
            name=op.f("fk_nutrition_entry_user_id_bc_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_nutrition_entry")),
        sa.UniqueConstraint(
            "user_id", "source_key", name=op.f("uq_nutrition_entry_user_id_source_key")
        ),
    )
    with op.batch_alter_table("nutrition_entry", schema=None) as batch_op:
        batch_op.create_index("ix_nutrition_entry_user_day", ["user_id", "local_day"], unique=False)

    op.create_table(
        "training_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("local_day", sa.Date(), nullable=False),
        sa.Column("planned", sa.Boolean(), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("delivery_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["delivery_id"],
            ["delivery.id"],
            name=op.f("fk_training_session_delivery_id_delivery"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["bc_user.id"],
            name=op.f("fk_training_session_user_id_bc_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_session")),
        sa.UniqueConstraint(
            "user_id", "local_day", name=op.f("uq_training_session_user_id_local_day")
        ),
    )
    op.create_table(
        "handled_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["bc_user.id"],
            name=op.f("fk_handled_message_user_id_bc_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handled_message")),
        sa.UniqueConstraint(
            "user_id", "message_id", name=op.f("uq_handled_message_user_id_message_id")
        ),
    )
    with op.batch_alter_table("bc_user", schema=None) as batch_op:
        batch_op.add_column(sa.Column("quiet_start", sa.Time(), nullable=True))
        batch_op.add_column(sa.Column("quiet_end", sa.Time(), nullable=True))
        batch_op.add_column(
            sa.Column("summary_weekday", sa.Integer(), nullable=False, server_default="6")
        )
        batch_op.add_column(sa.Column("program_start", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("bc_user", schema=None) as batch_op:
        batch_op.drop_column("program_start")
        batch_op.drop_column("summary_weekday")
        batch_op.drop_column("quiet_end")
        batch_op.drop_column("quiet_start")

    op.drop_table("handled_message")
    op.drop_table("training_session")
    with op.batch_alter_table("nutrition_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_nutrition_entry_user_day")

    op.drop_table("nutrition_entry")
    with op.batch_alter_table("training_set", schema=None) as batch_op:
        batch_op.drop_index("ix_training_set_user_lift_day")

    op.drop_table("training_set")
    with op.batch_alter_table("schedule", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_schedule_next_due_at"))

    op.drop_table("schedule")
    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_delivery_user_id"))
        batch_op.drop_index("ix_delivery_status_due_at")

    op.drop_table("delivery")
