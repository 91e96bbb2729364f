"""The knowledge base's shapes: evidence grades, bilingual texts, references and graded items."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from zonula.i18n import pick


class Grade(StrEnum):
    """How well the evidence supports one of the article's claims."""

    ESTABLISHED = "A"
    NARROW = "A*"
    LIMITED = "C"
    NOT_SUPPORTED = "D"
    CONTRADICTED = "X"

    @property
    def rank(self) -> int:
        """0 for the strongest grade (A), 4 for the weakest (X): sorts plans best-supported first."""
        return list(Grade).index(self)


class Category(StrEnum):
    """The parts of the article an item belongs to."""

    MODEL = "model"
    CAUSE = "cause"
    CONDITION = "condition"
    SYMPTOM = "symptom"
    TREATMENT = "treatment"
    REPAIR = "repair"


@dataclass(frozen=True, slots=True)
class Text:
    """One sentence or name in English and Simplified Chinese."""

    en: str
    zh: str

    def __str__(self) -> str:
        return pick(self.en, self.zh)

    def as_dict(self) -> dict[str, str]:
        """Both languages, for JSON."""
        return {"en": self.en, "zh": self.zh}


@dataclass(frozen=True, slots=True)
class Reference:
    """A full citation; `unverified` when the author list or a detail could not be checked."""

    key: str
    text: str
    unverified: bool = False


@dataclass(frozen=True, slots=True)
class AdherenceLog:
    """The diary entry that shows a repair step was done: a supplement or practice by name."""

    kind: str
    name: str
    aliases: tuple[str, ...] = ()

    def matches(self, kind: str, name: str) -> bool:
        """True when an entry of `kind` named `name` logs this step (case and spacing ignored)."""
        if kind != self.kind:
            return False
        wanted = _squash(name)
        return wanted == _squash(self.name) or any(wanted == _squash(a) for a in self.aliases)


def _squash(text: str) -> str:
    return "".join(ch for ch in text.strip().lower() if ch not in " _-")


@dataclass(frozen=True, slots=True)
class Relevance:
    """The symptoms (diary keys) and causes (item ids) that make a repair step more relevant."""

    symptoms: tuple[str, ...] = ()
    causes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class KnowledgeItem:
    """One claim of the article with its evidence grade.

    Attributes:
        id: dotted id, `<category>.<name>`.
        category: which part of the article it comes from.
        name: a short title.
        claim: what the article says, paraphrased (not what is true).
        grade: the evidence grade.
        context: for grade A*, the narrow context in which the claim holds.
        rationale: one line on what the evidence shows.
        references: at least one full citation.
        note: the honest advice shown with the item (always present for repair steps).
        dose: for supplements, a typical dose range (information, not a prescription).
        adherence: the diary entries that log this step.
        tracked_by: `entries` (supplement/practice entries) or `elimination_plan`.
        relevance: what makes a repair step relevant to a person.
    """

    id: str
    category: Category
    name: Text
    claim: Text
    grade: Grade
    rationale: Text
    references: tuple[Reference, ...]
    context: Text | None = None
    note: Text | None = None
    dose: Text | None = None
    adherence: tuple[AdherenceLog, ...] = ()
    tracked_by: str | None = None
    relevance: Relevance = field(default_factory=Relevance)

    def as_dict(self) -> dict[str, object]:
        """Everything about the item, both languages, for JSON output."""
        out: dict[str, object] = {
            "id": self.id,
            "category": self.category.value,
            "name": self.name.as_dict(),
            "claim": self.claim.as_dict(),
            "grade": self.grade.value,
            "context": self.context.as_dict() if self.context else None,
            "rationale": self.rationale.as_dict(),
            "note": self.note.as_dict() if self.note else None,
            "references": [{"key": r.key, "text": r.text, "unverified": r.unverified}
                           for r in self.references],
        }
        if self.category is Category.REPAIR:
            out["dose"] = self.dose.as_dict() if self.dose else None
            out["tracked_by"] = self.tracked_by
            out["adherence"] = [{"kind": a.kind, "name": a.name, "aliases": list(a.aliases)}
                                for a in self.adherence]
        return out


@dataclass(frozen=True, slots=True)
class KnowledgeBase:
    """All items, in the article's order, with look-ups by id and category."""

    items: tuple[KnowledgeItem, ...]
    references: dict[str, Reference] = field(default_factory=dict)

    def get(self, item_id: str) -> KnowledgeItem:
        """The item with this id; KeyError when there is none."""
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    def in_category(self, category: Category) -> tuple[KnowledgeItem, ...]:
        """The items of one category, in the article's order."""
        return tuple(i for i in self.items if i.category is category)

    def search(self, topic: str) -> tuple[KnowledgeItem, ...]:
        """Items matching a topic: a category, an id, an id's last part, or words of a name.

        Matching ignores case; Chinese names match by substring.
        """
        key = topic.strip().lower()
        if not key:
            return self.items
        singular = key[:-1] if key.endswith("s") else key
        for cat in Category:
            if key == cat.value or singular == cat.value:
                return self.in_category(cat)
        exact = [i for i in self.items if key in (i.id, i.id.split(".", 1)[1])]
        if exact:
            return tuple(exact)
        norm = key.replace("_", " ").replace("-", " ")
        return tuple(
            i for i in self.items
            if norm in i.name.en.lower().replace("-", " ") or topic.strip() in i.name.zh
            or norm in i.id.split(".", 1)[1].replace("_", " ")
        )

    def repair_step_for(self, kind: str, name: str) -> tuple[KnowledgeItem, ...]:
        """The repair steps that a diary entry (`supplement`/`practice` and its name) logs."""
        return tuple(i for i in self.in_category(Category.REPAIR)
                     if any(a.matches(kind, name) for a in i.adherence))
