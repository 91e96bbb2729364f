"""Plan events: the append-only log from which a plan's state is derived (event sourcing)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from zonula.protocol.settings import PlanSettings


class EventKind(StrEnum):
    """What happened to a plan."""

    STARTED = "started"
    PAUSED = "paused"
    RESUMED = "resumed"
    EXTENDED = "extended"
    SKIPPED = "skipped"
    RESTARTED = "restarted"


@dataclass(frozen=True, slots=True)
class PlanEvent:
    """One change to a plan, effective from the start of day `on`.

    Attributes:
        kind: what happened. on: the first day it applies to.
        settings: the plan settings (for `started`, and `restarted` when they change).
        days: extra days (for `extended`). reason: why (required for `skipped`).
        recorded_at: when it was logged (kept for the audit trail, not used by the engine).
    """

    kind: EventKind
    on: date
    settings: PlanSettings | None = None
    days: int | None = None
    reason: str = ""
    recorded_at: datetime | None = None

    def payload(self) -> dict[str, Any]:
        """The event's details as a JSON-ready dict (without kind and date)."""
        out: dict[str, Any] = {}
        if self.settings is not None:
            out["settings"] = self.settings.to_dict()
        if self.days is not None:
            out["days"] = self.days
        if self.reason:
            out["reason"] = self.reason
        return out

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, including kind and date."""
        out: dict[str, Any] = {"kind": self.kind.value, "on": self.on.isoformat(), **self.payload()}
        if self.recorded_at is not None:
            out["recorded_at"] = self.recorded_at.isoformat()
        return out

    @classmethod
    def from_parts(cls, kind: str, on: date, payload: dict[str, Any], recorded_at: datetime | None = None) -> PlanEvent:
        """Rebuild an event from its stored kind, date and payload."""
        settings = payload.get("settings")
        return cls(
            kind=EventKind(kind),
            on=on,
            settings=PlanSettings.from_dict(settings) if settings else None,
            days=payload.get("days"),
            reason=payload.get("reason", ""),
            recorded_at=recorded_at,
        )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PlanEvent:
        """Read the form written by `to_dict`."""
        rec = data.get("recorded_at")
        return cls.from_parts(
            data["kind"], date.fromisoformat(data["on"]), data, datetime.fromisoformat(rec) if rec else None
        )


#: The verb for each change a person can make to a running plan (CLI commands, web forms, API paths).
CHANGE_VERBS: dict[str, EventKind] = {
    "pause": EventKind.PAUSED,
    "resume": EventKind.RESUMED,
    "extend": EventKind.EXTENDED,
    "skip": EventKind.SKIPPED,
    "restart": EventKind.RESTARTED,
}
