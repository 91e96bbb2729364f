"""The knowledge base holds every claim of the article, bilingual, graded and referenced."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from zonula.i18n import set_language
from zonula.knowledge.loader import knowledge_base, references
from zonula.knowledge.model import Category, Grade, KnowledgeItem

CJK = re.compile(r"[\u4e00-\u9fff]")

# Each claim of the source article, in its order, and the item that carries it.
ARTICLE_ITEMS = {
    "leaky gut is the root of many diseases": "model.root_cause",
    "porosity, a controlled leak (cheesecloth)": "model.porosity",
    "tight junctions loosen": "model.tight_junctions",
    "immune reaction / antibodies to food particles": "model.food_immune_reaction",
    "不良的饮食选择": "cause.poor_diet",
    "慢性压力": "cause.chronic_stress",
    "负面情绪": "cause.negative_emotions",
    "传染病": "cause.infections",
    "全身性炎性疾病": "cause.systemic_inflammation",
    "低胃酸": "cause.low_stomach_acid",
    "毒素暴露": "cause.toxins",
    "naproxen, ibuprofen, Motrin, aspirin": "cause.nsaids",
    "antibiotics disrupt the flora": "cause.antibiotics",
    "IBS": "condition.ibs",
    "inflammatory bowel disease": "condition.ibd",
    "Crohn's disease": "condition.crohns",
    "ulcerative colitis": "condition.ulcerative_colitis",
    "食物过敏或过敏": "condition.food_allergy",
    "Malnutrition": "condition.malnutrition",
    "Dysbiosis": "condition.dysbiosis",
    "Toxin overload": "condition.toxin_overload",
    "自身免疫性疾病 (桥本氏病)": "condition.autoimmune",
    "腹胀": "symptom.bloating",
    "消化不良": "symptom.indigestion",
    "便秘/腹泻": "symptom.bowel_habit",
    "疲劳": "symptom.fatigue",
    "体重增加": "symptom.weight_gain",
    "偏头痛": "symptom.migraine",
    "自身免疫病": "symptom.autoimmune",
    "finding the underlying causes": "treatment.find_causes",
    "dysbiosis has to be corrected": "treatment.correct_dysbiosis",
    "SIBO corrected by stomach acid supplementation": "treatment.sibo_stomach_acid",
    "reduce toxins or antibiotics": "treatment.reduce_toxins_antibiotics",
    "inciting foods eliminated": "treatment.eliminate_foods",
    "IgG Type4 testing": "treatment.igg_testing",
    "digestive enzymes": "treatment.digestive_enzymes",
    "probiotics and prebiotics": "treatment.probiotics_prebiotics",
    "relaxation, slowing down to eat": "treatment.relaxation_slow_eating",
    "消除饮食": "repair.elimination_diet",
    "益生菌": "repair.probiotics",
    "维生素D": "repair.vitamin_d",
    "维生素A": "repair.vitamin_a",
    "Omega-3脂肪酸": "repair.omega_3",
    "L-谷氨酰胺": "repair.l_glutamine",
    "正念练习": "repair.mindfulness",
    "瑜伽，太极拳和冥想": "repair.stress_reduction",
}


@pytest.mark.parametrize(("phrase", "item_id"), ARTICLE_ITEMS.items())
def test_every_article_claim_has_an_item(phrase: str, item_id: str) -> None:
    assert knowledge_base().get(item_id).id == item_id, phrase


def test_the_knowledge_base_holds_exactly_the_article_claims() -> None:
    assert sorted(i.id for i in knowledge_base().items) == sorted(ARTICLE_ITEMS.values())


@pytest.mark.parametrize("item", knowledge_base().items, ids=lambda i: i.id)
def test_each_item_is_bilingual_graded_and_referenced(item: KnowledgeItem) -> None:
    texts = [item.name, item.claim, item.rationale]
    texts += [t for t in (item.context, item.note, item.dose) if t is not None]
    for text in texts:
        assert text.en.strip()
        assert CJK.search(text.zh), text.zh
    assert isinstance(item.grade, Grade)
    assert item.references
    assert all(len(r.text) > 30 for r in item.references)


def test_narrow_grades_state_their_context_and_others_do_not() -> None:
    for item in knowledge_base().items:
        assert (item.context is not None) == (item.grade is Grade.NARROW), item.id


def test_every_repair_step_has_a_note_and_a_way_to_track_adherence() -> None:
    steps = knowledge_base().in_category(Category.REPAIR)
    assert len(steps) == 8
    for step in steps:
        assert step.note is not None
        assert step.tracked_by == "elimination_plan" or step.adherence, step.id


def test_every_supplement_step_has_a_dose_range() -> None:
    for step in knowledge_base().in_category(Category.REPAIR):
        if any(a.kind == "supplement" for a in step.adherence):
            assert step.dose is not None, step.id


def test_the_honest_notes_the_article_needs_are_there() -> None:
    kb = knowledge_base()
    nsaids = kb.get("cause.nsaids").note
    assert nsaids is not None
    assert "aspirin" in nsaids.en
    assert "doctor" in nsaids.en
    igg = kb.get("treatment.igg_testing")
    assert igg.grade is Grade.CONTRADICTED
    assert igg.note is not None
    assert "reintroduction" in igg.note.en
    glutamine = kb.get("repair.l_glutamine").note
    assert glutamine is not None
    assert "post-infectious" in glutamine.en
    assert "one small trial" in glutamine.en


def test_every_reference_is_cited_somewhere_in_the_data() -> None:
    cited = {r.key for i in knowledge_base().items for r in i.references}
    from zonula.knowledge.redflags import safety_rules

    rules = safety_rules()
    cited |= {r.key for rule in (*rules.red_flags, *rules.supervision) for r in rule.references}
    assert set(references()) == cited


def test_a_diary_supplement_or_practice_finds_its_repair_step() -> None:
    kb = knowledge_base()
    assert [i.id for i in kb.repair_step_for("supplement", "Vitamin D3")] == ["repair.vitamin_d"]
    assert [i.id for i in kb.repair_step_for("supplement", "鱼油")] == ["repair.omega_3"]
    assert [i.id for i in kb.repair_step_for("practice", "tai_chi")] == ["repair.stress_reduction"]
    assert kb.repair_step_for("medication", "probiotic") == ()


def test_search_finds_items_by_category_id_or_name_in_either_language() -> None:
    kb = knowledge_base()
    assert {i.category for i in kb.search("causes")} == {Category.CAUSE}
    assert [i.id for i in kb.search("nsaids")] == ["cause.nsaids"]
    assert [i.id for i in kb.search("偏头痛")] == ["symptom.migraine"]
    assert "repair.l_glutamine" in [i.id for i in kb.search("glutamine")]
    assert kb.search("no such topic at all") == ()


def test_texts_follow_the_current_language() -> None:
    item = knowledge_base().get("repair.probiotics")
    set_language("zh")
    try:
        assert str(item.name) == "益生菌"
    finally:
        set_language("en")
    assert str(item.name) == "Probiotics"


def test_json_form_carries_both_languages_grade_and_references() -> None:
    data = knowledge_base().get("repair.l_glutamine").as_dict()
    assert data["grade"] == "C"
    assert data["name"] == {"en": "L-glutamine", "zh": "L-谷氨酰胺"}
    adherence = data["adherence"]
    references = data["references"]
    assert isinstance(adherence, list)
    assert adherence[0]["name"] == "l_glutamine"
    assert isinstance(references, list)
    assert any("Zhou Q" in r["text"] for r in references)


def test_the_knowledge_guide_lists_every_item_with_its_current_grade() -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "knowledge.md").read_text(encoding="utf-8")
    for item in knowledge_base().items:
        grade = item.grade.value.replace("*", "\\*")
        assert f"| `{item.id}` | {item.name.en} | {grade} |" in doc, item.id
