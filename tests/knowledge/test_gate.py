"""The SafetyStatus built from an assessment and red-flag acknowledgements."""

from __future__ import annotations

from datetime import date
from typing import Any

from zonula.knowledge.assessment import assess
from zonula.knowledge.gate import RedFlagAck, build_safety_status, needs_coeliac_test_first


def test_without_an_assessment_nothing_is_flagged_or_locked() -> None:
    status = build_safety_status(None)
    assert not status.red_flags
    assert not status.diet_tools_locked


def test_red_flags_lock_diet_tools_until_acknowledged(answers: dict[str, Any]) -> None:
    result = assess(answers)
    locked = build_safety_status(result)
    assert locked.diet_tools_locked
    opened = build_safety_status(result, [RedFlagAck(date(2026, 3, 1), ("food_allergy_reaction",))])
    assert not opened.diet_tools_locked
    assert opened.red_flags_acknowledged_on == date(2026, 3, 1)


def test_a_new_red_flag_needs_a_new_acknowledgement(answers: dict[str, Any]) -> None:
    answers["fever"] = True
    result = assess(answers)
    old_ack = RedFlagAck(date(2026, 3, 1), ("food_allergy_reaction",))
    assert build_safety_status(result, [old_ack]).diet_tools_locked
    new_ack = RedFlagAck(date(2026, 3, 9), ("food_allergy_reaction", "fever"))
    assert build_safety_status(result, [old_ack, new_ack]).red_flags_acknowledged_on == date(2026, 3, 9)


def test_suspected_allergy_foods_are_never_to_challenge(answers: dict[str, Any]) -> None:
    status = build_safety_status(assess(answers))
    assert status.ige_suspected_foods == frozenset({"peanut", "shellfish"})


def test_coeliac_testing_is_prompted_before_gluten_removal(answers: dict[str, Any]) -> None:
    assert needs_coeliac_test_first(build_safety_status(assess(answers)))
    answers["coeliac_tested"] = "yes"
    assert not needs_coeliac_test_first(build_safety_status(assess(answers)))


def test_supervision_reasons_are_carried_into_the_status(calm_answers: dict[str, Any]) -> None:
    calm_answers.update(age=16, pregnant="yes")
    status = build_safety_status(assess(calm_answers))
    assert status.supervised_only
    assert status.supervised_reasons == ("under_18", "pregnancy")
