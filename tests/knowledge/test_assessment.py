"""The assessment: burden score, matched causes with grades and reasons, and an ordered plan."""

from __future__ import annotations

import json
from typing import Any

import pytest

from zonula.errors import ValidationError
from zonula.knowledge.assessment import AssessmentResult, Caution, Stance, assess, burden, compare
from zonula.knowledge.model import Grade
from zonula.knowledge.questionnaire import questionnaire


def test_the_example_puts_the_allergy_red_flag_first_and_records_the_foods(answers: dict[str, Any]) -> None:
    result = assess(answers)
    assert result.see_doctor
    assert result.red_flags == ("food_allergy_reaction",)
    assert result.ige_foods == ("peanut", "shellfish")


def test_the_burden_score_is_zero_without_symptoms(calm_answers: dict[str, Any]) -> None:
    for s in questionnaire().symptoms:
        calm_answers[f"{s.key}_frequency"] = "never"
    assert assess(calm_answers).score == 0.0


def test_the_burden_score_is_100_with_every_symptom_daily_at_10(calm_answers: dict[str, Any]) -> None:
    for s in questionnaire().symptoms:
        calm_answers[f"{s.key}_frequency"] = "daily"
        calm_answers[f"{s.key}_severity"] = 10
    assert assess(calm_answers).score == 100.0


def test_a_symptom_scores_frequency_times_severity() -> None:
    _, symptoms = burden({"bloating_frequency": "weekly", "bloating_severity": 8})
    bloating = next(s for s in symptoms if s.key == "bloating")
    assert bloating.points == pytest.approx(2 / 4 * 8)


def test_more_frequent_symptoms_score_higher(calm_answers: dict[str, Any]) -> None:
    calm_answers["bloating_frequency"] = "weekly"
    weekly = assess(calm_answers).score
    calm_answers["bloating_frequency"] = "daily"
    assert assess(calm_answers).score > weekly


def test_matched_causes_carry_their_grade_and_the_answers_behind_them(answers: dict[str, Any]) -> None:
    causes = {m.item_id: m for m in assess(answers).causes}
    assert set(causes) == {"cause.chronic_stress", "cause.infections", "cause.nsaids", "cause.antibiotics"}
    assert causes["cause.nsaids"].grade is Grade.ESTABLISHED
    assert [(b.question, b.answer) for b in causes["cause.nsaids"].because] == [("nsaid_use", "weekly")]


def test_heavy_drinking_matches_the_toxin_claim(calm_answers: dict[str, Any]) -> None:
    calm_answers["alcohol_drinks_week"] = 20
    assert "cause.toxins" in {m.item_id for m in assess(calm_answers).causes}


def test_a_known_bowel_disease_matches_systemic_inflammation(calm_answers: dict[str, Any]) -> None:
    calm_answers["known_conditions"] = ["crohns"]
    result = assess(calm_answers)
    assert "cause.systemic_inflammation" in {m.item_id for m in result.causes}
    assert [m.item_id for m in result.conditions] == ["condition.crohns"]


def test_reported_symptoms_show_the_articles_claim_about_them(answers: dict[str, Any]) -> None:
    grades = {m.item_id: m.grade for m in assess(answers).article_symptoms}
    assert grades["symptom.bloating"] is Grade.NOT_SUPPORTED
    assert "symptom.migraine" not in grades


def test_the_plan_holds_every_repair_step_best_evidence_first(answers: dict[str, Any]) -> None:
    plan = assess(answers).plan
    assert len(plan) == 8
    ranks = [p.grade.rank for p in plan]
    assert ranks == sorted(ranks)
    assert plan[0].item_id == "repair.elimination_diet"


def test_within_a_grade_the_more_relevant_step_comes_first(calm_answers: dict[str, Any]) -> None:
    calm_answers.update(stress_level="most_of_the_time", recent_gut_infection=False,
                        antibiotic_courses_12m=0)
    plan = [p for p in assess(calm_answers).plan if p.grade is Grade.LIMITED]
    relevances = [p.relevance for p in plan]
    assert relevances == sorted(relevances, reverse=True)


def test_glutamine_is_relevant_after_a_gut_infection_with_diarrhoea(calm_answers: dict[str, Any]) -> None:
    step = next(p for p in assess(calm_answers).plan if p.item_id == "repair.l_glutamine")
    assert set(step.relevant_because) == {"diarrhea", "cause.infections"}
    calm_answers.update(recent_gut_infection=False, diarrhea_frequency="never")
    step = next(p for p in assess(calm_answers).plan if p.item_id == "repair.l_glutamine")
    assert step.relevance == 0


def test_unsupported_steps_are_marked_not_recommended(answers: dict[str, Any]) -> None:
    stances = {p.item_id: p.stance for p in assess(answers).plan}
    assert stances["repair.omega_3"] is Stance.NOT_RECOMMENDED
    assert stances["repair.vitamin_a"] is Stance.NOT_RECOMMENDED


def test_the_elimination_diet_waits_for_a_doctor_when_red_flags_are_present(answers: dict[str, Any]) -> None:
    step = assess(answers).plan[0]
    assert step.stance is Stance.AFTER_DOCTOR
    assert step.cautions == (Caution.RED_FLAGS_FIRST, Caution.COELIAC_TEST_FIRST,
                             Caution.ALLERGY_FOODS_EXCLUDED)


def test_the_elimination_diet_is_open_without_flags_after_coeliac_tests(calm_answers: dict[str, Any]) -> None:
    step = assess(calm_answers).plan[0]
    assert (step.stance, step.cautions) == (Stance.CONSIDER, ())


def test_pregnancy_puts_diet_and_supplements_under_supervision(calm_answers: dict[str, Any]) -> None:
    calm_answers["pregnant"] = "yes"
    stances = {p.item_id: p.stance for p in assess(calm_answers).plan}
    assert stances["repair.elimination_diet"] is Stance.WITH_CLINICIAN
    assert stances["repair.probiotics"] is Stance.WITH_CLINICIAN
    assert stances["repair.mindfulness"] is Stance.CONSIDER


def test_a_coeliac_diagnosis_counts_as_tested(calm_answers: dict[str, Any]) -> None:
    calm_answers.update(coeliac_tested="no", known_conditions=["coeliac"])
    assert assess(calm_answers).coeliac_tested


def test_bad_answers_raise_with_every_field_and_build_nothing(answers: dict[str, Any]) -> None:
    answers.update(age="old", nsaid_use="always")
    with pytest.raises(ValidationError) as caught:
        assess(answers)
    assert {p.field for p in caught.value.problems} == {"age", "nsaid_use"}


def test_a_result_survives_a_json_round_trip(answers: dict[str, Any]) -> None:
    result = assess(answers)
    assert AssessmentResult.from_dict(json.loads(json.dumps(result.to_dict()))) == result


def test_compare_reports_score_change_and_causes_added_and_removed(answers: dict[str, Any]) -> None:
    before = assess(answers)
    answers.update(nsaid_use="never", alcohol_drinks_week=21, bloating_frequency="less_than_weekly",
                   allergic_reaction=False)
    del answers["nsaid_prescribed"], answers["allergic_foods"]
    after = assess(answers)
    change = compare(before, after)
    assert change.causes_added == ("cause.toxins",)
    assert change.causes_removed == ("cause.nsaids",)
    assert change.red_flags_removed == ("food_allergy_reaction",)
    assert change.score_change == pytest.approx(after.score - before.score, abs=0.05)
    assert change.score_change < 0


def test_a_prescribed_nsaid_is_shown_with_the_match(answers: dict[str, Any]) -> None:
    answers["nsaid_prescribed"] = True
    nsaids = next(m for m in assess(answers).causes if m.item_id == "cause.nsaids")
    assert [(b.question, b.answer) for b in nsaids.because] == [("nsaid_use", "weekly"),
                                                                ("nsaid_prescribed", True)]
