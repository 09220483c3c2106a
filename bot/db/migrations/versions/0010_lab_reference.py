"""His own lab's reference range on a result (canonical unit), for "above your lab's limit";
the day he started testosterone or changed its dose (/trt changed), for the rechecks.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("lab_result", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ref_low", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("ref_high", sa.Float(), nullable=True))
    with op.batch_alter_table("bc_user", schema=None) as batch_op:
        batch_op.add_column(sa.Column("trt_changed_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("bc_user", schema=None) as batch_op:
        batch_op.drop_column("trt_changed_on")
    with op.batch_alter_table("lab_result", schema=None) as batch_op:
        batch_op.drop_column("ref_high")
        batch_op.drop_column("ref_low")
