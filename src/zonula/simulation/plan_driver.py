"""A plan-following diet: turns each plan day into what a simulated person eats, and runs whole plans.

`exposure_for` maps a `PlanDay` to the day's diet (groups avoided, the challenge group and its
portion, and whether the person knows what they are eating: blinded sachets hide it, so no
nocebo). `run_plan` walks a plan causally with any daily-score function, which is how tests and
`benchmarks/bench_protocol.py` send simulated people through the whole protocol.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from zonula.protocol.days import Activity, Phase, PlanDay
from zonula.protocol.groups import LOW_FODMAP_GROUPS, PortionLevel, group_for
from zonula.protocol.settings import Mode, PlanSettings
from zonula.protocol.walker import Walker

#: Challenge groups split a lexicon group by source (fructans from wheat, onion, garlic).
LEXICON_GROUP: dict[str, str] = {
    "fructans_wheat": "fructans",
    "fructans_onion": "fructans",
    "fructans_garlic": "fructans",
}
DONE_PHASES = (Phase.MAINTENANCE, Phase.STOPPED)


def lexicon_group(key: str) -> str:
    """The food-lexicon group a challenge group belongs to (what a simulated trigger acts on)."""
    return LEXICON_GROUP.get(key, group_for(key).id)


@dataclass(frozen=True, slots=True)
class PlanExposure:
    """What a plan day means for the plate.

    Attributes:
        avoid: lexicon groups kept off the plate today.
        group: the group eaten on purpose today (challenge or food block), else None.
        portion: its portion level.
        known: the person knows they are eating it (open challenge), so expectation can act.
        placebo: a control sachet is taken (blinded control block).
    """

    avoid: frozenset[str]
    group: str | None = None
    portion: PortionLevel | None = None
    known: bool = False
    placebo: bool = False


def avoided_groups(settings: PlanSettings) -> frozenset[str]:
    """The lexicon groups an elimination removes."""
    keys = [g.id for g in LOW_FODMAP_GROUPS] if settings.mode is Mode.LOW_FODMAP else settings.group_keys()
    return frozenset(lexicon_group(k) for k in keys)


def exposure_for(day: PlanDay, settings: PlanSettings) -> PlanExposure:
    """The diet a plan day asks for."""
    if day.phase in (Phase.RUN_IN, Phase.PAUSED, Phase.STOPPED, Phase.MAINTENANCE):
        return PlanExposure(frozenset())
    avoid = avoided_groups(settings)
    if day.activity is Activity.CHALLENGE and day.group is not None:
        return PlanExposure(avoid, day.group, day.portion, known=True)
    if day.activity is Activity.FOOD_BLOCK and day.group is not None:
        return PlanExposure(avoid, day.group, PortionLevel.HIGH, known=not settings.blinded)
    if day.activity is Activity.CONTROL_BLOCK:
        return PlanExposure(avoid, placebo=settings.blinded)
    return PlanExposure(avoid)


ScoreFn = Callable[[int, PlanDay, PlanExposure], float | None]


@dataclass(frozen=True, slots=True)
class PlanRun:
    """A finished simulated run: every plan day and the walker with its verdicts."""

    days: tuple[PlanDay, ...]
    walker: Walker

    @property
    def finished(self) -> bool:
        """True when the plan reached maintenance or stopped."""
        return self.walker.phase in DONE_PHASES


def run_plan(settings: PlanSettings, score: ScoreFn, *, start: date = date(2026, 1, 5), max_days: int = 300) -> PlanRun:
    """Walk a plan day by day: plan day → exposure → the person's score → next plan day.

    Args:
        settings: the plan. score: the person, `(day index, plan day, exposure) -> daily score or None`.
        start: first day. max_days: stop here if the plan has not reached maintenance or stopped.
    """
    walker = Walker.begin(settings, start)
    days: list[PlanDay] = []
    for i in range(max_days):
        day = walker.day(start + timedelta(days=i))
        days.append(day)
        if day.phase in DONE_PHASES:
            break
        walker.advance(score(i, day, exposure_for(day, settings)))
    return PlanRun(tuple(days), walker)
