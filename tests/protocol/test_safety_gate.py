"""Stage 0: red flags lock plans, IgE foods are never challenged, coeliac testing first, supervision."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from zonula.domain.safety import SafetyStatus
from zonula.errors import SafetyLockError, ValidationError
from zonula.protocol.safety_gate import CoeliacTestFirstError, SupervisionRequiredError, check_safety
from zonula.protocol.settings import Mode, PlanSettings, Suspect


def test_unacknowledged_red_flags_lock_the_plan_and_name_the_flags(targeted: PlanSettings) -> None:
    status = SafetyStatus(red_flags=("rectal_bleeding", "weight_loss"))
    with pytest.raises(SafetyLockError, match="rectal_bleeding, weight_loss"):
        check_safety(targeted, status)


def test_acknowledged_red_flags_let_the_plan_start(targeted: PlanSettings) -> None:
    status = SafetyStatus(red_flags=("weight_loss",), red_flags_acknowledged_on=date(2026, 1, 1))
    assert check_safety(targeted, status).settings == targeted


def test_a_fresh_person_with_no_assessment_may_start(targeted: PlanSettings) -> None:
    assert check_safety(targeted, SafetyStatus()).notices == ()


def test_ige_suspected_foods_are_never_scheduled() -> None:
    s = PlanSettings(mode=Mode.LOW_FODMAP, seed=1, without_coeliac_test=True)
    gate = check_safety(s, SafetyStatus(ige_suspected_foods=frozenset({"dairy"})))
    assert "lactose" not in gate.settings.group_keys()
    assert "lactose" in gate.settings.excluded
    assert any("IgE" in n for n in gate.notices)


def test_removing_wheat_asks_for_coeliac_testing_first() -> None:
    s = PlanSettings(mode=Mode.LOW_FODMAP, seed=1)
    with pytest.raises(CoeliacTestFirstError):
        check_safety(s, SafetyStatus())
    assert check_safety(s, SafetyStatus(coeliac_tested=True)).notices == ()
    opted = check_safety(replace(s, without_coeliac_test=True), SafetyStatus())
    assert any("coeliac" in n for n in opted.notices)


def test_a_targeted_plan_without_wheat_needs_no_coeliac_test(targeted: PlanSettings) -> None:
    assert check_safety(targeted, SafetyStatus()).settings == targeted
    gluten = replace(targeted, suspects=(Suspect("gluten"),))
    with pytest.raises(CoeliacTestFirstError):
        check_safety(gluten, SafetyStatus())


def test_supervised_only_needs_the_supervised_flag(targeted: PlanSettings) -> None:
    status = SafetyStatus(supervised_only=True, supervised_reasons=("pregnancy",))
    with pytest.raises(SupervisionRequiredError, match="pregnancy"):
        check_safety(targeted, status)
    gate = check_safety(replace(targeted, supervised=True), status)
    assert any("clinician" in n for n in gate.notices)


def test_a_targeted_plan_with_only_allergy_suspects_has_nothing_to_test() -> None:
    s = PlanSettings(mode=Mode.TARGETED, seed=1, suspects=(Suspect("egg"),))
    with pytest.raises(ValidationError):
        check_safety(s, SafetyStatus(ige_suspected_foods=frozenset({"egg"})))
