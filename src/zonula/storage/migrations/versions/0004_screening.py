"""Cached suspect-screening results, keyed by the version of their inputs.

Revision ID: 0004_screening
Revises: 0003_protocol
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_screening"
down_revision = "0003_protocol"
branch_labels = None
depends_on = None

IdType = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "screening_results",
        sa.Column("id", IdType, primary_key=True, autoincrement=True),
        sa.Column("user_id", IdType, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("version", sa.String(64), nullable=False),
        sa.Column("scope", sa.String(200), nullable=False),
        sa.Column("engine_version", sa.String(40), nullable=False),
        sa.Column("lexicon_version", sa.String(40), nullable=False),
        sa.Column("report", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("user_id", "version", name="uq_screening_user_version"),
    )
    op.create_index("ix_screening_user_scope", "screening_results", ["user_id", "scope"])


def downgrade() -> None:
    op.drop_index("ix_screening_user_scope", table_name="screening_results")
    op.drop_table("screening_results")
