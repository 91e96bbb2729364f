"""Read the other areas (screen, plan, repair plan, assessment) through the facade into report rows.

Each reader returns None when the area has nothing for this person (no plan, no assessment), so
the report can say so.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from itertools import groupby
from typing import TYPE_CHECKING

from zonula.analysis.labels import exposure_label
from zonula.charts import PhaseSpan
from zonula.errors import NotFoundError
from zonula.protocol.verdicts import ConfirmationVerdict, ReintroductionVerdict
from zonula.reports.data import PhaseRow, RedFlags, RepairRow, SuspectRow, VerdictRow

if TYPE_CHECKING:
    from zonula.service import Diary

def read_suspects(diary: Diary, date_from: date, date_to: date) -> list[SuspectRow]:
    """The screen's results for the period (`Diary.analyze`, cached by its inputs)."""
    report = diary.analyze(date_from=date_from, date_to=date_to)
    return [SuspectRow(exposure=exposure_label(r.kind, r.exposure, r.label), symptom=r.symptom, effect=r.effect,
                       low=r.ci_low, high=r.ci_high, q_value=r.q_value, exposed=r.exposed_periods,
                       unexposed=r.unexposed_periods, status=r.status.value)
            for r in report.results]


def _reintroduction(v: ReintroductionVerdict) -> VerdictRow:
    return VerdictRow(stage="reintroduction", group=v.group, outcome=v.outcome.value, delta=v.delta)


def _confirmation(v: ConfirmationVerdict) -> VerdictRow:
    return VerdictRow(stage="confirmation", group=v.group, outcome=v.outcome.value, prob_trigger=v.prob_trigger,
                      cycles=len(v.differences), randomisation_p=v.randomisation_p)


def read_plan(diary: Diary, date_from: date, date_to: date
              ) -> tuple[list[PhaseRow], list[VerdictRow], tuple[str, ...]] | None:
    """The plan's phases within the period, its verdicts so far, and the symptoms it scores.

    Read from the replayed timeline (not `plan_verdicts`, which also stores a snapshot): a report
    writes nothing.
    """
    try:
        timeline = diary.plan_status(on=date_to).timeline
    except NotFoundError:
        return None
    days = [d for d in timeline.days if date_from <= d.on <= date_to]
    phases = []
    for (phase, group), run in groupby(days, key=lambda d: (d.phase.value, d.group or "")):
        stretch = list(run)
        phases.append(PhaseRow(phase, stretch[0].on, stretch[-1].on, group))
    verdicts: list[VerdictRow] = []
    for past in timeline.history:
        verdicts += [_reintroduction(v) for v in past.reintroduction]
        verdicts += [_confirmation(v) for v in past.confirmation]
    verdicts += [_reintroduction(v) for v in timeline.reintroduction]
    verdicts += [_confirmation(v) for v in timeline.confirmation]
    return phases, verdicts, tuple(timeline.settings.main_symptoms)


def phase_spans(phases: list[PhaseRow], label: Callable[[str], str]) -> list[PhaseSpan]:
    """Shaded bands for the trend chart: one per phase stretch (groups merged)."""
    spans: list[PhaseSpan] = []
    for phase, run in groupby(phases, key=lambda p: p.phase):
        stretch = list(run)
        spans.append(PhaseSpan(stretch[0].start, stretch[-1].end, label(phase)))
    return spans


def read_repair(diary: Diary, date_to: date) -> list[RepairRow] | None:
    """Adopted repair steps with adherence and before/after change, as of the period's end."""
    reports = diary.repair_status(on=date_to)
    if not reports:
        return None
    rows = []
    for r in reports:
        a, c = r.adherence, r.change
        rows.append(RepairRow(
            name=r.name, start=r.item.start, stop=r.item.stop, dose=r.item.dose,
            done_days=None if a is None else a.done, days=None if a is None else a.days,
            before=None if c is None else c.before_mean, after=None if c is None else c.after_mean,
            difference=None if c is None else c.difference, low=None if c is None else c.low,
            high=None if c is None else c.high, n_before=None if c is None else c.n_before,
            n_after=None if c is None else c.n_after, notes=r.notes, grade=r.grade))
    return rows


def read_red_flags(diary: Diary, date_to: date) -> RedFlags | None:
    """Red flags of the latest assessment (and when the person acknowledged them)."""
    latest = diary.latest_assessment()
    if latest is None or latest.taken_on > date_to:
        return None
    status = diary.safety_status()
    return RedFlags(assessed_on=latest.taken_on, flags=tuple(latest.result.red_flags),
                    acknowledged_on=status.red_flags_acknowledged_on, score=latest.result.score)
