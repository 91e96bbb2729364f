"""Protocol plans, their events and verdict snapshots; repair-plan items.

Revision ID: 0003_protocol
Revises: 0002_assessments
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_protocol"
down_revision = "0002_assessments"
branch_labels = None
depends_on = None

IdType = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "protocol_plans",
        sa.Column("id", IdType, primary_key=True, autoincrement=True),
        sa.Column("user_id", IdType, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_protocol_plans_user", "protocol_plans", ["user_id", "created_at"])
    op.create_table(
        "protocol_events",
        sa.Column("id", IdType, primary_key=True, autoincrement=True),
        sa.Column("plan_id", IdType, sa.ForeignKey("protocol_plans.id", ondelete="CASCADE"), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("effective_on", sa.Date(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("plan_id", "seq", name="uq_protocol_events_plan_seq"),
    )
    op.create_table(
        "protocol_verdicts",
        sa.Column("id", IdType, primary_key=True, autoincrement=True),
        sa.Column("plan_id", IdType, sa.ForeignKey("protocol_plans.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("epoch", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(20), nullable=False),
        sa.Column("group_key", sa.String(80), nullable=False),
        sa.Column("outcome", sa.String(40), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("computed_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_protocol_verdicts_plan", "protocol_verdicts", ["plan_id", "position"])
    op.create_table(
        "repair_items",
        sa.Column("id", IdType, primary_key=True, autoincrement=True),
        sa.Column("user_id", IdType, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("step", sa.String(40), nullable=False),
        sa.Column("dose", sa.String(200), nullable=False, server_default=""),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("stopped_on", sa.Date(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_repair_items_user", "repair_items", ["user_id", "step"])


def downgrade() -> None:
    op.drop_index("ix_repair_items_user", table_name="repair_items")
    op.drop_table("repair_items")
    op.drop_index("ix_protocol_verdicts_plan", table_name="protocol_verdicts")
    op.drop_table("protocol_verdicts")
    op.drop_table("protocol_events")
    op.drop_index("ix_protocol_plans_user", table_name="protocol_plans")
    op.drop_table("protocol_plans")
