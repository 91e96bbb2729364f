"""zonula CSV: `timestamp,kind,name,value,unit,note`, UTF-8 (docs/zonula-csv.md)."""

from __future__ import annotations

import csv
import io
import math
from datetime import tzinfo
from pathlib import Path

from zonula.domain.entries import Entry, EntryKind, parse_kind
from zonula.domain.timeparse import parse_timestamp
from zonula.errors import FieldProblem, ValidationError
from zonula.i18n import _
from zonula.importers.base import ImportedRow, KeyCounter, ParseResult, Progress

HEADER = ("timestamp", "kind", "name", "value", "unit", "note")


def _number(text: str) -> float | None:
    raw = text.strip()
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise ValidationError([FieldProblem("value", _("{text!r} is not a number").format(text=raw))]) from None
    if not math.isfinite(value):
        raise ValidationError([FieldProblem("value", _("{text!r} is not a finite number").format(text=raw))])
    return value


def entry_from_fields(fields: dict[str, str], *, tz: tzinfo, source: str = "zonula-csv",
                      source_key: str | None = None) -> Entry:
    """One entry from a zonula CSV record (validated later by the facade); ValidationError names bad fields."""
    problems: list[FieldProblem] = []
    at = kind = value = None
    try:
        at = parse_timestamp(fields.get("timestamp", ""), tz=tz)
    except ValidationError as err:
        problems += err.problems
    try:
        kind = parse_kind(fields.get("kind", ""))
    except ValidationError as err:
        problems += err.problems
    try:
        value = _number(fields.get("value", ""))
    except ValidationError as err:
        problems += err.problems
    if problems or at is None or kind is None:
        raise ValidationError(problems)
    name = fields.get("name", "")
    quality = None
    if kind is EntryKind.SLEEP and name.strip():
        # Sleep keeps its optional quality (0-10) in the name column.
        try:
            quality = _number(name)
        except ValidationError:
            message = _("sleep quality {text!r} is not a number").format(text=name)
            raise ValidationError([FieldProblem("name", message)]) from None
        name = ""
    return Entry(kind=kind, at=at, name=name, value=value, unit=fields.get("unit", ""),
                 note=fields.get("note", ""), quality=quality, source=source, source_key=source_key)


class ZonulaCsvImporter:
    """zonula's own CSV (what `zonula export csv` writes)."""

    name = "csv"
    description = "zonula CSV (timestamp,kind,name,value,unit,note)"
    source = "zonula-csv"

    def parse(self, path: Path, *, tz: tzinfo, progress: Progress | None = None) -> ParseResult:
        """Read a zonula CSV file; each bad row becomes a `file:line` problem."""
        result = ParseResult()
        keys = KeyCounter()
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as err:
            result.problems.append(FieldProblem("file", _("is not UTF-8 text ({reason})").format(reason=err.reason),
                                                f"{path.name}:1"))
            return result
        except OSError as err:
            message = _("cannot be read ({reason})").format(reason=err.strerror)
            result.problems.append(FieldProblem("file", message, path.name))
            return result
        total = text.count("\n") + 1
        reader = csv.reader(io.StringIO(text, newline=""))
        try:
            header = [h.strip().lower() for h in next(reader)]
        except StopIteration:
            result.problems.append(FieldProblem("file", _("is empty (expected a header)"), f"{path.name}:1"))
            return result
        except csv.Error as err:
            result.problems.append(FieldProblem("header", str(err), f"{path.name}:1"))
            return result
        missing = [h for h in ("timestamp", "kind") if h not in header]
        if missing:
            result.problems.append(FieldProblem(
                "header", _("missing column(s) {missing}; expected {header}").format(
                    missing=", ".join(missing), header=",".join(HEADER)),
                f"{path.name}:1"))
            return result
        name = path.name
        columns = [header.index(h) if h in header else None for h in HEADER]
        while True:
            line_no = reader.line_num + 1
            try:
                record = next(reader)
            except StopIteration:
                break
            except csv.Error as err:
                result.problems.append(FieldProblem("row", _("malformed CSV ({reason})").format(reason=err),
                                                    f"{name}:{line_no}"))
                continue
            line_no = reader.line_num
            result.lines_read += 1
            if progress and result.lines_read % 5000 == 0:
                progress(line_no, total)
            if not "".join(record).strip():
                continue
            where = f"{name}:{line_no}"
            if len(record) != len(header):
                result.problems.append(FieldProblem(
                    "row", _("has {n} fields, the header has {m}").format(n=len(record), m=len(header)), where))
                continue
            fields = dict(zip(header, record, strict=True))
            key = keys.key(self.source, *(record[i] if i is not None else "" for i in columns))
            try:
                entry = entry_from_fields(fields, tz=tz, source=self.source, source_key=key)
            except ValidationError as err:
                result.problems += [FieldProblem(p.field, p.message, where) for p in err.problems]
                continue
            result.rows.append(ImportedRow(entry, where))
        if progress:
            progress(total, total)
        return result
