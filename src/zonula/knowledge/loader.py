"""Read the knowledge base from the YAML files shipped in `knowledge/data/` (cached, checked)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

from zonula.errors import KnowledgeDataError
from zonula.knowledge.model import (
    AdherenceLog,
    Category,
    Grade,
    KnowledgeBase,
    KnowledgeItem,
    Reference,
    Relevance,
    Text,
)

ADHERENCE_KINDS = ("supplement", "practice")
TRACKERS = ("entries", "elimination_plan")


def read_data(name: str) -> Any:
    """Parse one YAML file from the package's `knowledge/data/` folder."""
    source = resources.files("zonula.knowledge").joinpath("data", name)
    return yaml.safe_load(source.read_text(encoding="utf-8"))


def text_of(raw: Any, where: str) -> Text:
    """A bilingual Text from `{en: ..., zh: ...}`; both must be non-empty strings."""
    if not isinstance(raw, dict):
        raise KnowledgeDataError(f"{where}: expected {{en, zh}}, got {raw!r}")
    en, zh = raw.get("en"), raw.get("zh")
    if not (isinstance(en, str) and en.strip() and isinstance(zh, str) and zh.strip()):
        raise KnowledgeDataError(f"{where}: needs non-empty en and zh texts")
    return Text(en.strip(), zh.strip())


@cache
def references() -> dict[str, Reference]:
    """Every citation by key."""
    out: dict[str, Reference] = {}
    for key, raw in read_data("references.yaml").items():
        if isinstance(raw, str):
            out[key] = Reference(key, raw)
        elif isinstance(raw, dict) and isinstance(raw.get("text"), str):
            out[key] = Reference(key, raw["text"], bool(raw.get("unverified", False)))
        else:
            raise KnowledgeDataError(f"references.yaml: {key}: bad citation")
    return out


def resolve_refs(keys: Any, where: str, *, allow_empty: bool = False) -> tuple[Reference, ...]:
    """Look citation keys up; unknown keys (or none, unless allowed) are data errors."""
    if not isinstance(keys, list) or (not keys and not allow_empty):
        raise KnowledgeDataError(f"{where}: needs a list of references")
    refs = references()
    missing = [k for k in keys if k not in refs]
    if missing:
        raise KnowledgeDataError(f"{where}: unknown references {missing}")
    return tuple(refs[k] for k in keys)


def _adherence(raw: Any, where: str) -> tuple[AdherenceLog, ...]:
    logs = []
    for entry in raw or []:
        kind, name = entry.get("kind"), entry.get("name")
        if kind not in ADHERENCE_KINDS or not isinstance(name, str) or not name:
            raise KnowledgeDataError(f"{where}: adherence needs kind in {ADHERENCE_KINDS} and a name")
        logs.append(AdherenceLog(kind, name, tuple(str(a) for a in entry.get("aliases", []))))
    return tuple(logs)


def _item(raw: dict[str, Any]) -> KnowledgeItem:
    item_id = raw.get("id", "?")
    where = f"items.yaml: {item_id}"
    try:
        category = Category(raw["category"])
        grade = Grade(str(raw["grade"]))
    except (KeyError, ValueError) as exc:
        raise KnowledgeDataError(f"{where}: bad category or grade ({exc})") from None
    if not str(item_id).startswith(category.value + "."):
        raise KnowledgeDataError(f"{where}: id must start with '{category.value}.'")
    context = text_of(raw["context"], f"{where}.context") if "context" in raw else None
    if (grade is Grade.NARROW) != (context is not None):
        raise KnowledgeDataError(f"{where}: a context is required for grade A*, and only for it")
    optional = {k: text_of(raw[k], f"{where}.{k}") if k in raw else None for k in ("note", "dose")}
    rel = raw.get("relevant_to") or {}
    tracked_by = raw.get("tracked_by", "entries" if raw.get("adherence") else None)
    if tracked_by is not None and tracked_by not in TRACKERS:
        raise KnowledgeDataError(f"{where}: tracked_by must be one of {TRACKERS}")
    return KnowledgeItem(
        id=item_id,
        category=category,
        name=text_of(raw.get("name"), f"{where}.name"),
        claim=text_of(raw.get("claim"), f"{where}.claim"),
        grade=grade,
        rationale=text_of(raw.get("rationale"), f"{where}.rationale"),
        references=resolve_refs(raw.get("refs"), where),
        context=context,
        note=optional["note"],
        dose=optional["dose"],
        adherence=_adherence(raw.get("adherence"), where),
        tracked_by=tracked_by,
        relevance=Relevance(tuple(rel.get("symptoms") or ()), tuple(rel.get("causes") or ())),
    )


@cache
def knowledge_base() -> KnowledgeBase:
    """The whole knowledge base, parsed and checked once per process."""
    items = tuple(_item(raw) for raw in read_data("items.yaml"))
    ids = [i.id for i in items]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise KnowledgeDataError(f"items.yaml: duplicate ids {dupes}")
    for item in items:
        if item.category is Category.REPAIR and (item.note is None or item.tracked_by is None):
            raise KnowledgeDataError(f"items.yaml: {item.id}: a repair step needs a note and a tracker")
        unknown = [c for c in item.relevance.causes if c not in ids]
        if unknown:
            raise KnowledgeDataError(f"items.yaml: {item.id}: relevant_to names unknown causes {unknown}")
    return KnowledgeBase(items, references())
