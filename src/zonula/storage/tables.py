"""SQLAlchemy table definitions: the schema that Alembic migrations build."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# BIGINT on PostgreSQL, INTEGER (the rowid alias, auto-incrementing) on SQLite.
IdType = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    """Declarative base of every zonula table."""


class UserRow(Base):
    """A person (or clinician, or admin) with their preferences."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(20), default="person")
    password_hash: Mapped[str | None] = mapped_column(String(300), nullable=True)
    language: Mapped[str | None] = mapped_column(String(8), nullable=True)
    timezone: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime())


class EntryRow(Base):
    """One diary entry; `occurred_at` and `recorded_at` are UTC, `utc_offset_min` keeps local time."""

    __tablename__ = "entries"
    __table_args__ = (
        UniqueConstraint("user_id", "source_key", name="uq_entries_user_source_key"),
        Index("ix_entries_user_time", "user_id", "occurred_at"),
    )

    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    occurred_at: Mapped[datetime] = mapped_column(DateTime())
    utc_offset_min: Mapped[int] = mapped_column(Integer())
    recorded_at: Mapped[datetime] = mapped_column(DateTime())
    name: Mapped[str] = mapped_column(Text(), default="")
    value: Mapped[float | None] = mapped_column(Float(), nullable=True)
    unit: Mapped[str] = mapped_column(String(32), default="")
    note: Mapped[str] = mapped_column(Text(), default="")
    quality: Mapped[float | None] = mapped_column(Float(), nullable=True)
    source: Mapped[str] = mapped_column(String(40), default="zonula")
    source_key: Mapped[str | None] = mapped_column(String(80), nullable=True)
    original: Mapped[dict[str, Any] | None] = mapped_column(JSON(), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime())


class ScreeningRow(Base):
    """A cached suspect screen: the report for one input version (diary rows + lexicon + engine)."""

    __tablename__ = "screening_results"
    __table_args__ = (
        UniqueConstraint("user_id", "version", name="uq_screening_user_version"),
        Index("ix_screening_user_scope", "user_id", "scope"),
    )

    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    version: Mapped[str] = mapped_column(String(64))
    scope: Mapped[str] = mapped_column(String(200))
    engine_version: Mapped[str] = mapped_column(String(40))
    lexicon_version: Mapped[str] = mapped_column(String(40))
    report: Mapped[dict[str, Any]] = mapped_column(JSON())
    created_at: Mapped[datetime] = mapped_column(DateTime())


class AssessmentRow(Base):
    """One completed assessment: its answers, the zonula symptom burden score and the full result."""

    __tablename__ = "assessments"
    __table_args__ = (Index("ix_assessments_user_day", "user_id", "taken_on"),)

    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    taken_on: Mapped[date] = mapped_column(Date())
    recorded_at: Mapped[datetime] = mapped_column(DateTime())
    version: Mapped[int] = mapped_column(Integer())
    answers: Mapped[dict[str, Any]] = mapped_column(JSON())
    score: Mapped[float] = mapped_column(Float())
    result: Mapped[dict[str, Any]] = mapped_column(JSON())


class RedFlagAckRow(Base):
    """The person's record that they have seen, or will see, a doctor about these red flags."""

    __tablename__ = "red_flag_acks"
    __table_args__ = (Index("ix_red_flag_acks_user", "user_id", "acknowledged_on"),)

    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    assessment_id: Mapped[int | None] = mapped_column(
        ForeignKey("assessments.id", ondelete="SET NULL"), nullable=True)
    acknowledged_on: Mapped[date] = mapped_column(Date())
    red_flags: Mapped[list[str]] = mapped_column(JSON())
    recorded_at: Mapped[datetime] = mapped_column(DateTime())


class PlanRow(Base):
    """A protocol plan of one person; its state is derived from its events."""

    __tablename__ = "protocol_plans"
    __table_args__ = (Index("ix_protocol_plans_user", "user_id", "created_at"),)

    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(DateTime())


class PlanEventRow(Base):
    """One append-only event of a plan (started, paused, resumed, extended, skipped, restarted)."""

    __tablename__ = "protocol_events"
    __table_args__ = (UniqueConstraint("plan_id", "seq", name="uq_protocol_events_plan_seq"),)

    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("protocol_plans.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer())
    kind: Mapped[str] = mapped_column(String(20))
    effective_on: Mapped[date] = mapped_column(Date())
    payload: Mapped[dict[str, Any]] = mapped_column(JSON())
    recorded_at: Mapped[datetime] = mapped_column(DateTime())


class PlanVerdictRow(Base):
    """A verdict snapshot of a plan (derived data, rewritten whenever verdicts are computed)."""

    __tablename__ = "protocol_verdicts"
    __table_args__ = (Index("ix_protocol_verdicts_plan", "plan_id", "position"),)

    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("protocol_plans.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer())
    epoch: Mapped[int] = mapped_column(Integer())
    stage: Mapped[str] = mapped_column(String(20))
    group_key: Mapped[str] = mapped_column(String(80))
    outcome: Mapped[str] = mapped_column(String(40))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON())
    computed_at: Mapped[datetime] = mapped_column(DateTime())


class RepairItemRow(Base):
    """A repair-plan step the person adopted, with its dose and start (and stop) dates."""

    __tablename__ = "repair_items"
    __table_args__ = (Index("ix_repair_items_user", "user_id", "step"),)

    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    step: Mapped[str] = mapped_column(String(40))
    dose: Mapped[str] = mapped_column(String(200), default="")
    started_on: Mapped[date] = mapped_column(Date())
    stopped_on: Mapped[date | None] = mapped_column(Date(), nullable=True)
    recorded_at: Mapped[datetime] = mapped_column(DateTime())
