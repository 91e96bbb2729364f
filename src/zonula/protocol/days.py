"""What a plan says about one day: its phase, activity, group, portion, cycle and block."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from zonula.protocol.groups import PortionLevel


class Phase(StrEnum):
    """The protocol's phases (plus `paused` and `stopped`)."""

    RUN_IN = "run_in"
    ELIMINATION = "elimination"
    REINTRODUCTION = "reintroduction"
    CONFIRMATION = "confirmation"
    MAINTENANCE = "maintenance"
    STOPPED = "stopped"
    PAUSED = "paused"


class Activity(StrEnum):
    """What the person does on a day."""

    USUAL_DIET = "usual_diet"
    ELIMINATION_DIET = "elimination_diet"
    CHALLENGE = "challenge"
    FOLLOW_UP = "follow_up"
    WASHOUT = "washout"
    FOOD_BLOCK = "food_block"
    CONTROL_BLOCK = "control_block"
    BLOCK_WASHOUT = "block_washout"
    MAINTENANCE = "maintenance"
    STOPPED = "stopped"
    PAUSED = "paused"


@dataclass(frozen=True, slots=True)
class PlanDay:
    """One day of a plan.

    Attributes:
        on: the date. phase, activity: where the plan is. day_in_phase: 1-based.
        epoch: 0 for the first run, +1 per restart.
        group: the group being challenged or confirmed. portion: today's challenge portion.
        step_day: 1-based day within the challenge, follow-up, washout or block.
        cycle, block: confirmation cycle (1-4) and block (1 or 2) within it.
        sachet_code: the code on a blinded sachet for today (reveals nothing about the content).
        earliest_end: the planned (or earliest possible) last day of the current phase or step.
        next_group: the group that comes after the current one, when known.
        rechallenge_due: maintenance day on which a re-challenge reminder is due.
        paused_in: the phase that was interrupted, on paused days.
        stop_reason: why the plan stopped (`non_responder`, `no_ratings`).
    """

    on: date
    phase: Phase
    activity: Activity
    day_in_phase: int
    epoch: int = 0
    group: str | None = None
    portion: PortionLevel | None = None
    step_day: int | None = None
    cycle: int | None = None
    block: int | None = None
    sachet_code: str | None = None
    earliest_end: date | None = None
    next_group: str | None = None
    rechallenge_due: bool = False
    paused_in: Phase | None = None
    stop_reason: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (None fields dropped)."""
        out: dict[str, Any] = {}
        for name in self.__slots__:
            value = getattr(self, name)
            if value is None or value is False:
                continue
            out[name] = (
                value.isoformat() if isinstance(value, date) else (value.value if isinstance(value, StrEnum) else value)
            )
        return out
