"""The assessment questionnaire as data: questions, answer types, rules, and answer validation."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any

from zonula.errors import FieldProblem, KnowledgeDataError, ValidationError
from zonula.i18n import _
from zonula.knowledge.loader import read_data, text_of
from zonula.knowledge.model import Text

Answer = bool | int | str | tuple[str, ...]

YES_WORDS = frozenset({"yes", "y", "true", "1", "是", "有", "对"})
NO_WORDS = frozenset({"no", "n", "false", "0", "否", "没有", "无", "不是"})
_LIST_SPLIT = re.compile(r"[,，、;；\n]+")
MAX_LIST_TEXT = 100


class AnswerType(StrEnum):
    """The kinds of answer a question takes."""

    YESNO = "yesno"
    CHOICE = "choice"
    MULTI = "multi"
    INT = "int"
    TEXT_LIST = "text_list"


@dataclass(frozen=True, slots=True)
class Choice:
    """One allowed value of a choice question, its label, and the article item it points to."""

    value: str
    label: Text
    item: str | None = None
    weight: int | None = None


@dataclass(frozen=True, slots=True)
class Condition:
    """One test on the answers: `question op value`, or a count of yes answers."""

    op: str
    value: Any
    question: str = ""
    questions: tuple[str, ...] = ()

    def holds(self, answers: Mapping[str, Answer]) -> bool:
        """Evaluate against normalised answers; a missing answer never satisfies a condition."""
        if self.op == "count_true":
            return sum(answers.get(q) is True for q in self.questions) >= int(self.value)
        if self.question not in answers:
            return False
        got = answers[self.question]
        if self.op == "equals":
            return bool(got == self.value)
        if self.op == "in":
            return bool(got in self.value)
        if self.op == "includes_any":
            return isinstance(got, tuple) and any(v in got for v in self.value)
        if isinstance(got, bool) or not isinstance(got, int):
            return False
        return bool(got >= self.value) if self.op == "at_least" else bool(got < self.value)


_OPS = ("equals", "in", "at_least", "below", "includes_any")


@dataclass(frozen=True, slots=True)
class Rule:
    """True when every `when_all` condition holds and, if any are given, one `when_any` holds."""

    when_all: tuple[Condition, ...] = ()
    when_any: tuple[Condition, ...] = ()
    also_show: tuple[str, ...] = ()

    def holds(self, answers: Mapping[str, Answer]) -> bool:
        """Evaluate the rule against normalised answers."""
        if not all(c.holds(answers) for c in self.when_all):
            return False
        return not self.when_any or any(c.holds(answers) for c in self.when_any)

    def satisfied_by(self, answers: Mapping[str, Answer]) -> tuple[Condition, ...]:
        """The conditions that hold (to explain why the rule matched)."""
        return tuple(c for c in (*self.when_all, *self.when_any) if c.holds(answers))

    def question_ids(self) -> set[str]:
        """Every question the rule reads."""
        out: set[str] = set(self.also_show)
        for c in (*self.when_all, *self.when_any):
            out.update((c.question,) if c.question else c.questions)
        return out


def _condition(raw: dict[str, Any], where: str) -> Condition:
    if "count_true" in raw:
        return Condition("count_true", int(raw["at_least"]), questions=tuple(raw["count_true"]))
    ops = [op for op in _OPS if op in raw]
    if "question" not in raw or len(ops) != 1:
        raise KnowledgeDataError(f"{where}: a condition needs a question and one of {_OPS}")
    value = raw[ops[0]]
    return Condition(ops[0], tuple(value) if isinstance(value, list) else value, question=raw["question"])


def rule_of(raw: Any, where: str) -> Rule:
    """Parse `{when_all: [...], when_any: [...]}`; at least one condition is required."""
    if not isinstance(raw, dict):
        raise KnowledgeDataError(f"{where}: a rule needs when_all or when_any")
    rule = Rule(tuple(_condition(c, where) for c in raw.get("when_all") or ()),
                tuple(_condition(c, where) for c in raw.get("when_any") or ()),
                tuple(raw.get("also_show") or ()))
    if not rule.when_all and not rule.when_any:
        raise KnowledgeDataError(f"{where}: a rule needs at least one condition")
    return rule


@dataclass(frozen=True, slots=True)
class Question:
    """One question: id, section, bilingual text, answer type and allowed values."""

    id: str
    section: str
    type: AnswerType
    text: Text
    choices: tuple[Choice, ...] = ()
    min: int | None = None
    max: int | None = None
    ask_if: Rule | None = None
    item: str | None = None
    symptom: str | None = None

    def is_asked(self, answers: Mapping[str, Answer]) -> bool:
        """Whether the question applies, given the answers so far."""
        return self.ask_if is None or self.ask_if.holds(answers)

    def choice(self, value: str) -> Choice | None:
        """The choice with this value, if any."""
        return next((c for c in self.choices if c.value == value), None)

    def parse(self, raw: object) -> Answer:
        """Normalise one raw answer (JSON value or typed text); ValueError names what is wrong."""
        if self.type is AnswerType.YESNO:
            return _parse_yesno(raw)
        if self.type is AnswerType.INT:
            return _parse_int(raw, self.min or 0, self.max if self.max is not None else 10**6)
        if self.type is AnswerType.CHOICE:
            return self._parse_value(raw)
        items = _as_list(raw)
        if self.type is AnswerType.MULTI:
            values = [self._parse_value(v) for v in items if str(v).strip().lower() not in ("", "none")]
            return tuple(dict.fromkeys(values))
        texts = tuple(dict.fromkeys(t for t in (str(v).strip() for v in items) if t))
        if not texts:
            raise ValueError(_("name at least one"))
        if any(len(t) > MAX_LIST_TEXT for t in texts):
            raise ValueError(_("each text must be at most {n} characters").format(n=MAX_LIST_TEXT))
        return texts

    def _parse_value(self, raw: object) -> str:
        allowed = [c.value for c in self.choices]
        text = str(raw).strip().lower() if isinstance(raw, str) else None
        if text in allowed:
            return text
        if "yes" in allowed and "no" in allowed:
            # Choices that extend yes/no ("not tested", "unsure") also take yes/no words and booleans.
            try:
                return "yes" if _parse_yesno(raw) else "no"
            except ValueError:
                pass
        raise ValueError(_("must be one of: {allowed}").format(allowed=", ".join(allowed)))


def _parse_yesno(raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str):
        word = raw.strip().lower()
        if word in YES_WORDS:
            return True
        if word in NO_WORDS:
            return False
    raise ValueError(_("must be yes or no"))


def _parse_int(raw: object, low: int, high: int) -> int:
    value: float | None = None
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        value = float(raw)
    elif isinstance(raw, str):
        try:
            value = float(raw.strip())
        except ValueError:
            value = None
    if value is None or not math.isfinite(value) or value != int(value) or not low <= value <= high:
        raise ValueError(_("must be a whole number from {low} to {high}").format(low=low, high=high))
    return int(value)


def _as_list(raw: object) -> list[object]:
    if isinstance(raw, str):
        return list(_LIST_SPLIT.split(raw))
    if isinstance(raw, list | tuple):
        return list(raw)
    raise ValueError(_("must be a list"))


@dataclass(frozen=True, slots=True)
class SymptomDef:
    """A symptom counted in the burden score, with its article item if the article names it."""

    key: str
    name: Text
    item: str | None = None


@dataclass(frozen=True, slots=True)
class Questionnaire:
    """The whole questionnaire: its version, questions in asking order, symptoms, cause rules."""

    version: int
    questions: tuple[Question, ...]
    symptoms: tuple[SymptomDef, ...]
    cause_rules: dict[str, Rule]

    def question(self, question_id: str) -> Question:
        """The question with this id; KeyError when there is none."""
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)

    def validate(self, answers: Mapping[str, object]) -> dict[str, Answer]:
        """Normalise a whole answers dict, or raise ValidationError naming every bad field.

        Questions whose `ask_if` does not hold are skipped (and their answers dropped).
        """
        if not isinstance(answers, Mapping):
            raise ValidationError([FieldProblem("answers", _("must be an object of answers"))])
        problems: list[FieldProblem] = []
        known = {q.id for q in self.questions}
        problems += [FieldProblem(str(k), _("is not a question of this assessment"))
                     for k in answers if k not in known]
        clean: dict[str, Answer] = {}
        for q in self.questions:
            if not q.is_asked(clean):
                continue
            if q.id not in answers or answers[q.id] is None:
                problems.append(FieldProblem(q.id, _("is required")))
                continue
            try:
                clean[q.id] = q.parse(answers[q.id])
            except ValueError as exc:
                problems.append(FieldProblem(q.id, str(exc)))
        if problems:
            raise ValidationError(problems)
        return clean


def _choices(raw: Any, where: str) -> tuple[Choice, ...]:
    return tuple(
        Choice(str(c["value"]), text_of(c, f"{where}.{c.get('value')}"), c.get("item"), c.get("weight"))
        for c in raw or ()
    )


def _symptom_questions(data: dict[str, Any], symptoms: tuple[SymptomDef, ...]) -> list[Question]:
    freq = _choices(data["frequency_choices"], "frequency_choices")
    some = tuple(c.value for c in freq if c.weight)
    f_text, s_text = data["symptom_frequency_text"], data["symptom_severity_text"]
    out: list[Question] = []
    for s in symptoms:
        fid = f"{s.key}_frequency"
        out.append(Question(fid, "symptoms", AnswerType.CHOICE,
                            Text(f_text["en"].format(name=s.name.en), f_text["zh"].format(name=s.name.zh)),
                            choices=freq, item=s.item, symptom=s.key))
        out.append(Question(f"{s.key}_severity", "symptoms", AnswerType.INT,
                            Text(s_text["en"].format(name=s.name.en), s_text["zh"].format(name=s.name.zh)),
                            min=0, max=10, ask_if=Rule((Condition("in", some, question=fid),)),
                            symptom=s.key))
    return out


@cache
def questionnaire() -> Questionnaire:
    """The questionnaire, parsed and checked once per process."""
    data = read_data("questionnaire.yaml")
    symptoms = tuple(SymptomDef(s["key"], text_of(s, f"symptoms.{s['key']}"), s.get("item"))
                     for s in data["symptoms"])
    questions = _symptom_questions(data, symptoms)
    for raw in data["questions"]:
        where = f"questionnaire.yaml: {raw.get('id')}"
        qtype = AnswerType(raw["type"])
        choices = _choices(raw.get("choices"), where)
        if (qtype in (AnswerType.CHOICE, AnswerType.MULTI)) != bool(choices):
            raise KnowledgeDataError(f"{where}: choices go with choice and multi questions only")
        questions.append(Question(
            raw["id"], raw["section"], qtype, text_of(raw, where), choices,
            raw.get("min"), raw.get("max"),
            rule_of(raw["ask_if"], where) if "ask_if" in raw else None, raw.get("item"),
        ))
    rules = {cid: rule_of(raw, f"cause_rules.{cid}") for cid, raw in data["cause_rules"].items()}
    result = Questionnaire(int(data["version"]), tuple(questions), symptoms, rules)
    ids = [q.id for q in result.questions]
    if len(ids) != len(set(ids)):
        raise KnowledgeDataError("questionnaire.yaml: duplicate question ids")
    for cid, rule in rules.items():
        if not rule.question_ids() <= set(ids):
            raise KnowledgeDataError(f"cause_rules.{cid}: reads an unknown question")
    return result
