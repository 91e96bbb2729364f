"""Screening results: one row per (exposure, symptom), a data summary and what data is missing."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from zonula.analysis.notes import Note


class Status(StrEnum):
    """What the screen concluded about one exposure and symptom."""

    SUSPECT = "suspect"
    NO_EVIDENCE = "no_evidence"
    INSUFFICIENT_DATA = "insufficient_data"


@dataclass(frozen=True, slots=True)
class ScreeningResult:
    """The evidence about one exposure for one symptom (effect in 0-10 rating points).

    `p_suspect` is the posterior probability that the exposure raises the symptom at all
    (spike-and-slab, `decision.py`); None where it was not tested.
    """

    exposure: str
    kind: str
    symptom: str
    effect: float | None
    ci_low: float | None
    ci_high: float | None
    p_effect_gt_0_5: float | None
    q_value: float | None
    exposed_periods: int
    unexposed_periods: int
    status: Status
    notes: tuple[Note, ...] = ()
    label: str = ""
    p_suspect: float | None = None

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form, notes with their text in the current language."""
        return {
            "exposure": self.exposure,
            "label": self.label or self.exposure,
            "kind": self.kind,
            "symptom": self.symptom,
            "effect": self.effect,
            "ci_low": self.ci_low,
            "ci_high": self.ci_high,
            "p_effect_gt_0_5": self.p_effect_gt_0_5,
            "q_value": self.q_value,
            "p_suspect": self.p_suspect,
            "exposed_periods": self.exposed_periods,
            "unexposed_periods": self.unexposed_periods,
            "status": self.status.value,
            "notes": [note.as_dict() for note in self.notes],
        }


@dataclass(frozen=True, slots=True)
class DataSummary:
    """How much diary the screen had to work with."""

    days: int
    rated_days: int
    missing_days: int
    periods: int
    rated_periods: int
    meals: int
    ratings: int
    symptoms: tuple[str, ...] = ()
    #: the person's main symptoms and the exposures they already suspected, as the screen used them
    main_symptoms: tuple[str, ...] = ()
    believed: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "days": self.days,
            "rated_days": self.rated_days,
            "missing_days": self.missing_days,
            "periods": self.periods,
            "rated_periods": self.rated_periods,
            "meals": self.meals,
            "ratings": self.ratings,
            "symptoms": list(self.symptoms),
            "main_symptoms": list(self.main_symptoms),
            "believed": list(self.believed),
        }


@dataclass(frozen=True, slots=True)
class ScreeningReport:
    """Everything one screen produced."""

    summary: DataSummary
    results: tuple[ScreeningResult, ...]
    needed: tuple[Note, ...] = ()
    engine_version: str = ""
    shifts: int = 0
    settings: dict[str, Any] = field(default_factory=dict)

    @property
    def suspects(self) -> tuple[ScreeningResult, ...]:
        """Only the results whose status is suspect."""
        return tuple(r for r in self.results if r.status is Status.SUSPECT)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form `{"data": ..., "results": [...]}`."""
        data = self.summary.as_dict()
        data["needed"] = [note.as_dict() for note in self.needed]
        data["engine_version"] = self.engine_version
        data["shifts"] = self.shifts
        return {"data": data, "results": [r.as_dict() for r in self.results]}
