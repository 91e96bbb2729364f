"""Build a clinician report's data from the facade (no rendering here)."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from zonula.charts import TrendData, trend_from_entries
from zonula.domain.entries import EntryKind
from zonula.domain.timeparse import EARLIEST_DAY
from zonula.errors import FieldProblem, ValidationError
from zonula.i18n import _
from zonula.reports.data import MedicationRow, ReportData, SuspectRow, SymptomRow
from zonula.reports.sources import read_plan, read_red_flags, read_repair, read_suspects

if TYPE_CHECKING:
    from zonula.service import Diary

DEFAULT_DAYS = 90
MAX_TRENDS = 3
MAX_OTHER_RESULTS = 8  # besides every suspect: the largest effects without evidence, for context
MIN_TREND_RATINGS = 14  # a trend of fewer ratings says little; the summary table still lists them
MAX_YEARS = 20  # a report covers at most this many years (a diary app's lifetime, with margin)
LATEST = date(2199, 12, 31)


def default_period(today: date, date_from: date | None, date_to: date | None) -> tuple[date, date]:
    """The period asked for; by default the 90 days ending today (or ending `date_to`).

    Raises:
        ValidationError: the period ends before it starts, lies outside 1900-2199 or spans more
            than `MAX_YEARS` years.
    """
    end = date_to or today
    start = date_from or end - timedelta(days=DEFAULT_DAYS - 1)
    outside = _("must be between {first} and {last}").format(first=EARLIEST_DAY.isoformat(), last=LATEST.isoformat())
    problems = [FieldProblem(name, outside) for name, day in (("from", start), ("to", end))
                if not EARLIEST_DAY <= day <= LATEST]
    if not problems and end < start:
        problems.append(FieldProblem("to", _("must not be before the first day")))
    if not problems and (end - start).days > MAX_YEARS * 366:
        problems.append(FieldProblem("from", _("a report covers at most %(years)d years") % {"years": MAX_YEARS}))
    if problems:
        raise ValidationError(problems)
    return start, end


def shown_results(results: list[SuspectRow], symptom: str) -> list[SuspectRow]:
    """Every suspect, then the main symptom's largest effects without evidence (the rest are counted)."""
    suspects = [r for r in results if r.status == "suspect"]
    others = sorted((r for r in results if r.status == "no_evidence" and r.symptom == symptom),
                    key=lambda r: -(r.effect or 0.0))
    return suspects + others[:MAX_OTHER_RESULTS]


def build_report(diary: Diary, date_from: date | None = None, date_to: date | None = None) -> ReportData:
    """Gather everything the clinician report shows for one person and period."""
    start, end = default_period(diary.now().date(), date_from, date_to)
    summary = diary.summary(date_from=start, date_to=end)
    entries = diary.entries(date_from=start, date_to=end)
    ratings = Counter(e.name for e in entries if e.kind is EntryKind.SYMPTOM and e.value is not None)
    symptoms = [SymptomRow(key, ratings[key], summary.symptom_means[key])
                for key, _n in ratings.most_common() if key in summary.symptom_means]
    meds: Counter[tuple[str, str]] = Counter()
    classes: dict[tuple[str, str], str | None] = {}
    for e in entries:
        if e.kind in (EntryKind.MEDICATION, EntryKind.SUPPLEMENT):
            key = (e.name.strip().lower(), e.kind.value)
            meds[key] += 1
            drug = e.drug_class
            classes[key] = drug.value if drug else None
    plan = read_plan(diary, start, end)
    plan_symptoms: tuple[str, ...] = plan[2] if plan else ()
    main = [s for s in plan_symptoms if s in ratings] + [r.key for r in symptoms if r.key not in plan_symptoms]
    charted = [key for key in main if ratings[key] >= MIN_TREND_RATINGS][:MAX_TRENDS]
    trends: list[TrendData] = [trend_from_entries(entries, key, label=key) for key in charted]
    results = read_suspects(diary, start, end)
    screened = dict(Counter(r.status for r in results))
    main_symptom = main[0] if main else ""
    return ReportData(
        person=diary.user.display_name or diary.user.username,
        timezone=diary.user.timezone or "",
        date_from=start,
        date_to=end,
        generated_at=datetime.now(UTC).astimezone(diary.tz),
        days_logged=summary.days_logged,
        entries=summary.entries,
        by_kind=dict(sorted(summary.by_kind.items(), key=lambda kv: -kv[1])),
        symptoms=symptoms,
        trends=trends,
        stool_types={t: summary.stool_types.get(t, 0) for t in range(1, 8)},
        medications=[MedicationRow(name, kind, n, classes[(name, kind)]) for (name, kind), n in meds.most_common()],
        phases=plan[0] if plan else None,
        plan_symptoms=plan_symptoms,
        verdicts=plan[1] if plan else None,
        suspects=shown_results(results, main_symptom) if results else None,
        screened_symptom=main_symptom,
        screened=screened,
        repair=read_repair(diary, end),
        red_flags=read_red_flags(diary, end),
    )
