"""zonula CSV writer: `timestamp,kind,name,value,unit,note` (docs/zonula-csv.md)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import IO

from zonula.domain.entries import Entry, EntryKind
from zonula.exporters.base import ExportBundle

HEADER = ("timestamp", "kind", "name", "value", "unit", "note")


def format_number(value: float | None) -> str:
    """Shortest exact text of a number (`6`, `6.5`), empty for None."""
    if value is None:
        return ""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def csv_record(entry: Entry) -> list[str]:
    """The six CSV fields of one entry."""
    name = entry.name
    if entry.kind is EntryKind.SLEEP:
        name = format_number(entry.quality)
    return [entry.at.isoformat(), entry.kind.value, name, format_number(entry.value), entry.unit, entry.note]


def write_csv(entries: Iterable[Entry], out: IO[str]) -> None:
    """Write entries as zonula CSV text."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(csv_record(e) for e in entries)


class ZonulaCsvExporter:
    """zonula CSV: the diary's entries, one row each."""

    name = "csv"
    description = "zonula CSV (entries only)"
    binary = False

    def write(self, bundle: ExportBundle, out: IO[bytes]) -> None:
        """Write UTF-8 CSV."""
        text = io.StringIO()
        write_csv(bundle.entries, text)
        out.write(text.getvalue().encode("utf-8"))
