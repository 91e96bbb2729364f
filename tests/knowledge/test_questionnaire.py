"""The questionnaire is declared as data, and validation names every bad answer."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zonula.errors import FieldProblem, ValidationError
from zonula.knowledge.questionnaire import Answer, AnswerType, questionnaire

CJK = re.compile(r"[\u4e00-\u9fff]")
DOC = Path(__file__).resolve().parents[2] / "docs" / "assessment.md"


def test_every_question_is_bilingual_with_an_id_type_and_allowed_values() -> None:
    for q in questionnaire().questions:
        assert re.fullmatch(r"[a-z0-9_]+", q.id)
        assert q.text.en.strip()
        assert CJK.search(q.text.zh)
        if q.type in (AnswerType.CHOICE, AnswerType.MULTI):
            assert q.choices
            assert all(CJK.search(c.label.zh) for c in q.choices)
        if q.type is AnswerType.INT:
            assert q.min is not None
            assert q.max is not None


def test_it_asks_about_every_cause_the_article_names() -> None:
    rules = questionnaire().cause_rules
    assert set(rules) == {
        "cause.poor_diet", "cause.chronic_stress", "cause.negative_emotions", "cause.infections",
        "cause.systemic_inflammation", "cause.low_stomach_acid", "cause.toxins", "cause.nsaids",
        "cause.antibiotics",
    }


def test_it_asks_frequency_and_severity_of_the_article_symptoms() -> None:
    ids = {q.id for q in questionnaire().questions}
    for key in ("bloating", "indigestion", "constipation", "diarrhea", "fatigue", "migraine"):
        assert {f"{key}_frequency", f"{key}_severity"} <= ids
    assert "weight_gain" in ids


def test_the_example_answers_are_valid(answers: dict[str, Any]) -> None:
    clean = questionnaire().validate(answers)
    assert clean["allergic_foods"] == ("peanuts", "虾")
    assert clean["known_conditions"] == ("ibs",)


def test_it_lists_every_bad_field_at_once(answers: dict[str, Any]) -> None:
    answers.update(age=-3, bloating_frequency="sometimes", rectal_bleeding="maybe", colour="blue")
    del answers["fever"]
    with pytest.raises(ValidationError) as caught:
        questionnaire().validate(answers)
    fields = {p.field for p in caught.value.problems}
    assert fields == {"age", "bloating_frequency", "rectal_bleeding", "colour", "fever"}


def test_it_rejects_a_severity_of_11(answers: dict[str, Any]) -> None:
    answers["bloating_severity"] = 11
    with pytest.raises(ValidationError) as caught:
        questionnaire().validate(answers)
    assert [p.field for p in caught.value.problems] == ["bloating_severity"]


def test_severity_is_not_asked_for_a_symptom_never_had(answers: dict[str, Any]) -> None:
    answers["heartburn_severity"] = 99
    clean = questionnaire().validate(answers)
    assert "heartburn_severity" not in clean


def test_allergic_foods_are_required_only_after_a_reaction(answers: dict[str, Any]) -> None:
    del answers["allergic_foods"]
    with pytest.raises(ValidationError) as caught:
        questionnaire().validate(answers)
    assert [p.field for p in caught.value.problems] == ["allergic_foods"]
    answers["allergic_reaction"] = False
    assert "allergic_foods" not in questionnaire().validate(answers)


def test_it_rejects_something_that_is_not_a_dict() -> None:
    with pytest.raises(ValidationError):
        questionnaire().validate([1, 2])  # type: ignore[arg-type]


@pytest.mark.parametrize(("raw", "expected"), [
    (True, True), ("yes", True), ("Y", True), ("是", True), (False, False), ("no", False), ("否", False),
])
def test_yes_no_answers_accept_words_in_both_languages(raw: object, expected: bool) -> None:
    assert questionnaire().question("fever").parse(raw) is expected


def test_a_list_answer_can_be_typed_with_chinese_commas() -> None:
    q = questionnaire().question("allergic_foods")
    assert q.parse("花生，虾、 milk") == ("花生", "虾", "milk")


def test_multi_choice_accepts_none_as_an_empty_list() -> None:
    q = questionnaire().question("known_conditions")
    assert q.parse("none") == ()
    assert q.parse("ibs, crohns, ibs") == ("ibs", "crohns")


def parsed_or_none(question_id: str, raw: object) -> Answer | None:
    """The parsed answer, or None when the question refuses it."""
    try:
        return questionnaire().question(question_id).parse(raw)
    except ValueError:
        return None


@given(st.one_of(st.integers(), st.floats(allow_nan=True), st.text(), st.booleans(), st.none()))
def test_an_age_parses_to_a_whole_number_in_range_or_is_refused(raw: object) -> None:
    value = parsed_or_none("age", raw)
    if value is not None:
        assert type(value) is int
        assert 0 <= value <= 120


@given(st.one_of(st.text(), st.integers(), st.booleans(), st.lists(st.text(max_size=5), max_size=4)))
def test_a_choice_parses_to_an_allowed_value_or_is_refused(raw: object) -> None:
    value = parsed_or_none("nsaid_use", raw)
    assert value is None or value in {c.value for c in questionnaire().question("nsaid_use").choices}


@given(st.one_of(st.text(), st.lists(st.text(max_size=120), max_size=5), st.integers()))
def test_a_food_list_parses_to_non_empty_short_texts_or_is_refused(raw: object) -> None:
    value = parsed_or_none("allergic_foods", raw)
    if value is not None:
        assert isinstance(value, tuple)
        assert value
        assert all(t and t == t.strip() and len(t) <= 100 for t in value)


def test_every_question_is_documented_in_the_assessment_guide() -> None:
    doc = DOC.read_text(encoding="utf-8")
    missing = [q.id for q in questionnaire().questions if f"| `{q.id}` |" not in doc]
    assert missing == []


JUNK = st.one_of(st.none(), st.booleans(), st.integers(-5, 500), st.floats(allow_nan=True),
                 st.text(max_size=8), st.lists(st.text(max_size=6), max_size=3))


EXAMPLE = json.loads((DOC.parent / "examples" / "answers.json").read_text(encoding="utf-8"))


@given(st.data())
def test_any_answers_dict_is_either_normalised_or_refused_with_named_fields(data: st.DataObject) -> None:
    q = questionnaire()
    ids = [question.id for question in q.questions]
    answers = dict(EXAMPLE)
    for key in data.draw(st.lists(st.sampled_from([*ids, "not_a_question"]), unique=True, max_size=4)):
        if data.draw(st.booleans()):
            answers[key] = data.draw(JUNK)
        else:
            answers.pop(key, None)
    problems: list[FieldProblem] = []
    clean: dict[str, Answer] = {}
    try:
        clean = q.validate(answers)
    except ValidationError as err:
        problems = err.problems
    if problems:
        assert all(p.field in ids or p.field in answers for p in problems)
        return
    assert set(clean) <= set(ids)
    for key, value in clean.items():
        assert isinstance(value, bool | int | str | tuple)
        assert q.question(key).parse(value) == value


@pytest.mark.parametrize(("raw", "expected"), [(True, "yes"), ("y", "yes"), ("否", "no"), ("unsure", "unsure")])
def test_yes_no_choices_also_take_yes_no_words(raw: object, expected: str) -> None:
    assert questionnaire().question("coeliac_tested").parse(raw) == expected
