"""Assessment and red-flag acknowledgement rows: insert and query (results are stored as JSON)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from zonula.errors import NotFoundError
from zonula.i18n import _
from zonula.storage.tables import AssessmentRow, RedFlagAckRow


@dataclass(frozen=True, slots=True)
class AssessmentRecord:
    """A stored assessment as the service sees it (the result still as its JSON dict)."""

    id: int
    taken_on: date
    recorded_at: datetime
    version: int
    answers: dict[str, Any]
    score: float
    result: dict[str, Any]


@dataclass(frozen=True, slots=True)
class AckRecord:
    """A stored red-flag acknowledgement."""

    id: int
    assessment_id: int | None
    acknowledged_on: date
    red_flags: tuple[str, ...]
    recorded_at: datetime | None = None


def _record(row: AssessmentRow) -> AssessmentRecord:
    return AssessmentRecord(row.id, row.taken_on, row.recorded_at.replace(tzinfo=UTC), row.version,
                            dict(row.answers), row.score, dict(row.result))


def add_assessment(session: Session, user_id: int, *, taken_on: date, version: int,
                   answers: dict[str, Any], score: float, result: dict[str, Any],
                   recorded_at: datetime | None = None) -> AssessmentRecord:
    """Store one assessment (recorded now unless a naive-UTC `recorded_at` is kept from an export)."""
    row = AssessmentRow(user_id=user_id, taken_on=taken_on,
                        recorded_at=recorded_at or datetime.now(UTC).replace(tzinfo=None),
                        version=version, answers=answers, score=score, result=result)
    session.add(row)
    session.flush()
    return _record(row)


def list_assessments(session: Session, user_id: int) -> list[AssessmentRecord]:
    """Every assessment of a user, oldest first (by day, then by when it was stored)."""
    stmt = (select(AssessmentRow).where(AssessmentRow.user_id == user_id)
            .order_by(AssessmentRow.taken_on, AssessmentRow.id))
    return [_record(r) for r in session.scalars(stmt)]


def get_assessment(session: Session, user_id: int, assessment_id: int) -> AssessmentRecord:
    """One assessment of this user; NotFoundError when missing or someone else's."""
    row = session.get(AssessmentRow, assessment_id)
    if row is None or row.user_id != user_id:
        raise NotFoundError(_("no assessment {id}").format(id=assessment_id))
    return _record(row)


def add_ack(session: Session, user_id: int, *, assessment_id: int | None, on: date,
            red_flags: tuple[str, ...], recorded_at: datetime | None = None) -> AckRecord:
    """Store one red-flag acknowledgement (recorded now unless a naive-UTC `recorded_at` is kept)."""
    row = RedFlagAckRow(user_id=user_id, assessment_id=assessment_id, acknowledged_on=on,
                        red_flags=list(red_flags),
                        recorded_at=recorded_at or datetime.now(UTC).replace(tzinfo=None))
    session.add(row)
    session.flush()
    return AckRecord(row.id, row.assessment_id, row.acknowledged_on, tuple(row.red_flags),
                     row.recorded_at.replace(tzinfo=UTC))


def list_acks(session: Session, user_id: int) -> list[AckRecord]:
    """Every red-flag acknowledgement of a user, oldest first."""
    stmt = (select(RedFlagAckRow).where(RedFlagAckRow.user_id == user_id)
            .order_by(RedFlagAckRow.acknowledged_on, RedFlagAckRow.id))
    return [AckRecord(r.id, r.assessment_id, r.acknowledged_on, tuple(r.red_flags), r.recorded_at.replace(tzinfo=UTC))
            for r in session.scalars(stmt)]
