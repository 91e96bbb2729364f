"""Read Open Food Facts taxonomy files (ingredients.txt, categories.txt) into plain entries."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class OffEntry:
    """One taxonomy entry: its id, parent ids, names per language and properties."""

    id: str
    parents: list[str] = field(default_factory=list)
    names: dict[str, list[str]] = field(default_factory=dict)
    props: dict[str, str] = field(default_factory=dict)


def _canonical(lang: str, name: str) -> str:
    return f"{lang}:{name.strip().lower().replace(' ', '-')}"


def read_taxonomy(path: Path) -> dict[str, OffEntry]:
    """Parse a taxonomy file; entries keyed by canonical id (`en:soy-milk`)."""
    entries: dict[str, OffEntry] = {}
    block: list[str] = []

    def flush() -> None:
        parents: list[str] = []
        names: dict[str, list[str]] = {}
        props: dict[str, str] = {}
        for line in block:
            if line.startswith("<"):
                parents.append(line[1:].strip().lower().replace(" ", "-"))
                continue
            head, sep, rest = line.partition(":")
            if not sep:
                continue
            if head in ("synonyms", "stopwords"):
                return
            if ":" in rest and len(head) > 3:  # property line `prop:lang: value`
                lang, _, value = rest.partition(":")
                props[f"{head}:{lang}"] = value.strip()
                continue
            terms = [t.strip() for t in rest.split(",") if t.strip()]
            if terms:
                names.setdefault(head.strip(), []).extend(terms)
        if not names:
            return
        first_lang = next(iter(names))
        entry_id = _canonical(first_lang, names[first_lang][0])
        entries[entry_id] = OffEntry(entry_id, parents, names, props)

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            if block:
                flush()
            block = []
            continue
        if line.startswith("#"):
            continue
        block.append(line)
    if block:
        flush()
    return entries
