"""Tables of the foods area: a person's own foods and recipes, and the parsed items of meals."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from zonula.storage.tables import Base, IdType


class UserFoodRow(Base):
    """A person's own food or recipe; it extends and overrides the shipped lexicon for them."""

    __tablename__ = "user_foods"
    __table_args__ = (UniqueConstraint("user_id", "key", name="uq_user_foods_user_key"),)

    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(10), default="food")
    name_en: Mapped[str] = mapped_column(Text(), default="")
    name_zh: Mapped[str] = mapped_column(Text(), default="")
    synonyms: Mapped[list[str]] = mapped_column(JSON())
    groups: Mapped[dict[str, str]] = mapped_column(JSON())
    parts: Mapped[list[str]] = mapped_column(JSON())
    created_at: Mapped[datetime] = mapped_column(DateTime())
    updated_at: Mapped[datetime] = mapped_column(DateTime())


class MealParseRow(Base):
    """Which lexicon version last parsed a meal entry (so stale parses can be redone)."""

    __tablename__ = "meal_parses"
    __table_args__ = (Index("ix_meal_parses_user_version", "user_id", "lexicon_version"),)

    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    lexicon_version: Mapped[str] = mapped_column(String(40))
    parsed_at: Mapped[datetime] = mapped_column(DateTime())


class MealItemRow(Base):
    """One parsed item of a meal entry: span in the text, food, quantity, portion and group levels."""

    __tablename__ = "meal_items"
    __table_args__ = (
        UniqueConstraint("entry_id", "position", name="uq_meal_items_entry_position"),
        Index("ix_meal_items_user_food", "user_id", "food_id"),
    )

    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer())
    span_start: Mapped[int] = mapped_column(Integer())
    span_end: Mapped[int] = mapped_column(Integer())
    text: Mapped[str] = mapped_column(Text(), default="")
    food_id: Mapped[str | None] = mapped_column(String(160), nullable=True)
    name_en: Mapped[str | None] = mapped_column(Text(), nullable=True)
    name_zh: Mapped[str | None] = mapped_column(Text(), nullable=True)
    quantity: Mapped[float | None] = mapped_column(Float(), nullable=True)
    unit: Mapped[str | None] = mapped_column(String(32), nullable=True)
    portion: Mapped[str] = mapped_column(String(10), default="usual")
    negated: Mapped[bool] = mapped_column(Boolean(), default=False)
    groups: Mapped[dict[str, Any]] = mapped_column(JSON())
    lexicon_version: Mapped[str] = mapped_column(String(40))
