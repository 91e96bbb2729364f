"""The protocol facade on SQLite and PostgreSQL: start, change, replay from logged ratings, verdicts."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from zonula.domain.entries import Entry, EntryKind
from zonula.domain.safety import SafetyStatus
from zonula.errors import ConflictError, NotFoundError, SafetyLockError, ValidationError
from zonula.protocol.days import Activity, Phase
from zonula.protocol.events import EventKind
from zonula.protocol.settings import Mode
from zonula.service import Diary
from zonula.service.protocol import suspects_from

START = date(2026, 9, 1)
CST = timezone(timedelta(hours=8))


def _rate(diary: Diary, scores: dict[int, float], symptom: str = "bloating") -> None:
    """Log one rating at noon for each day offset in `scores`."""
    diary.add_many(
        [
            Entry(
                EntryKind.SYMPTOM,
                datetime.combine(START + timedelta(days=i), datetime.min.time(), CST).replace(hour=12),
                name=symptom,
                value=v,
            )
            for i, v in scores.items()
        ]
    )


def _responder(days: int = 60, react: range = range(0)) -> dict[int, float]:
    return {i: 5.0 if i < 14 or i in react else 2.0 for i in range(days)}


def _start(diary: Diary, **kw: object) -> None:
    diary.start_plan(
        mode=Mode.TARGETED, suspects=suspects_from(["lactose"]), main_symptoms=["bloating"], on=START, seed=3, **kw
    )  # type: ignore[arg-type]


def test_a_plan_replays_logged_ratings_into_reintroduction(diary: Diary) -> None:
    _rate(diary, _responder())
    _start(diary)
    status = diary.plan_status(on=START + timedelta(days=42))
    assert status.timeline.last.phase is Phase.REINTRODUCTION
    assert status.today.day.activity is Activity.CHALLENGE
    assert status.timeline.baseline is not None
    assert status.timeline.baseline.mean == pytest.approx(5.0)
    assert status.to_dict()["order"] == ["lactose"]
    first = diary.plan_events()[0].settings
    assert first is not None
    assert first.order == ("lactose",)


def test_the_main_symptom_defaults_to_the_one_rated_most(diary: Diary) -> None:
    now = diary.now()
    diary.add_many([Entry(EntryKind.SYMPTOM, now - timedelta(days=i), name="gas", value=3) for i in range(3)])
    diary.start_plan(mode=Mode.TARGETED, suspects=suspects_from(["caffeine"]))
    assert diary.plan_events()[0].settings is not None
    assert diary.plan_events()[0].settings.main_symptoms == ("gas",)


def test_unacknowledged_red_flags_lock_the_start(diary: Diary, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(diary, "safety_status", lambda: SafetyStatus(red_flags=("rectal_bleeding",)), raising=False)
    with pytest.raises(SafetyLockError, match="rectal_bleeding"):
        _start(diary)
    with pytest.raises(NotFoundError):
        diary.plan_status()


def test_a_second_start_conflicts_until_the_plan_has_stopped(diary: Diary) -> None:
    _rate(diary, dict.fromkeys(range(60), 4.0))
    _start(diary)
    with pytest.raises(ConflictError):
        diary.start_plan(mode=Mode.TARGETED, suspects=suspects_from(["caffeine"]), on=START + timedelta(days=5))
    assert diary.plan_status(on=START + timedelta(days=45)).timeline.last.phase is Phase.STOPPED
    diary.start_plan(mode=Mode.TARGETED, suspects=suspects_from(["caffeine"]), on=START + timedelta(days=45))
    assert diary.plan_events()[0].on == START + timedelta(days=45)


def test_changes_are_appended_to_the_log_and_checked(diary: Diary) -> None:
    _rate(diary, _responder())
    _start(diary)
    diary.change_plan(EventKind.PAUSED, on=START + timedelta(days=3))
    diary.change_plan(EventKind.RESUMED, on=START + timedelta(days=5))
    with pytest.raises(ConflictError):
        diary.change_plan(EventKind.RESUMED, on=START + timedelta(days=6))
    with pytest.raises(ValidationError):
        diary.change_plan(EventKind.SKIPPED, on=START + timedelta(days=20))
    kinds = [e.kind for e in diary.plan_events()]
    assert kinds == [EventKind.STARTED, EventKind.PAUSED, EventKind.RESUMED]
    status = diary.plan_status(on=START + timedelta(days=4))
    assert status.timeline.last.phase is Phase.PAUSED


def test_a_change_before_the_plan_started_is_refused_naming_the_start(diary: Diary) -> None:
    _start(diary)
    with pytest.raises(ValidationError) as refused:
        diary.change_plan(EventKind.PAUSED, on=START - timedelta(days=1))
    problem = refused.value.problems[0]
    assert problem.field == "on" and problem.message == f"must not be before the plan started ({START})"
    assert [e.kind for e in diary.plan_events()] == [EventKind.STARTED]


def test_verdicts_are_stored_with_their_numbers_and_source(diary: Diary) -> None:
    _rate(diary, _responder(120, react=range(42, 46)))
    diary.start_plan(
        mode=Mode.TARGETED,
        suspects=suspects_from(["caffeine"], igg=["lactose"]),
        main_symptoms=["bloating"],
        on=START,
        seed=3,
    )
    rows = diary.plan_verdicts(on=START + timedelta(days=70))
    assert rows
    first = rows[0]
    assert first["stage"] == "reintroduction"
    assert {"delta", "baseline", "highest_tolerated", "source"} <= set(first)
    assert {r["source"] for r in rows} <= {"own", "igg_panel"}
    assert diary.plan_verdicts(on=START + timedelta(days=70)) == rows


def test_sachets_need_a_blinded_plan(diary: Diary) -> None:
    _rate(diary, _responder())
    _start(diary)
    with pytest.raises(ConflictError):
        diary.plan_sachets()


def test_repair_steps_track_adherence_and_refuse_duplicates(diary: Diary) -> None:
    _rate(diary, {i: (5.0 if i < 28 else 3.0) for i in range(56)})
    begin = START + timedelta(days=28)
    diary.adopt_step("vitamin_d", dose="1000 IU", start=begin)
    with pytest.raises(ConflictError):
        diary.adopt_step("vitamin_d")
    diary.add_many(
        [
            Entry(
                EntryKind.SUPPLEMENT,
                datetime.combine(begin + timedelta(days=i), datetime.min.time(), CST).replace(hour=8),
                name="Vitamin D3",
            )
            for i in range(0, 28, 2)
        ]
    )
    (report,) = diary.repair_status(on=begin + timedelta(days=27))
    assert report.adherence is not None
    assert report.adherence.share == pytest.approx(0.5)
    assert report.change is not None
    assert report.change.difference == pytest.approx(-2.0)
    stopped = diary.stop_step("vitamin_d", on=begin + timedelta(days=30))
    assert stopped.stop == begin + timedelta(days=30)
    with pytest.raises(NotFoundError):
        diary.stop_step("vitamin_d")


@pytest.mark.parametrize("step", ["probiotics", "vitamin_d", "vitamin_a", "omega_3", "l_glutamine", "mindfulness",
                                  "yoga", "tai_chi", "meditation", "slow_eating"])
def test_a_step_logged_as_done_counts_towards_its_adherence(diary: Diary, step: str) -> None:
    today = diary.now().date()
    diary.adopt_step(step, dose="daily", start=today - timedelta(days=3))
    diary.log_step_done(step, on=today - timedelta(days=1))
    entry = diary.log_step_done(step)
    assert entry.note == "daily" and entry.at.date() == today
    (report,) = diary.repair_status()
    assert report.adherence is not None and (report.adherence.done, report.adherence.days) == (2, 4)


def test_only_running_loggable_steps_can_be_logged_as_done(diary: Diary) -> None:
    today = diary.now().date()
    with pytest.raises(ConflictError):
        diary.log_step_done("yoga")  # never adopted
    diary.adopt_step("yoga", start=today - timedelta(days=5))
    diary.adopt_step("cut_nsaids")
    with pytest.raises(ValidationError) as err:
        diary.log_step_done("cut_nsaids")
    assert err.value.problems[0].field == "step"
    with pytest.raises(ValidationError):
        diary.log_step_done("yoga", on=today + timedelta(days=1))
    with pytest.raises(ConflictError):
        diary.log_step_done("yoga", on=today - timedelta(days=6))  # before the start
    diary.stop_step("yoga", on=today - timedelta(days=1))
    with pytest.raises(ConflictError):
        diary.log_step_done("yoga")  # stopped
    assert diary.entries(kinds=[EntryKind.PRACTICE, EntryKind.SUPPLEMENT]) == []


def test_a_restart_passes_the_safety_gate_again(diary: Diary, monkeypatch: pytest.MonkeyPatch) -> None:
    _rate(diary, _responder())
    diary.start_plan(
        mode=Mode.TARGETED,
        suspects=suspects_from(["lactose", "caffeine"]),
        main_symptoms=["bloating"],
        on=START,
        seed=3,
    )
    monkeypatch.setattr(
        diary, "safety_status", lambda: SafetyStatus(ige_suspected_foods=frozenset({"dairy"})), raising=False
    )
    status = diary.change_plan(EventKind.RESTARTED, on=START + timedelta(days=20))
    assert status.timeline.settings.group_keys() == ("caffeine",)
    assert status.timeline.last.epoch == 1
    assert status.timeline.last.phase is Phase.RUN_IN


def test_the_assessment_gates_the_plan_until_red_flags_are_acknowledged(diary: Diary) -> None:
    example = Path(__file__).resolve().parents[2] / "docs" / "examples" / "answers.json"
    diary.save_assessment(json.loads(example.read_text(encoding="utf-8")), on=START - timedelta(days=2))
    with pytest.raises(SafetyLockError, match="food_allergy_reaction"):
        _start(diary)
    diary.acknowledge_red_flags(on=START - timedelta(days=1))
    status = diary.start_plan(
        mode=Mode.TARGETED, suspects=suspects_from(["lactose", "peanut"]), main_symptoms=["bloating"], on=START, seed=3
    )
    assert status.timeline.settings.group_keys() == ("lactose",)
    assert status.timeline.settings.excluded == ("peanut",)
    assert any("IgE" in n for n in status.notices)
