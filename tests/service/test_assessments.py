"""The facade stores assessments with their day, compares them, and gates diet tools on red flags."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import make_diary
from zonula.errors import ConflictError, NotFoundError, ValidationError
from zonula.service import Diary, learn, preview_assessment
from zonula.storage import Database

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "answers.json"


@pytest.fixture
def answers() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    return data


def test_an_assessment_is_stored_with_its_day_answers_score_and_result(diary: Diary,
                                                                       answers: dict[str, Any]) -> None:
    saved = diary.save_assessment(answers, on=date(2026, 3, 1))
    [stored] = diary.assessment_history()
    assert stored.id == saved.id
    assert stored.taken_on == date(2026, 3, 1)
    assert stored.answers["allergic_foods"] == ["peanuts", "虾"]
    assert stored.result == preview_assessment(answers)
    assert stored.version == 1


def test_bad_answers_store_nothing(diary: Diary, answers: dict[str, Any]) -> None:
    answers["age"] = 300
    with pytest.raises(ValidationError):
        diary.save_assessment(answers)
    assert diary.assessment_history() == []


def test_history_is_oldest_first_and_changes_compare_neighbours(diary: Diary, answers: dict[str, Any]) -> None:
    diary.save_assessment(answers, on=date(2026, 3, 20))
    answers.update(nsaid_use="never", bloating_frequency="weekly")
    del answers["nsaid_prescribed"]
    diary.save_assessment(answers, on=date(2026, 4, 20))
    history = diary.assessment_history()
    assert [h.taken_on for h in history] == [date(2026, 3, 20), date(2026, 4, 20)]
    [(before, after, change)] = diary.assessment_changes()
    assert (before.id, after.id) == (history[0].id, history[1].id)
    assert change.causes_removed == ("cause.nsaids",)
    assert change.score_change < 0


def test_red_flags_lock_diet_tools_until_acknowledged(diary: Diary, answers: dict[str, Any]) -> None:
    diary.save_assessment(answers, on=date(2026, 3, 1))
    assert diary.safety_status().diet_tools_locked
    ack = diary.acknowledge_red_flags(on=date(2026, 3, 2))
    assert ack.red_flags == ("food_allergy_reaction",)
    status = diary.safety_status()
    assert not status.diet_tools_locked
    assert status.red_flags_acknowledged_on == date(2026, 3, 2)
    assert status.ige_suspected_foods == frozenset({"peanut", "shellfish"})


def test_a_new_red_flag_locks_again(diary: Diary, answers: dict[str, Any]) -> None:
    diary.save_assessment(answers, on=date(2026, 3, 1))
    diary.acknowledge_red_flags(on=date(2026, 3, 1))
    answers["rectal_bleeding"] = True
    diary.save_assessment(answers, on=date(2026, 4, 1))
    assert diary.safety_status().diet_tools_locked


def test_acknowledging_needs_an_assessment_with_red_flags(diary: Diary, answers: dict[str, Any]) -> None:
    with pytest.raises(ConflictError):
        diary.acknowledge_red_flags()
    answers.update(allergic_reaction=False)
    del answers["allergic_foods"]
    diary.save_assessment(answers)
    with pytest.raises(ConflictError):
        diary.acknowledge_red_flags()
    assert diary.safety_status().red_flags == ()


def test_without_an_assessment_the_status_is_empty(diary: Diary) -> None:
    status = diary.safety_status()
    assert status.red_flags == ()
    assert not status.supervised_only


def test_one_person_cannot_see_anothers_assessment(db: Database, answers: dict[str, Any]) -> None:
    alice = make_diary(db, "alice")
    bob = make_diary(db, "bob")
    saved = alice.save_assessment(answers)
    assert bob.assessment_history() == []
    with pytest.raises(NotFoundError):
        bob.assessment(saved.id)
    assert alice.assessment(saved.id).id == saved.id


def test_learn_finds_items_without_a_diary() -> None:
    assert [i.id for i in learn("nsaids")] == ["cause.nsaids"]
    assert len(learn()) == 46


def test_the_json_export_carries_assessments_and_acknowledgements(diary: Diary, answers: dict[str, Any]) -> None:
    diary.save_assessment(answers, on=date(2026, 3, 1))
    diary.acknowledge_red_flags(on=date(2026, 3, 2))
    out = io.BytesIO()
    diary.export("json", out)
    data = json.loads(out.getvalue())
    [exported] = data["assessments"]
    assert exported["taken_on"] == "2026-03-01"
    assert exported["answers"]["allergic_foods"] == ["peanuts", "虾"]
    assert exported["result"]["red_flags"] == ["food_allergy_reaction"]
    [ack] = data["red_flag_acks"]
    assert ack.pop("recorded_at")  # the audit time travels with it
    assert ack == {"acknowledged_on": "2026-03-02", "red_flags": ["food_allergy_reaction"]}
