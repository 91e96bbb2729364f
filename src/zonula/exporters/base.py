"""What exporters receive: a person's whole diary as plain data, and the exporter protocol."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import IO, Any, Protocol

from zonula.domain.entries import Entry


@dataclass(slots=True)
class ExportBundle:
    """Everything of one person that an export may carry.

    `extra` holds the other areas' data as JSON-ready dicts (parsed items, user foods, assessments,
    plans, verdicts), each area adding its own key.
    """

    username: str
    display_name: str
    timezone: str | None
    language: str | None
    entries: list[Entry]
    extra: dict[str, Any] = field(default_factory=dict)


class Exporter(Protocol):
    """An output format: a name, a description and a writer to a binary stream."""

    name: str
    description: str
    binary: bool

    def write(self, bundle: ExportBundle, out: IO[bytes]) -> None:
        """Write the bundle."""
        ...


def entry_json(entry: Entry) -> dict[str, Any]:
    """The JSON form of an entry shared by `zonula diary --format json` and the JSON export."""
    drug = entry.drug_class
    return {
        "id": entry.id,
        "kind": entry.kind.value,
        "timestamp": entry.at.isoformat(),
        "name": entry.name,
        "value": entry.value,
        "unit": entry.unit,
        "note": entry.note,
        "quality": entry.quality,
        "drug_class": drug.value if drug else None,
        "recorded_at": entry.recorded_at.isoformat() if entry.recorded_at else None,
        "backfilled": entry.backfilled,
        "source": entry.source,
        "source_key": entry.source_key,
        "original": entry.original,
    }
