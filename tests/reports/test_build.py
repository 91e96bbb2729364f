"""build_report: the data of a clinician report, from the facade, degrading when areas have nothing."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace

from zonula.demo import demo_entries
from zonula.reports import build_report
from zonula.reports.build import MAX_OTHER_RESULTS, default_period, shown_results
from zonula.reports.data import SuspectRow
from zonula.reports.sources import read_plan, read_red_flags, read_repair, read_suspects
from zonula.service import Diary

END = date(2026, 3, 31)
ANSWERS = Path(__file__).resolve().parents[2] / "docs" / "examples" / "answers.json"
AREAS = {"plan": "plan_status", "screen": "analyze", "repair": "repair_status", "assessment": "latest_assessment"}


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


def test_areas_this_build_lacks_are_named_not_failed(diary: Diary) -> None:
    report = build_report(diary, END - timedelta(days=6), END)
    for area, method in AREAS.items():
        assert (area in report.unavailable) == (not hasattr(diary, method))


def test_an_empty_period_degrades_to_zeros(diary: Diary) -> None:
    report = build_report(diary, date(2020, 1, 1), date(2020, 1, 31))
    assert report.entries == 0 and report.days_logged == 0 and report.trends == []
    assert report.coverage == 0.0
    assert report.stool_types == dict.fromkeys(range(1, 8), 0)


def test_the_default_period_is_the_90_days_to_today() -> None:
    assert default_period(date(2026, 3, 31), None, None) == (date(2026, 1, 1), date(2026, 3, 31))
    assert default_period(date(2026, 3, 31), date(2026, 3, 1), None) == (date(2026, 3, 1), date(2026, 3, 31))


def test_screen_results_are_read_with_suspects_first() -> None:
    results = [{"exposure": "wheat", "label": "wheat", "symptom": "bloating", "effect": 0.1, "ci_low": -0.5,
                "ci_high": 0.7, "q_value": 0.8, "exposed_periods": 30, "unexposed_periods": 50,
                "status": "no_evidence"},
               {"exposure": "milk", "label": "牛奶", "symptom": "bloating", "effect": 1.5, "ci_low": 0.6,
                "ci_high": 2.4, "q_value": 0.01, "exposed_periods": 20, "unexposed_periods": 60,
                "status": "suspect"}]
    facade = SimpleNamespace(analyze=lambda **kw: SimpleNamespace(as_dict=lambda: {"results": results}))
    rows = read_suspects(facade, date(2026, 1, 1), END) or []
    assert [(r.exposure, r.status) for r in rows] == [("牛奶", "suspect"), ("wheat", "no_evidence")]
    assert rows[0].low == 0.6 and rows[0].exposed == 20


def test_plan_days_become_phase_stretches_and_verdicts_rows() -> None:
    def day(k: int, phase: str, group: str | None = None) -> SimpleNamespace:
        return SimpleNamespace(on=date(2026, 1, 1) + timedelta(days=k), phase=phase, group=group)

    days = [day(k, "run_in") for k in range(7)] + [day(k, "elimination") for k in range(7, 21)] + \
        [day(k, "reintroduction", "lactose") for k in range(21, 30)]
    verdict = SimpleNamespace(to_dict=lambda: {"group": "lactose", "outcome": "possible_trigger", "delta": 1.2})
    timeline = SimpleNamespace(days=days, history=[], reintroduction=[verdict], confirmation=[],
                               settings=SimpleNamespace(main_symptoms=("bloating",)))
    facade = SimpleNamespace(plan_status=lambda on: SimpleNamespace(timeline=timeline))
    phases, verdicts, symptoms = read_plan(facade, date(2026, 1, 3), END) or ([], [], ())
    assert [(p.phase, p.start.day, p.end.day, p.group) for p in phases] == [
        ("run_in", 3, 7, ""), ("elimination", 8, 21, ""), ("reintroduction", 22, 30, "lactose")]
    assert verdicts[0].outcome == "possible_trigger" and verdicts[0].delta == 1.2
    assert symptoms == ("bloating",)


def test_repair_steps_are_read_from_the_facade() -> None:
    item = SimpleNamespace(start=date(2026, 2, 1), stop=None, dose="1 capsule")
    change = SimpleNamespace(difference=-0.6, low=-1.2, high=0.0, before_mean=3.5, after_mean=2.9, n_before=28,
                             n_after=20, phi=0.3)
    report = SimpleNamespace(item=item, name="Probiotics", adherence=SimpleNamespace(days=20, done=15),
                             change=change, notes=("uncontrolled",))
    (row,) = read_repair(SimpleNamespace(repair_status=lambda on: [report]), END) or []
    assert (row.adherence, row.before, row.after, row.difference) == (0.75, 3.5, 2.9, -0.6)


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
    assert report.red_flags == flags and "assessment" not in report.unavailable


def test_the_report_lists_every_suspect_and_only_the_largest_other_effects() -> None:
    def row(name: str, symptom: str, effect: float, status: str) -> SuspectRow:
        return SuspectRow(name, symptom, effect, effect - 1, effect + 1, 0.5, 10, 10, status)

    results = [row(f"food{k}", "bloating", k / 10, "no_evidence") for k in range(20)]
    results += [row("milk", "bloating", 2.0, "suspect"), row("coffee", "abdominal_pain", 1.0, "suspect"),
                row("tea", "abdominal_pain", 3.0, "no_evidence"), row("rare", "bloating", 5.0, "insufficient_data")]
    shown = shown_results(results, "bloating")
    assert [r.exposure for r in shown[:2]] == ["milk", "coffee"]
    assert [r.exposure for r in shown[2:]] == [f"food{k}" for k in range(19, 19 - MAX_OTHER_RESULTS, -1)]
