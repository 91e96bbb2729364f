"""Assessments and red-flag acknowledgements.

Revision ID: 0002_assessments
Revises: 0001_initial
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_assessments"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

IdType = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "assessments",
        sa.Column("id", IdType, primary_key=True, autoincrement=True),
        sa.Column("user_id", IdType, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("taken_on", sa.Date(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("result", sa.JSON(), nullable=False),
    )
    op.create_index("ix_assessments_user_day", "assessments", ["user_id", "taken_on"])
    op.create_table(
        "red_flag_acks",
        sa.Column("id", IdType, primary_key=True, autoincrement=True),
        sa.Column("user_id", IdType, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("assessment_id", IdType, sa.ForeignKey("assessments.id", ondelete="SET NULL"),
                  nullable=True),
        sa.Column("acknowledged_on", sa.Date(), nullable=False),
        sa.Column("red_flags", sa.JSON(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_red_flag_acks_user", "red_flag_acks", ["user_id", "acknowledged_on"])


def downgrade() -> None:
    op.drop_index("ix_red_flag_acks_user", table_name="red_flag_acks")
    op.drop_table("red_flag_acks")
    op.drop_index("ix_assessments_user_day", table_name="assessments")
    op.drop_table("assessments")
