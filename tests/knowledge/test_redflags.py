"""The red-flag screen: any alarm feature means "see a doctor", with each reason named."""

from __future__ import annotations

import re
from typing import Any

import pytest

from zonula.knowledge.questionnaire import questionnaire
from zonula.knowledge.redflags import food_groups_for, safety_rules, screen, supervision_reasons

CJK = re.compile(r"[\u4e00-\u9fff]")


def clean(answers: dict[str, Any]) -> dict[str, Any]:
    return dict(questionnaire().validate(answers))


def test_calm_answers_raise_no_red_flag(calm_answers: dict[str, Any]) -> None:
    assert screen(clean(calm_answers)) == ()
    assert supervision_reasons(clean(calm_answers)) == ()


@pytest.mark.parametrize(("question", "flag"), [
    ("rectal_bleeding", "rectal_bleeding"),
    ("black_stools", "black_stools"),
    ("weight_loss", "weight_loss"),
    ("anaemia", "anaemia"),
    ("nocturnal_symptoms", "nocturnal_symptoms"),
    ("fever", "fever"),
    ("worsening_pain", "worsening_pain"),
    ("dysphagia", "dysphagia"),
    ("persistent_vomiting", "persistent_vomiting"),
    ("abdominal_mass", "abdominal_mass"),
    ("family_history", "family_history"),
])
def test_each_yes_to_an_alarm_question_raises_its_flag(calm_answers: dict[str, Any], question: str,
                                                        flag: str) -> None:
    calm_answers[question] = True
    assert screen(clean(calm_answers)) == (flag,)


def test_new_symptoms_count_only_from_the_age_of_50(calm_answers: dict[str, Any]) -> None:
    calm_answers.update(symptoms_new=True, age=49)
    assert screen(clean(calm_answers)) == ()
    calm_answers["age"] = 50
    assert screen(clean(calm_answers)) == ("new_symptoms_over_50",)


def test_six_weeks_of_looser_stools_count_from_60(calm_answers: dict[str, Any]) -> None:
    calm_answers.update(looser_stools_6_weeks=True, age=59)
    assert screen(clean(calm_answers)) == ()
    calm_answers["age"] = 60
    assert screen(clean(calm_answers)) == ("looser_stools_over_60",)


def test_persistent_distension_is_flagged_for_women(calm_answers: dict[str, Any]) -> None:
    calm_answers.update(persistent_distension=True, sex="male")
    assert screen(clean(calm_answers)) == ()
    calm_answers["sex"] = "female"
    assert screen(clean(calm_answers)) == ("persistent_distension",)


def test_raised_inflammation_markers_are_flagged_but_not_tested_is_not(calm_answers: dict[str, Any]) -> None:
    assert screen(clean(calm_answers)) == ()
    calm_answers["raised_markers"] = "yes"
    assert screen(clean(calm_answers)) == ("raised_markers",)


def test_every_positive_flag_is_named(calm_answers: dict[str, Any]) -> None:
    calm_answers.update(rectal_bleeding=True, fever=True, allergic_reaction=True, allergic_foods=["egg"])
    assert screen(clean(calm_answers)) == ("rectal_bleeding", "fever", "food_allergy_reaction")


def test_every_red_flag_has_a_bilingual_reason_and_a_source() -> None:
    rules = safety_rules()
    assert len(rules.red_flags) >= 15
    for flag in (*rules.red_flags, *rules.supervision):
        assert flag.reason.en.strip()
        assert CJK.search(flag.reason.zh)
    assert all(flag.references for flag in rules.red_flags)


def test_every_rule_reads_only_real_questions() -> None:
    ids = {q.id for q in questionnaire().questions}
    rules = safety_rules()
    for flag in (*rules.red_flags, *rules.supervision):
        assert flag.rule.question_ids() <= ids, flag.key


@pytest.mark.parametrize(("change", "reason"), [
    ({"age": 17}, "under_18"),
    ({"pregnant": "yes"}, "pregnancy"),
    ({"scoff_sick": True, "scoff_food": True}, "eating_disorder_screen"),
    ({"eating_disorder_history": True}, "eating_disorder_history"),
    ({"food_list_shrinking": True}, "restrictive_eating"),
])
def test_supervision_is_required_for_children_pregnancy_and_eating_disorder_risk(
        calm_answers: dict[str, Any], change: dict[str, Any], reason: str) -> None:
    calm_answers.update(change)
    assert supervision_reasons(clean(calm_answers)) == (reason,)


def test_one_scoff_yes_alone_does_not_require_supervision(calm_answers: dict[str, Any]) -> None:
    calm_answers["scoff_control"] = True
    assert supervision_reasons(clean(calm_answers)) == ()


def test_foods_after_an_allergic_reaction_map_to_their_groups() -> None:
    assert food_groups_for(["Peanuts", "花生", "prawns", "dragon fruit", " "]) == (
        "peanut", "shellfish", "dragon fruit")
