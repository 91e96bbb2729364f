"""Cached screening results, keyed by the version of their inputs."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from zonula.storage.tables import ScreeningRow


def cached_report(session: Session, user_id: int, version: str) -> dict[str, Any] | None:
    """The stored report data for this input version, or None."""
    row = session.scalars(select(ScreeningRow).where(ScreeningRow.user_id == user_id,
                                                     ScreeningRow.version == version)).first()
    return dict(row.report) if row is not None else None


def store_report(session: Session, user_id: int, *, version: str, scope: str, engine_version: str,
                 lexicon_version: str, report: dict[str, Any]) -> None:
    """Store a report, replacing older reports of the same scope (symptom and dates)."""
    session.execute(delete(ScreeningRow).where(ScreeningRow.user_id == user_id, ScreeningRow.scope == scope))
    session.add(ScreeningRow(user_id=user_id, version=version, scope=scope, engine_version=engine_version,
                             lexicon_version=lexicon_version, report=report,
                             created_at=datetime.now(UTC).replace(tzinfo=None)))
    session.flush()


def count_reports(session: Session, user_id: int) -> int:
    """How many cached reports a user has (for tests and housekeeping)."""
    return len(session.scalars(select(ScreeningRow.id).where(ScreeningRow.user_id == user_id)).all())
