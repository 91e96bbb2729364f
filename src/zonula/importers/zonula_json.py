"""zonula JSON: the full export (`zonula export json`), re-imported losslessly and idempotently."""

from __future__ import annotations

import json
from datetime import tzinfo
from pathlib import Path
from typing import Any

from zonula.domain.entries import Entry, parse_kind, validate
from zonula.domain.timeparse import parse_timestamp
from zonula.errors import FieldProblem, ValidationError
from zonula.i18n import _
from zonula.importers.base import ImportedRow, KeyCounter, ParseResult, Progress

FORMAT = "zonula"
HEADER = frozenset({"format", "version", "zonula_version", "exported_at", "entries"})


def _num(raw: Any, name: str) -> float | None:
    if raw is None or raw == "":
        return None
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise ValidationError([FieldProblem(name, f"{raw!r} is not a number")])
    return float(raw)


def entry_from_json(item: dict[str, Any], *, tz: tzinfo) -> Entry:
    """One entry from an exported JSON object."""
    if not isinstance(item, dict):
        raise ValidationError([FieldProblem("entry", _("is not an object"))])
    at = parse_timestamp(str(item.get("timestamp", "")), tz=tz)
    recorded_raw = item.get("recorded_at")
    recorded = parse_timestamp(str(recorded_raw), tz=tz, field="recorded_at") if recorded_raw else None
    entry = Entry(
        kind=parse_kind(str(item.get("kind", ""))),
        at=at,
        name=str(item.get("name") or ""),
        value=_num(item.get("value"), "value"),
        unit=str(item.get("unit") or ""),
        note=str(item.get("note") or ""),
        quality=_num(item.get("quality"), "quality"),
        recorded_at=recorded,
        source=str(item.get("source") or "zonula"),
        source_key=item.get("source_key") or None,
        original=item.get("original") if isinstance(item.get("original"), dict) else None,
    )
    return validate(entry)


class ZonulaJsonImporter:
    """zonula's JSON export: every entry with its source, key and original values."""

    name = "json"
    description = "zonula JSON export (everything)"
    source = "zonula-json"

    def parse(self, path: Path, *, tz: tzinfo, progress: Progress | None = None) -> ParseResult:
        """Read an export; entries without a key get one from their content."""
        result = ParseResult()
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
            line = getattr(err, "lineno", 1)
            result.problems.append(FieldProblem("file", _("is not a zonula JSON export ({reason})").format(reason=err),
                                                f"{path.name}:{line}"))
            return result
        entries = doc.get("entries") if isinstance(doc, dict) else None
        if not isinstance(entries, list) or (isinstance(doc, dict) and doc.get("format") != FORMAT):
            result.problems.append(FieldProblem("file", _("has no zonula `entries` list"),
                                                f"{path.name}:1"))
            return result
        result.extra = {k: v for k, v in doc.items() if k not in HEADER}
        keys = KeyCounter()
        for index, item in enumerate(entries):
            where = f"{path.name}:entries[{index}]"
            result.lines_read += 1
            try:
                entry = entry_from_json(item, tz=tz)
            except ValidationError as err:
                result.problems += [FieldProblem(p.field, p.message, where) for p in err.problems]
                continue
            if entry.source_key is None:
                entry = entry.with_changes(source_key=keys.key(
                    self.source, entry.at.isoformat(), entry.kind, entry.name, entry.value, entry.unit,
                    entry.note, entry.quality))
            result.rows.append(ImportedRow(entry, where))
            if progress and index % 5000 == 0:
                progress(index, len(entries))
        return result


