"""A plan's settings: mode, suspects and their sources, main symptoms, phase lengths, blinding, seed."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from zonula.errors import FieldProblem, ValidationError
from zonula.protocol.groups import LOW_FODMAP_GROUPS, group_for, slug

RUN_IN_DAYS = (14, 28)
ELIMINATION_DAYS = (14, 42)
RECHALLENGE_MONTHS = (3, 6)
MAX_SUSPECTS = 3


class Mode(StrEnum):
    """Which elimination diet the plan follows."""

    TARGETED = "targeted"
    LOW_FODMAP = "low-fodmap"


class SuspectSource(StrEnum):
    """Where a suspect came from. `igg_panel` suspects are tested like any other, never believed."""

    SCREENING = "screening"
    OWN = "own"
    IGG_PANEL = "igg_panel"


@dataclass(frozen=True, slots=True)
class Suspect:
    """A food or group to eliminate and then test, with the source of the suspicion."""

    key: str
    source: SuspectSource = SuspectSource.OWN

    def to_dict(self) -> dict[str, str]:
        """JSON-ready form."""
        return {"key": self.key, "source": self.source.value}


@dataclass(frozen=True, slots=True)
class PlanSettings:
    """Everything chosen when a plan starts (kept in the `started` event).

    Attributes:
        mode: targeted removal of up to three suspects, or a low-FODMAP diet.
        suspects: the targeted suspects (ignored for low-FODMAP, which tests the FODMAP subgroups).
        main_symptoms: 1-3 symptom keys whose daily mean is the score every verdict uses.
        run_in_days: 14-28 days of usual diet. elimination_days: 14-42 days.
        blinded: confirmation challenges use coded sachets prepared by a helper.
        supervised: a clinician supervises (required when the safety status says supervised only).
        seed: seeds every randomised order, so the orders can be reproduced and audited.
        rechallenge_months: 3-6 months between re-challenge reminders in maintenance.
        without_coeliac_test: the person chose to remove wheat without coeliac serology first.
        excluded: group keys never challenged (suspected IgE allergy).
        order: the recorded reintroduction order, drawn from the seed when the plan (re)starts, so
            a replay never depends on how a later version would draw it.
    """

    mode: Mode
    seed: int
    suspects: tuple[Suspect, ...] = ()
    main_symptoms: tuple[str, ...] = ("abdominal_pain",)
    run_in_days: int = 14
    elimination_days: int = 28
    blinded: bool = False
    supervised: bool = False
    rechallenge_months: int = 3
    without_coeliac_test: bool = False
    excluded: tuple[str, ...] = field(default=())
    order: tuple[str, ...] = field(default=())

    def group_keys(self) -> tuple[str, ...]:
        """The keys of the groups to eliminate and reintroduce, minus any excluded for safety."""
        if self.mode is Mode.LOW_FODMAP:
            keys = tuple(g.id for g in LOW_FODMAP_GROUPS)
        else:
            keys = tuple(group_for(s.key).id for s in self.suspects)
        return tuple(k for k in keys if k not in self.excluded)

    def source_of(self, key: str) -> SuspectSource | None:
        """The source of the suspicion behind a group key, None for FODMAP subgroups."""
        for s in self.suspects:
            if group_for(s.key).id == key:
                return s.source
        return None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "mode": self.mode.value,
            "seed": self.seed,
            "suspects": [s.to_dict() for s in self.suspects],
            "main_symptoms": list(self.main_symptoms),
            "run_in_days": self.run_in_days,
            "elimination_days": self.elimination_days,
            "blinded": self.blinded,
            "supervised": self.supervised,
            "rechallenge_months": self.rechallenge_months,
            "without_coeliac_test": self.without_coeliac_test,
            "excluded": list(self.excluded),
            "order": list(self.order),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PlanSettings:
        """Read the form written by `to_dict`."""
        return cls(
            mode=Mode(data["mode"]),
            seed=int(data["seed"]),
            suspects=tuple(Suspect(s["key"], SuspectSource(s["source"])) for s in data.get("suspects", [])),
            main_symptoms=tuple(data.get("main_symptoms", ["abdominal_pain"])),
            run_in_days=int(data.get("run_in_days", 14)),
            elimination_days=int(data.get("elimination_days", 28)),
            blinded=bool(data.get("blinded", False)),
            supervised=bool(data.get("supervised", False)),
            rechallenge_months=int(data.get("rechallenge_months", 3)),
            without_coeliac_test=bool(data.get("without_coeliac_test", False)),
            excluded=tuple(data.get("excluded", [])),
            order=tuple(data.get("order", [])),
        )


def _in(problems: list[FieldProblem], name: str, value: int, bounds: tuple[int, int]) -> None:
    lo, hi = bounds
    if not lo <= value <= hi:
        problems.append(FieldProblem(name, f"must be between {lo} and {hi}, got {value}"))


def validate_settings(settings: PlanSettings) -> PlanSettings:
    """Check the settings' ranges and suspects; raise ValidationError naming every problem."""
    problems: list[FieldProblem] = []
    _in(problems, "run_in_days", settings.run_in_days, RUN_IN_DAYS)
    _in(problems, "elimination_days", settings.elimination_days, ELIMINATION_DAYS)
    _in(problems, "rechallenge_months", settings.rechallenge_months, RECHALLENGE_MONTHS)
    if not 1 <= len(settings.main_symptoms) <= 3:
        problems.append(FieldProblem("main_symptoms", "choose 1 to 3 main symptoms"))
    if settings.mode is Mode.TARGETED:
        keys = [slug(s.key) for s in settings.suspects]
        if not keys or any(not k for k in keys):
            problems.append(FieldProblem("suspects", "a targeted plan needs 1 to 3 suspects"))
        elif len(keys) > MAX_SUSPECTS:
            problems.append(FieldProblem("suspects", f"at most {MAX_SUSPECTS} suspects, got {len(keys)}"))
        elif len({group_for(k).id for k in keys}) != len(keys):
            problems.append(FieldProblem("suspects", "each suspect may appear once"))
    if problems:
        raise ValidationError(problems)
    return settings
