"""Protocol plans (append-only events, verdict snapshots) and repair-plan items: rows and queries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from zonula.errors import NotFoundError
from zonula.i18n import _
from zonula.storage.tables import PlanEventRow, PlanRow, PlanVerdictRow, RepairItemRow

if TYPE_CHECKING:  # the protocol modules load when a plan or repair step is read: light commands start fast
    from zonula.protocol.events import PlanEvent
    from zonula.protocol.repair import RepairItem


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass(frozen=True, slots=True)
class StoredPlan:
    """A plan's id, creation time and its events, oldest first."""

    id: int
    created_at: datetime
    events: tuple[PlanEvent, ...]


def create_plan(session: Session, user_id: int, first: PlanEvent, *, created_at: datetime | None = None) -> int:
    """Create a plan with its `started` event (created now unless kept from an export); return its id."""
    row = PlanRow(user_id=user_id, created_at=created_at or _now())
    session.add(row)
    session.flush()
    add_event(session, row.id, first)
    return row.id


def add_event(session: Session, plan_id: int, event: PlanEvent) -> None:
    """Append an event to a plan's log (events are never changed or deleted).

    It is recorded now, unless the event carries its `recorded_at` (an imported event keeps its own).
    """
    seq = session.execute(
        select(func.coalesce(func.max(PlanEventRow.seq), 0)).where(PlanEventRow.plan_id == plan_id)
    ).scalar_one()
    session.add(
        PlanEventRow(
            plan_id=plan_id,
            seq=int(seq) + 1,
            kind=event.kind.value,
            effective_on=event.on,
            payload=event.payload(),
            recorded_at=event.recorded_at.astimezone(UTC).replace(tzinfo=None) if event.recorded_at else _now(),
        )
    )
    session.flush()


def _events(session: Session, plan_id: int) -> tuple[PlanEvent, ...]:
    from zonula.protocol.events import PlanEvent

    rows = session.scalars(select(PlanEventRow).where(PlanEventRow.plan_id == plan_id).order_by(PlanEventRow.seq)).all()
    return tuple(
        PlanEvent.from_parts(r.kind, r.effective_on, dict(r.payload), r.recorded_at.replace(tzinfo=UTC)) for r in rows
    )


def latest_plan(session: Session, user_id: int) -> StoredPlan | None:
    """The person's newest plan with its events, or None."""
    row = session.scalars(
        select(PlanRow).where(PlanRow.user_id == user_id).order_by(PlanRow.created_at.desc(), PlanRow.id.desc())
    ).first()
    if row is None:
        return None
    return StoredPlan(row.id, row.created_at, _events(session, row.id))


def all_plans(session: Session, user_id: int) -> list[StoredPlan]:
    """Every plan of the person with its events, oldest first (for exports)."""
    rows = session.scalars(
        select(PlanRow).where(PlanRow.user_id == user_id).order_by(PlanRow.created_at, PlanRow.id)
    ).all()
    return [StoredPlan(r.id, r.created_at, _events(session, r.id)) for r in rows]


def replace_verdicts(
    session: Session, plan_id: int, verdicts: Sequence[tuple[int, str, str, str, dict[str, Any]]]
) -> None:
    """Rewrite a plan's verdict snapshot: (epoch, stage, group, outcome, detail) in order."""
    session.execute(delete(PlanVerdictRow).where(PlanVerdictRow.plan_id == plan_id))
    now = _now()
    session.add_all(
        PlanVerdictRow(
            plan_id=plan_id,
            position=i,
            epoch=epoch,
            stage=stage,
            group_key=group,
            outcome=outcome,
            detail=detail,
            computed_at=now,
        )
        for i, (epoch, stage, group, outcome, detail) in enumerate(verdicts)
    )
    session.flush()


def list_verdicts(session: Session, plan_id: int) -> list[dict[str, Any]]:
    """A plan's stored verdict snapshot, in order."""
    rows = session.scalars(
        select(PlanVerdictRow).where(PlanVerdictRow.plan_id == plan_id).order_by(PlanVerdictRow.position)
    ).all()
    return [{"epoch": r.epoch, "stage": r.stage, "group": r.group_key, "outcome": r.outcome, **r.detail} for r in rows]


def _item(row: RepairItemRow) -> RepairItem:
    from zonula.protocol.repair import RepairItem

    return RepairItem(row.step, row.started_on, row.dose, row.stopped_on, row.id, row.recorded_at.replace(tzinfo=UTC))


def add_repair_item(session: Session, user_id: int, item: RepairItem) -> RepairItem:
    """Store an adopted repair step; return it with its id."""
    row = RepairItemRow(
        user_id=user_id,
        step=item.step,
        dose=item.dose,
        started_on=item.start,
        stopped_on=item.stop,
        recorded_at=item.recorded_at.astimezone(UTC).replace(tzinfo=None) if item.recorded_at else _now(),
    )
    session.add(row)
    session.flush()
    return _item(row)


def list_repair_items(session: Session, user_id: int) -> list[RepairItem]:
    """Every repair step the person adopted, oldest start first."""
    rows = session.scalars(
        select(RepairItemRow)
        .where(RepairItemRow.user_id == user_id)
        .order_by(RepairItemRow.started_on, RepairItemRow.id)
    ).all()
    return [_item(r) for r in rows]


def stop_repair_item(session: Session, user_id: int, step: str, on: date) -> RepairItem:
    """Set the stop date of the open item for `step`; NotFoundError when none is open."""
    row = session.scalars(
        select(RepairItemRow).where(
            RepairItemRow.user_id == user_id, RepairItemRow.step == step, RepairItemRow.stopped_on.is_(None)
        )
    ).first()
    if row is None:
        raise NotFoundError(_("no running repair step {step}").format(step=step))
    row.stopped_on = on
    session.flush()
    return _item(row)
