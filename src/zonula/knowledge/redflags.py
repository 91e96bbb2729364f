"""The red-flag screen and supervision rules: when to see a doctor before using diet tools."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from zonula.errors import KnowledgeDataError
from zonula.knowledge.loader import read_data, resolve_refs, text_of
from zonula.knowledge.model import Reference, Text
from zonula.knowledge.questionnaire import Answer, Rule, rule_of


@dataclass(frozen=True, slots=True)
class SafetyRule:
    """A red flag or a supervision reason: its key, the rule that raises it, its reason and sources."""

    key: str
    rule: Rule
    reason: Text
    references: tuple[Reference, ...]


@dataclass(frozen=True, slots=True)
class SafetyRules:
    """All red flags, supervision rules, and the words that map foods to food groups."""

    red_flags: tuple[SafetyRule, ...]
    supervision: tuple[SafetyRule, ...]
    allergen_groups: dict[str, tuple[str, ...]]

    def red_flag(self, key: str) -> SafetyRule:
        """The red flag with this key; KeyError when there is none."""
        return _by_key(self.red_flags, key)

    def supervision_rule(self, key: str) -> SafetyRule:
        """The supervision rule with this key; KeyError when there is none."""
        return _by_key(self.supervision, key)


def _by_key(rules: tuple[SafetyRule, ...], key: str) -> SafetyRule:
    for rule in rules:
        if rule.key == key:
            return rule
    raise KeyError(key)


def _rules(raw: list[dict[str, object]], section: str, *, allow_no_refs: bool) -> tuple[SafetyRule, ...]:
    out = []
    for entry in raw:
        key = str(entry["key"])
        where = f"redflags.yaml: {section}.{key}"
        out.append(SafetyRule(key, rule_of(entry, where), text_of(entry, where),
                              resolve_refs(entry.get("refs"), where, allow_empty=allow_no_refs)))
    keys = [r.key for r in out]
    if len(keys) != len(set(keys)):
        raise KnowledgeDataError(f"redflags.yaml: duplicate keys in {section}")
    return tuple(out)


@cache
def safety_rules() -> SafetyRules:
    """The red flags and supervision rules, parsed once per process."""
    data = read_data("redflags.yaml")
    groups = {str(g): tuple(str(w).lower() for w in words) for g, words in data["allergen_groups"].items()}
    return SafetyRules(
        _rules(data["red_flags"], "red_flags", allow_no_refs=False),
        _rules(data["supervision"], "supervision", allow_no_refs=True),
        groups,
    )


def screen(answers: Mapping[str, Answer]) -> tuple[str, ...]:
    """The keys of every red flag raised by these (validated) answers, in the screen's order.

    Any key means: see a doctor before using the diet tools. This screens; it does not decide
    what is wrong.
    """
    return tuple(r.key for r in safety_rules().red_flags if r.rule.holds(answers))


def supervision_reasons(answers: Mapping[str, Answer]) -> tuple[str, ...]:
    """The keys of every reason for clinician-supervised use only (age, pregnancy, eating disorder)."""
    return tuple(r.key for r in safety_rules().supervision if r.rule.holds(answers))


def food_groups_for(foods: Iterable[str]) -> tuple[str, ...]:
    """Map foods named after an allergic-type reaction to food-group ids; unknown foods stay as typed.

    "Peanuts" and "花生" both become `peanut`, so the whole group is kept out of challenges.
    """
    groups = safety_rules().allergen_groups
    out: list[str] = []
    for food in foods:
        word = food.strip().lower()
        if not word:
            continue
        found = next((g for g, words in groups.items() if word == g or word in words), None)
        out.append(found or word)
    return tuple(dict.fromkeys(out))
