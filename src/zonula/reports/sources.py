"""Read the optional areas (screen, plan, repair plan, assessment) through the facade.

Each reader returns None when the area has nothing for this person (no plan, no assessment). The
screen (`Diary.analyze`) is looked up by name: a build without it raises AreaUnavailable, and the
report names what it could not include instead of failing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from itertools import groupby
from typing import TYPE_CHECKING, Any

from zonula.charts import PhaseSpan
from zonula.errors import NotFoundError
from zonula.reports.data import PhaseRow, RedFlags, RepairRow, SuspectRow, VerdictRow

if TYPE_CHECKING:
    from zonula.service import Diary

log = logging.getLogger(__name__)


class AreaUnavailable(Exception):
    """The facade has no method for this area in this build."""


def _method(diary: object, name: str) -> Callable[..., Any]:
    method = getattr(diary, name, None)
    if method is None:
        raise AreaUnavailable(name)
    return method  # type: ignore[no-any-return]


def _num(value: Any) -> float | None:
    return None if value is None else float(value)


def read_suspects(diary: object, date_from: date, date_to: date) -> list[SuspectRow] | None:
    """The screen's results for the period (`Diary.analyze`), suspects first."""
    analyze = _method(diary, "analyze")
    try:
        report = analyze(date_from=date_from, date_to=date_to)
    except NotFoundError:
        return None
    if report is None:
        return None
    data = report.as_dict() if hasattr(report, "as_dict") else report
    rows = [SuspectRow(exposure=str(r.get("label") or r["exposure"]), symptom=str(r["symptom"]),
                       effect=_num(r.get("effect")), low=_num(r.get("ci_low")), high=_num(r.get("ci_high")),
                       q_value=_num(r.get("q_value")), exposed=int(r.get("exposed_periods") or 0),
                       unexposed=int(r.get("unexposed_periods") or 0), status=str(r["status"]))
            for r in data.get("results", [])]
    order = {"suspect": 0, "no_evidence": 1, "insufficient_data": 2}
    return sorted(rows, key=lambda r: (order.get(r.status, 3), -(r.effect or 0.0)))


def _verdict(stage: str, v: dict[str, Any]) -> VerdictRow:
    differences = v.get("differences")
    return VerdictRow(stage=stage, group=str(v["group"]), outcome=str(v["outcome"]), delta=_num(v.get("delta")),
                      prob_trigger=_num(v.get("prob_trigger")),
                      cycles=len(differences) if isinstance(differences, list | tuple) else None,
                      randomisation_p=_num(v.get("randomisation_p")))


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
        verdicts += [_verdict("reintroduction", v.to_dict()) for v in past.reintroduction]
        verdicts += [_verdict("confirmation", v.to_dict()) for v in past.confirmation]
    verdicts += [_verdict("reintroduction", v.to_dict()) for v in timeline.reintroduction]
    verdicts += [_verdict("confirmation", v.to_dict()) for v in timeline.confirmation]
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
            n_after=None if c is None else c.n_after, notes=r.notes))
    return rows


def read_red_flags(diary: Diary, date_to: date) -> RedFlags | None:
    """Red flags of the latest assessment (and when the person acknowledged them)."""
    latest = diary.latest_assessment()
    if latest is None or latest.taken_on > date_to:
        return None
    status = diary.safety_status()
    return RedFlags(assessed_on=latest.taken_on, flags=tuple(latest.result.red_flags),
                    acknowledged_on=status.red_flags_acknowledged_on, score=_num(latest.result.score))


def guarded(area: str, read: Callable[[], Any], unavailable: list[str]) -> Any:
    """Run the reader of an area looked up by name; an area this build lacks, or whose data has an
    unexpected shape, is listed in `unavailable` (and logged) rather than failing the whole report."""
    try:
        return read()
    except AreaUnavailable:
        unavailable.append(area)
    except (AttributeError, KeyError, TypeError, ValueError) as err:
        log.warning("report: could not read %s: %r", area, err)
        unavailable.append(area)
    return None
