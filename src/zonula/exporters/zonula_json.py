"""zonula JSON: everything of one person, re-importable without loss."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import IO

import zonula
from zonula.exporters.base import ExportBundle, entry_json


class ZonulaJsonExporter:
    """The full JSON export."""

    name = "json"
    description = "zonula JSON (everything: entries and every area's data)"
    binary = False

    def write(self, bundle: ExportBundle, out: IO[bytes]) -> None:
        """Write the bundle as one JSON document."""
        doc = {
            "format": "zonula",
            "version": 1,
            "zonula_version": zonula.__version__,
            "exported_at": datetime.now(UTC).isoformat(),
            "user": {
                "username": bundle.username,
                "display_name": bundle.display_name,
                "timezone": bundle.timezone,
                "language": bundle.language,
            },
            "entries": [entry_json(e) for e in bundle.entries],
        }
        clash = sorted(doc.keys() & bundle.extra.keys())
        if clash:  # an area's key must never overwrite the entries or the header
            raise ValueError(f"export extra keys clash with reserved keys: {clash}")
        doc.update(bundle.extra)
        out.write(json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8"))
