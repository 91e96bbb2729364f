"""build_report: the data of a clinician report, from the facade, degrading when areas have nothing."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest

from zonula.demo import demo_entries
from zonula.domain.entries import Entry, EntryKind
from zonula.errors import ValidationError
from zonula.protocol.settings import Mode
from zonula.reports import build_report
from zonula.reports.build import MAX_OTHER_RESULTS, default_period, shown_results
from zonula.reports.data import SuspectRow
from zonula.reports.sources import read_plan, read_red_flags, read_repair, read_suspects
from zonula.service import Diary
from zonula.service.protocol import suspects_from

END = date(2026, 3, 31)
CST = timezone(timedelta(hours=8))
ANSWERS = Path(__file__).resolve().parents[2] / "docs" / "examples" / "answers.json"


def test_the_report_counts_what_the_diary_counts(diary: Diary) -> None:
    diary.add_many(demo_entries(days=56, end=END, tz=diary.tz))
    start = END - timedelta(days=27)
    report = build_report(diary, start, END)
    summary = diary.summary(date_from=start, date_to=END)
    assert (report.date_from, report.date_to, report.days_in_period) == (start, END, 28)
    assert report.days_logged == summary.days_logged == 28
    assert report.entries == summary.entries
    assert report.by_kind == summary.by_kind
    assert {s.key: s.mean for s in report.symptoms} == summary.symptom_means
    assert [t.symptom for t in report.trends] == ["bloating", "abdominal_pain"]
    assert len(report.trends[0].days) == 28
    assert sum(report.stool_types.values()) == sum(summary.stool_types.values())
    assert report.medications[0].name in ("probiotic", "ibuprofen")


def test_an_empty_period_degrades_to_zeros(diary: Diary) -> None:
    report = build_report(diary, date(2020, 1, 1), date(2020, 1, 31))
    assert report.entries == 0 and report.days_logged == 0 and report.trends == []
    assert report.coverage == 0.0
    assert report.stool_types == dict.fromkeys(range(1, 8), 0)


def test_the_default_period_is_the_90_days_to_today() -> None:
    assert default_period(date(2026, 3, 31), None, None) == (date(2026, 1, 1), date(2026, 3, 31))
    assert default_period(date(2026, 3, 31), date(2026, 3, 1), None) == (date(2026, 3, 1), date(2026, 3, 31))



@pytest.mark.parametrize(("start", "end", "field"), [
    (date(1, 1, 1), date(9999, 12, 31), "from"),
    (date(2026, 3, 31), date(2026, 3, 1), "to"),
    (date(1990, 1, 1), date(2026, 3, 1), "from"),
])
def test_an_impossible_period_is_refused_naming_the_field(start: date, end: date, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        default_period(date(2026, 3, 31), start, end)
    assert caught.value.problems[0].field == field


def test_the_screen_names_the_demo_persons_milk_sensitivity(diary: Diary) -> None:
    diary.add_many(demo_entries(days=90, end=END, tz=diary.tz))
    rows = read_suspects(diary, END - timedelta(days=89), END)
    suspects = [r for r in rows if r.status == "suspect" and r.symptom == "bloating"]
    assert suspects, "the demo reacts to milk products: the screen should name a dairy suspect"
    assert all(r.low is not None and r.effect is not None and r.low > 0 for r in suspects)
    report = build_report(diary, END - timedelta(days=89), END)
    assert report.suspects is not None and report.suspects[0].status == "suspect"
    assert report.screened["suspect"] >= 1 and sum(report.screened.values()) == len(rows)


def _rate(diary: Diary, start: date, scores: dict[int, float]) -> None:
    diary.add_many([Entry(EntryKind.SYMPTOM, datetime.combine(start + timedelta(days=i), time(12), CST),
                          name="bloating", value=v) for i, v in scores.items()])


def test_a_plan_becomes_phase_stretches_verdicts_and_shaded_trends(diary: Diary) -> None:
    start = date(2026, 1, 1)
    _rate(diary, start, {i: 5.0 if i < 14 or 42 <= i < 46 else 2.0 for i in range(90)})
    diary.start_plan(mode=Mode.TARGETED, suspects=suspects_from(["lactose"]), main_symptoms=["bloating"],
                     on=start, seed=3)
    plan = read_plan(diary, start + timedelta(days=3), END)
    assert plan is not None
    phases, verdicts, symptoms = plan
    assert [(p.phase, p.start) for p in phases[:2]] == [("run_in", start + timedelta(days=3)),
                                                      ("elimination", start + timedelta(days=14))]
    assert any(p.phase == "reintroduction" and p.group == "lactose" for p in phases)
    assert verdicts and verdicts[0].stage == "reintroduction" and verdicts[0].group == "lactose"
    assert symptoms == ("bloating",)
    report = build_report(diary, start, END)
    assert report.phases and report.plan_symptoms == ("bloating",) and report.trends[0].symptom == "bloating"


def test_without_a_plan_or_repair_steps_those_sections_are_empty(diary: Diary) -> None:
    assert read_plan(diary, date(2026, 1, 1), END) is None
    assert read_repair(diary, END) is None


def test_repair_steps_are_read_with_adherence_and_before_after(diary: Diary) -> None:
    start = date(2026, 1, 1)
    _rate(diary, start, {i: 4.0 if i < 30 else 3.0 for i in range(60)})
    diary.add_many([Entry(EntryKind.SUPPLEMENT, datetime.combine(start + timedelta(days=i), time(8), CST),
                          name="probiotic", value=1, unit="capsule") for i in range(30, 60, 2)])
    diary.adopt_step("probiotics", dose="1 capsule", start=start + timedelta(days=30))
    (row,) = read_repair(diary, start + timedelta(days=59)) or []
    assert (row.start, row.dose, row.done_days, row.days) == (start + timedelta(days=30), "1 capsule", 15, 30)
    assert row.grade in ("A", "A*", "C", "D", "X")
    assert row.before == 4.0 and row.after == 3.0 and row.difference == -1.0
    assert row.low is not None and row.high is not None and row.low <= -1.0 <= row.high


def test_red_flags_come_from_the_latest_assessment_up_to_the_period_end(diary: Diary) -> None:
    answers = json.loads(ANSWERS.read_text(encoding="utf-8"))
    assert read_red_flags(diary, END) is None
    diary.save_assessment(answers, on=date(2026, 1, 5))
    diary.acknowledge_red_flags(on=date(2026, 1, 6))
    flags = read_red_flags(diary, END)
    assert flags is not None and flags.flags == ("food_allergy_reaction",)
    assert flags.acknowledged_on == date(2026, 1, 6) and flags.assessed_on == date(2026, 1, 5)
    assert read_red_flags(diary, date(2026, 1, 4)) is None  # an assessment after the period is not shown
    report = build_report(diary, date(2026, 1, 1), END)
    assert report.red_flags == flags


def test_the_report_lists_every_suspect_and_only_the_largest_other_effects() -> None:
    def row(name: str, symptom: str, effect: float, status: str) -> SuspectRow:
        return SuspectRow(name, symptom, effect, effect - 1, effect + 1, 0.5, 10, 10, status)

    results = [row(f"food{k}", "bloating", k / 10, "no_evidence") for k in range(20)]
    results += [row("milk", "bloating", 2.0, "suspect"), row("coffee", "abdominal_pain", 1.0, "suspect"),
                row("tea", "abdominal_pain", 3.0, "no_evidence"), row("rare", "bloating", 5.0, "insufficient_data")]
    shown = shown_results(results, "bloating")
    assert [r.exposure for r in shown[:2]] == ["milk", "coffee"]
    assert [r.exposure for r in shown[2:]] == [f"food{k}" for k in range(19, 19 - MAX_OTHER_RESULTS, -1)]
