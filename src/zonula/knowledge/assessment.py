"""The assessment: symptom burden, red flags first, matched causes, and a graded personal repair plan."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from zonula.knowledge.loader import knowledge_base
from zonula.knowledge.model import Category, Grade, KnowledgeItem
from zonula.knowledge.questionnaire import Answer, questionnaire
from zonula.knowledge.redflags import food_groups_for, screen, supervision_reasons

SCORE_MAX = 100.0
SEVERITY_MAX = 10


class Stance(StrEnum):
    """How a repair step is offered to this person."""

    CONSIDER = "consider"
    AFTER_DOCTOR = "after_doctor"
    WITH_CLINICIAN = "with_clinician"
    NOT_RECOMMENDED = "not_recommended"


class Caution(StrEnum):
    """A warning attached to a repair step for this person."""

    RED_FLAGS_FIRST = "red_flags_first"
    SUPERVISED_ONLY = "supervised_only"
    COELIAC_TEST_FIRST = "coeliac_test_first"
    ALLERGY_FOODS_EXCLUDED = "allergy_foods_excluded"


@dataclass(frozen=True, slots=True)
class SymptomScore:
    """One symptom's share of the burden score: frequency x severity, 0-10 points."""

    key: str
    frequency: str
    severity: int
    points: float


@dataclass(frozen=True, slots=True)
class Because:
    """An answer that made something match."""

    question: str
    answer: Answer


@dataclass(frozen=True, slots=True)
class Match:
    """An article item (cause, condition or symptom) that matched, with its grade and why."""

    item_id: str
    grade: Grade
    because: tuple[Because, ...]


@dataclass(frozen=True, slots=True)
class PlanStep:
    """One repair step for this person: grade, relevance, how it is offered, and its cautions."""

    item_id: str
    grade: Grade
    relevance: float
    stance: Stance
    cautions: tuple[Caution, ...] = ()
    relevant_because: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AssessmentResult:
    """What an assessment found. Red flags come first; nothing here decides what is wrong.

    `score` is the zonula symptom burden score (0-100), our own sum of frequency x severity over ten
    symptoms: it is not a validated instrument.
    """

    version: int
    red_flags: tuple[str, ...]
    supervised_reasons: tuple[str, ...]
    ige_foods: tuple[str, ...]
    coeliac_tested: bool
    score: float
    symptoms: tuple[SymptomScore, ...]
    causes: tuple[Match, ...]
    conditions: tuple[Match, ...]
    article_symptoms: tuple[Match, ...]
    plan: tuple[PlanStep, ...]

    @property
    def see_doctor(self) -> bool:
        """True when any red flag is positive."""
        return bool(self.red_flags)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (tuples become lists); `from_dict` reads it back."""
        data: dict[str, Any] = _jsonable(self)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AssessmentResult:
        """Rebuild a result stored by `to_dict`."""
        def match(m: Mapping[str, Any]) -> Match:
            because = tuple(Because(b["question"], _answer(b["answer"])) for b in m["because"])
            return Match(m["item_id"], Grade(m["grade"]), because)

        return cls(
            version=int(data["version"]),
            red_flags=tuple(data["red_flags"]),
            supervised_reasons=tuple(data["supervised_reasons"]),
            ige_foods=tuple(data["ige_foods"]),
            coeliac_tested=bool(data["coeliac_tested"]),
            score=float(data["score"]),
            symptoms=tuple(SymptomScore(**s) for s in data["symptoms"]),
            causes=tuple(match(m) for m in data["causes"]),
            conditions=tuple(match(m) for m in data["conditions"]),
            article_symptoms=tuple(match(m) for m in data["article_symptoms"]),
            plan=tuple(PlanStep(p["item_id"], Grade(p["grade"]), float(p["relevance"]), Stance(p["stance"]),
                                tuple(Caution(c) for c in p["cautions"]), tuple(p["relevant_because"]))
                       for p in data["plan"]),
        )


def _answer(raw: Any) -> Answer:
    value: Answer = tuple(raw) if isinstance(raw, list) else raw
    return value


def _jsonable(obj: Any) -> Any:
    if hasattr(obj, "__dataclass_fields__"):
        return {name: _jsonable(getattr(obj, name)) for name in obj.__dataclass_fields__}
    if isinstance(obj, tuple | list):
        return [_jsonable(v) for v in obj]
    return obj


def burden(answers: Mapping[str, Answer]) -> tuple[float, tuple[SymptomScore, ...]]:
    """The zonula symptom burden score (0-100) and each symptom's points (0-10).

    Points = frequency weight / 4 x severity (0-10); the total rescales the sum to 0-100.
    """
    q = questionnaire()
    scores = []
    for s in q.symptoms:
        fq = q.question(f"{s.key}_frequency")
        freq = str(answers.get(fq.id, "never"))
        choice = fq.choice(freq)
        weight = (choice.weight or 0) if choice else 0
        top = max(c.weight or 0 for c in fq.choices)
        severity = answers.get(f"{s.key}_severity", 0) if weight else 0
        sev = int(severity) if isinstance(severity, int) else 0
        scores.append(SymptomScore(s.key, freq, sev, round(weight / top * sev, 2)))
    total = sum(s.points for s in scores) / (SEVERITY_MAX * len(scores)) * SCORE_MAX if scores else 0.0
    return round(total, 1), tuple(scores)


def _causes(answers: Mapping[str, Answer]) -> tuple[Match, ...]:
    kb = knowledge_base()
    out = []
    for item in kb.in_category(Category.CAUSE):
        rule = questionnaire().cause_rules.get(item.id)
        if rule is not None and rule.holds(answers):
            because = tuple(Because(c.question, answers[c.question]) for c in rule.satisfied_by(answers))
            because += tuple(Because(q, True) for q in rule.also_show if answers.get(q) is True)
            out.append(Match(item.id, item.grade, because))
    return tuple(out)


def _linked_items(answers: Mapping[str, Answer]) -> tuple[tuple[Match, ...], tuple[Match, ...]]:
    """The article's conditions the person has, and the article's symptoms they report."""
    kb, q = knowledge_base(), questionnaire()
    found: dict[str, list[Because]] = {}
    for question in q.questions:
        ans = answers.get(question.id)
        if ans is None or ans is False:
            continue
        if question.item and (question.symptom is None or ans != "never"):
            found.setdefault(question.item, []).append(Because(question.id, ans))
        for value in ans if isinstance(ans, tuple) else ():
            choice = question.choice(value)
            if choice and choice.item:
                found.setdefault(choice.item, []).append(Because(question.id, value))
    matches = [Match(i, kb.get(i).grade, tuple(b)) for i, b in found.items()]
    conditions = tuple(m for m in matches if kb.get(m.item_id).category is not Category.SYMPTOM)
    symptoms = tuple(m for m in matches if kb.get(m.item_id).category is Category.SYMPTOM)
    return conditions, symptoms


def _step(item: KnowledgeItem, points: Mapping[str, float], causes: set[str], *,
          red_flags: bool, supervised: bool, coeliac_tested: bool, ige: bool) -> PlanStep:
    hits = [s for s in item.relevance.symptoms if points.get(s, 0) > 0]
    hits += [c for c in item.relevance.causes if c in causes]
    relevance = round(sum(points.get(s, 0) for s in item.relevance.symptoms) / SEVERITY_MAX
                      + sum(1.0 for c in item.relevance.causes if c in causes), 2)
    diet_tool = item.tracked_by == "elimination_plan"
    cautions = []
    if red_flags and diet_tool:
        cautions.append(Caution.RED_FLAGS_FIRST)
    if supervised and (diet_tool or item.dose is not None):
        cautions.append(Caution.SUPERVISED_ONLY)
    if diet_tool and not coeliac_tested:
        cautions.append(Caution.COELIAC_TEST_FIRST)
    if diet_tool and ige:
        cautions.append(Caution.ALLERGY_FOODS_EXCLUDED)
    if item.grade in (Grade.NOT_SUPPORTED, Grade.CONTRADICTED):
        stance = Stance.NOT_RECOMMENDED
    elif Caution.RED_FLAGS_FIRST in cautions:
        stance = Stance.AFTER_DOCTOR
    elif Caution.SUPERVISED_ONLY in cautions:
        stance = Stance.WITH_CLINICIAN
    else:
        stance = Stance.CONSIDER
    return PlanStep(item.id, item.grade, relevance, stance, tuple(cautions), tuple(hits))


def assess(answers: Mapping[str, object]) -> AssessmentResult:
    """Validate answers and build the result; raises ValidationError naming every bad field.

    The plan holds every repair step of the article, best evidence first, then most relevant.
    """
    q = questionnaire()
    clean = q.validate(answers)
    score, symptoms = burden(clean)
    causes = _causes(clean)
    conditions, article_symptoms = _linked_items(clean)
    red_flags = screen(clean)
    supervised = supervision_reasons(clean)
    foods = clean.get("allergic_foods", ())
    ige = food_groups_for(foods) if isinstance(foods, tuple) else ()
    known = clean.get("known_conditions", ())
    coeliac_tested = clean.get("coeliac_tested") == "yes" or (isinstance(known, tuple) and "coeliac" in known)
    points = {s.key: s.points for s in symptoms}
    cause_ids = {m.item_id for m in causes}
    steps = [
        _step(item, points, cause_ids, red_flags=bool(red_flags), supervised=bool(supervised),
              coeliac_tested=coeliac_tested, ige=bool(ige))
        for item in knowledge_base().in_category(Category.REPAIR)
    ]
    order = {s.item_id: n for n, s in enumerate(steps)}
    steps.sort(key=lambda s: (s.grade.rank, -s.relevance, order[s.item_id]))
    return AssessmentResult(q.version, red_flags, supervised, ige, coeliac_tested, score, symptoms,
                            causes, conditions, article_symptoms, tuple(steps))


@dataclass(frozen=True, slots=True)
class AssessmentChange:
    """How a later assessment differs from an earlier one."""

    score_before: float
    score_after: float
    causes_added: tuple[str, ...]
    causes_removed: tuple[str, ...]
    red_flags_added: tuple[str, ...]
    red_flags_removed: tuple[str, ...]

    @property
    def score_change(self) -> float:
        """After minus before (negative means fewer or milder symptoms)."""
        return round(self.score_after - self.score_before, 1)


def compare(before: AssessmentResult, after: AssessmentResult) -> AssessmentChange:
    """Score change, and the causes and red flags that appeared or went away."""
    old_c, new_c = [m.item_id for m in before.causes], [m.item_id for m in after.causes]
    return AssessmentChange(
        before.score, after.score,
        tuple(c for c in new_c if c not in old_c), tuple(c for c in old_c if c not in new_c),
        tuple(f for f in after.red_flags if f not in before.red_flags),
        tuple(f for f in before.red_flags if f not in after.red_flags),
    )
