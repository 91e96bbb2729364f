"""What a clinician report holds: plain data, built from the facade, rendered by `render`.

Every optional section is None when its area has nothing to say (no plan, no assessment, no
screen) so the templates can say so in words instead of leaving a gap.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from zonula.charts import TrendData


@dataclass(frozen=True, slots=True)
class SymptomRow:
    """One symptom over the period: how often it was rated and its mean severity."""

    key: str
    ratings: int
    mean: float


@dataclass(frozen=True, slots=True)
class MedicationRow:
    """A medicine or supplement taken in the period: how often, and its recognised drug class."""

    name: str
    kind: str
    times: int
    drug_class: str | None


@dataclass(frozen=True, slots=True)
class PhaseRow:
    """A stretch of the protocol plan: phase, dates and the food group being tested, if any."""

    phase: str
    start: date
    end: date
    group: str = ""


@dataclass(frozen=True, slots=True)
class VerdictRow:
    """A reintroduction or confirmation verdict with the numbers behind it."""

    stage: str
    group: str
    outcome: str
    delta: float | None = None
    prob_trigger: float | None = None
    cycles: int | None = None
    randomisation_p: float | None = None


@dataclass(frozen=True, slots=True)
class SuspectRow:
    """One screened exposure for one symptom (effect in 0-10 rating points, 95 % interval)."""

    exposure: str
    symptom: str
    effect: float | None
    low: float | None
    high: float | None
    q_value: float | None
    exposed: int
    unexposed: int
    status: str


@dataclass(frozen=True, slots=True)
class RepairRow:
    """An adopted repair-plan step: adherence and the uncontrolled before/after change."""

    name: str
    start: date
    stop: date | None
    dose: str
    done_days: int | None
    days: int | None
    before: float | None
    after: float | None
    difference: float | None
    low: float | None
    high: float | None
    n_before: int | None
    n_after: int | None
    notes: tuple[str, ...] = ()
    grade: str = ""

    @property
    def adherence(self) -> float | None:
        """Share of days the step was done (None when the diary cannot show it)."""
        return None if not self.days or self.done_days is None else self.done_days / self.days


@dataclass(frozen=True, slots=True)
class RedFlags:
    """Red flags of the latest assessment in or before the period."""

    assessed_on: date
    flags: tuple[str, ...]
    acknowledged_on: date | None
    score: float | None


@dataclass(slots=True)
class ReportData:
    """Everything a clinician report shows, for one person and one period."""

    person: str
    timezone: str
    date_from: date
    date_to: date
    generated_at: datetime
    days_logged: int
    entries: int
    by_kind: dict[str, int]
    symptoms: list[SymptomRow]
    trends: list[TrendData]
    stool_types: dict[int, int]
    medications: list[MedicationRow]
    phases: list[PhaseRow] | None = None
    plan_symptoms: tuple[str, ...] = ()
    verdicts: list[VerdictRow] | None = None
    suspects: list[SuspectRow] | None = None
    screened_symptom: str = ""
    screened: dict[str, int] = field(default_factory=dict)
    repair: list[RepairRow] | None = None
    red_flags: RedFlags | None = None

    @property
    def days_in_period(self) -> int:
        """Calendar days from `date_from` to `date_to` inclusive."""
        return (self.date_to - self.date_from).days + 1

    @property
    def coverage(self) -> float:
        """Share of the period's days with at least one entry."""
        return self.days_logged / self.days_in_period if self.days_in_period > 0 else 0.0
