"""Foods: a person's own foods and recipes, parsed meal items and their lexicon version.

Revision ID: 0005_foods
Revises: 0004_screening
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_foods"
down_revision = "0004_screening"
branch_labels = None
depends_on = None

IdType = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "user_foods",
        sa.Column("id", IdType, primary_key=True, autoincrement=True),
        sa.Column("user_id", IdType, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("key", sa.String(120), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False, server_default="food"),
        sa.Column("name_en", sa.Text(), nullable=False, server_default=""),
        sa.Column("name_zh", sa.Text(), nullable=False, server_default=""),
        sa.Column("synonyms", sa.JSON(), nullable=False),
        sa.Column("groups", sa.JSON(), nullable=False),
        sa.Column("parts", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("user_id", "key", name="uq_user_foods_user_key"),
    )
    op.create_table(
        "meal_parses",
        sa.Column("entry_id", IdType, sa.ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("user_id", IdType, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("lexicon_version", sa.String(40), nullable=False),
        sa.Column("parsed_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_meal_parses_user_version", "meal_parses", ["user_id", "lexicon_version"])
    op.create_table(
        "meal_items",
        sa.Column("id", IdType, primary_key=True, autoincrement=True),
        sa.Column("entry_id", IdType, sa.ForeignKey("entries.id", ondelete="CASCADE"), nullable=False),
        sa.Column("user_id", IdType, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False, server_default=""),
        sa.Column("food_id", sa.String(160), nullable=True),
        sa.Column("name_en", sa.Text(), nullable=True),
        sa.Column("name_zh", sa.Text(), nullable=True),
        sa.Column("quantity", sa.Float(), nullable=True),
        sa.Column("unit", sa.String(32), nullable=True),
        sa.Column("portion", sa.String(10), nullable=False, server_default="usual"),
        sa.Column("negated", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("groups", sa.JSON(), nullable=False),
        sa.Column("lexicon_version", sa.String(40), nullable=False),
        sa.UniqueConstraint("entry_id", "position", name="uq_meal_items_entry_position"),
    )
    op.create_index("ix_meal_items_user_food", "meal_items", ["user_id", "food_id"])


def downgrade() -> None:
    op.drop_index("ix_meal_items_user_food", table_name="meal_items")
    op.drop_table("meal_items")
    op.drop_index("ix_meal_parses_user_version", table_name="meal_parses")
    op.drop_table("meal_parses")
    op.drop_table("user_foods")
