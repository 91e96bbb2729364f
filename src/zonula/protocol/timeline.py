"""Replay a plan's event log against daily scores: the plan's days, verdicts and history for any date."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from zonula.errors import ConflictError, FieldProblem, ValidationError
from zonula.i18n import _
from zonula.protocol.days import Phase, PlanDay
from zonula.protocol.events import EventKind, PlanEvent
from zonula.protocol.noise import BaselineStats
from zonula.protocol.settings import PlanSettings, validate_settings
from zonula.protocol.verdicts import ConfirmationVerdict, ReintroductionVerdict
from zonula.protocol.walker import Skip, Walker


@dataclass(frozen=True, slots=True)
class EpochSummary:
    """What one run of the plan (before a restart) found."""

    epoch: int
    started: date
    ended: date
    reintroduction: tuple[ReintroductionVerdict, ...]
    confirmation: tuple[ConfirmationVerdict, ...]


@dataclass(slots=True)
class Timeline:
    """A replayed plan up to a date: every day, the baseline and the verdicts so far."""

    settings: PlanSettings
    days: list[PlanDay]
    walker: Walker
    history: list[EpochSummary] = field(default_factory=list)

    @property
    def last(self) -> PlanDay:
        """The last replayed day."""
        return self.days[-1]

    @property
    def baseline(self) -> BaselineStats | None:
        """Run-in mean, SD and φ (None until the run-in ends)."""
        return self.walker.baseline

    @property
    def order(self) -> tuple[str, ...]:
        """The randomised reintroduction order of the current run."""
        return self.walker.order

    @property
    def reintroduction(self) -> list[ReintroductionVerdict]:
        """Reintroduction verdicts of the current run, in the order they were reached."""
        return list(self.walker.reintroduction)

    @property
    def confirmation(self) -> list[ConfirmationVerdict]:
        """Finished confirmations of the current run, plus the running one."""
        running = self.walker.in_progress()
        return [*self.walker.confirmation, *([running] if running else [])]

    @property
    def skipped(self) -> list[Skip]:
        """Steps skipped in the current run."""
        return list(self.walker.skipped)

    def summary(self) -> dict[str, Any]:
        """A JSON-ready summary of the plan's state."""
        w = self.walker
        return {
            "settings": self.settings.to_dict(),
            "today": self.last.to_dict(),
            "epoch": w.epoch,
            "baseline": w.baseline.to_dict() if w.baseline else None,
            "diet_mean": None if w.diet_mean is None else round(w.diet_mean, 3),
            "response": None if w.response is None else round(w.response, 3),
            "order": list(w.order),
            "reintroduction": [v.to_dict() for v in self.reintroduction],
            "confirmation": [v.to_dict() for v in self.confirmation],
            "skipped": [
                {"on": s.on.isoformat(), "phase": s.phase.value, "group": s.group, "reason": s.reason}
                for s in w.skipped
            ],
        }


def _check_order(events: Sequence[PlanEvent]) -> None:
    if not events or events[0].kind is not EventKind.STARTED or events[0].settings is None:
        raise ValidationError([FieldProblem("events", "a plan begins with a `started` event carrying settings")])
    for a, b in itertools.pairwise(events):
        if b.on < a.on:
            raise ValidationError([FieldProblem("events", f"{b.kind.value} on {b.on} comes before {a.on}")])
        if b.kind is EventKind.STARTED:
            raise ConflictError("a plan starts once; restart it instead")


def replay(events: Sequence[PlanEvent], scores: Mapping[date, float | None], until: date) -> Timeline:
    """Walk the plan from its start to `until`, applying events at the start of their day.

    Each day's plan depends only on earlier days' scores, so the answer for a past date never
    changes when later data arrive.

    Raises:
        ValidationError: the log is malformed. ConflictError: an event is illegal where it falls.
    """
    _check_order(events)
    first = events[0]
    assert first.settings is not None
    settings = validate_settings(first.settings)
    walker = Walker.begin(settings, first.on)
    history: list[EpochSummary] = []
    pending = list(events[1:])
    days: list[PlanDay] = []
    on = first.on
    while on <= until:
        while pending and pending[0].on == on:
            ev = pending.pop(0)
            if ev.kind is EventKind.RESTARTED:
                history.append(
                    EpochSummary(
                        walker.epoch,
                        walker.start,
                        on - timedelta(days=1),
                        tuple(walker.reintroduction),
                        tuple(walker.confirmation),
                    )
                )
                settings = validate_settings(ev.settings or settings)
                walker = Walker.begin(settings, on, walker.epoch + 1)
            else:
                walker.apply(ev)
        days.append(walker.day(on))
        walker.advance(scores.get(on))
        on += timedelta(days=1)
    if pending:
        raise ConflictError(f"an event dated {pending[0].on} lies after {until}")
    if not days:
        raise ValidationError([FieldProblem("until", f"{until} is before the plan starts on {first.on}")])
    return Timeline(settings, days, walker, history)


def append_event(events: Sequence[PlanEvent], event: PlanEvent, scores: Mapping[date, float | None]) -> list[PlanEvent]:
    """The log with `event` added, after checking it is legal where it falls (by replaying to its day)."""
    if events and event.on < events[-1].on:
        message = _("must not be before the last change ({day})").format(day=events[-1].on)
        raise ValidationError([FieldProblem("on", message)])
    new = [*events, event]
    replay(new, scores, event.on)
    return new


def is_active(timeline: Timeline) -> bool:
    """True while the plan still asks something of the person (not stopped)."""
    return timeline.last.phase is not Phase.STOPPED
