"""Reading other apps' files: zips and folders, encodings, CSV tables by header name, clocks, numbers."""

from __future__ import annotations

import codecs
import csv
import io
import math
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo
from functools import lru_cache
from pathlib import Path

from zonula.domain.timeparse import localise
from zonula.errors import FieldProblem, ValidationError
from zonula.i18n import _
from zonula.importers.base import ParseResult, Progress

MAX_MEMBER_BYTES = 2_000_000_000  # refuse zip members that claim more (zip bombs)
PROGRESS_EVERY = 2000


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One file to read: its name for `file:line` locations and its bytes."""

    name: str
    data: bytes

#: What a damaged, encrypted or exotic zip raises while it is opened or read.
ZIP_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError, zlib.error, RuntimeError)


def _problem(result: ParseResult, where: str, field: str, message: str) -> None:
    result.problems.append(FieldProblem(field, message, where))


def open_sources(path: Path, result: ParseResult, *, suffixes: tuple[str, ...] = (".csv",)) -> list[SourceFile]:
    """The files inside `path`: the file itself, or the matching members of a folder or zip.

    Unreadable paths and broken zips become problems; the list is then empty.
    """
    try:
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in suffixes
                           and not p.name.startswith("."))
            return [SourceFile(str(p.relative_to(path)), p.read_bytes()) for p in files]
        if zipfile.is_zipfile(path):
            return _zip_members(path, result, suffixes)
        return [SourceFile(path.name, path.read_bytes())]
    except OSError as err:
        _problem(result, path.name, "file", _("cannot be read ({reason})").format(reason=err.strerror or err))
    return []


def _zip_members(path: Path, result: ParseResult, suffixes: tuple[str, ...]) -> list[SourceFile]:
    found: list[SourceFile] = []
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                name = info.filename
                if (info.is_dir() or "__MACOSX" in name or Path(name).name.startswith(".")
                        or Path(name).suffix.lower() not in suffixes):
                    continue
                where = f"{path.name}/{name}"
                if info.file_size > MAX_MEMBER_BYTES:
                    _problem(result, where, "file", _("is too large to import ({size} bytes)").format(
                        size=info.file_size))
                    continue
                found.append(SourceFile(where, archive.read(info)))
    except ZIP_ERRORS as err:
        _problem(result, path.name, "file", _("is a damaged zip file ({reason})").format(reason=err))
        return []
    return found


def decode(src: SourceFile, result: ParseResult) -> str | None:
    """The text of a file: UTF-8 (with or without BOM) or UTF-16 with a BOM; else a located problem."""
    data = src.data
    encoding = "utf-16" if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        _problem(result, f"{src.name}:{line}", "file", _(
            "is not UTF-8 text (byte {byte} cannot be read); export it again or save it as UTF-8").format(
                byte=f"0x{data[err.start]:02x}" if err.start < len(data) else "?"))
        return None


@lru_cache(maxsize=4096)
def normalise_header(name: str) -> str:
    """A header name for matching: trimmed, lower case, single spaces."""
    return " ".join(name.replace("\ufeff", "").split()).lower()


@dataclass(frozen=True, slots=True)
class Row:
    """One CSV record by header name, with its `file:line` location."""

    where: str
    line: int
    cells: dict[str, str]
    lookup: dict[str, str]

    def get(self, *names: str) -> str:
        """The first non-missing cell among `names` (matched case-insensitively), trimmed; "" if none."""
        for name in names:
            header = self.lookup.get(normalise_header(name))
            if header is not None:
                return self.cells.get(header, "").strip()
        return ""

    def has(self, name: str) -> bool:
        """Whether the file has a column called `name`."""
        return normalise_header(name) in self.lookup


def sniff_delimiter(text: str) -> str:
    """`,`, or `;` / tab when the first line has more of those than commas."""
    first = text.lstrip("\ufeff\r\n").split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","


def csv_records(text: str, name: str, result: ParseResult, progress: Progress | None = None,
                *, skip_initial_space: bool = False) -> Iterator[tuple[int, list[str]]]:
    """Records of a CSV text with the line each starts on; malformed records become problems.

    The delimiter is a comma, unless the first line has more semicolons or tabs (a file re-saved by a
    spreadsheet in a locale that writes decimal commas).
    """
    total = text.count("\n") + 1
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text),
                        skipinitialspace=skip_initial_space)
    count = 0
    while True:
        start = reader.line_num + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            _problem(result, f"{name}:{start}", "row", _("malformed CSV ({reason})").format(reason=err))
            if reader.line_num < start:  # no progress: stop rather than loop
                break
            continue
        count += 1
        if progress is not None and count % PROGRESS_EVERY == 0:
            progress(reader.line_num, total)
        if any(cell.strip() for cell in record):
            yield start, record
    if progress is not None:
        progress(total, total)


def table(text: str, name: str, result: ParseResult, progress: Progress | None = None
          ) -> tuple[list[str], Iterator[Row]] | None:
    """The header and the rows of a CSV table, read by header name; None (and a problem) if empty.

    A row with more cells than the header is a located problem; missing trailing cells read as "".
    """
    records = csv_records(text, name, result, progress)
    try:
        _line, header_cells = next(records)
    except StopIteration:
        _problem(result, f"{name}:1", "file", _("is empty (expected a header line)"))
        return None
    header = [cell.replace("\ufeff", "").strip() for cell in header_cells]
    lookup: dict[str, str] = {}
    for cell in header:
        lookup.setdefault(normalise_header(cell), cell)

    width = len(header)

    def rows() -> Iterator[Row]:
        for start, record in records:
            where = f"{name}:{start}"
            result.lines_read += 1
            if len(record) > len(header) and any(c.strip() for c in record[len(header):]):
                _problem(result, where, "row", _("has {n} fields, the header has {m}").format(
                    n=len(record), m=len(header)))
                continue
            if len(record) < width:
                record += [""] * (width - len(record))
            yield Row(where, start, dict(zip(header, record, strict=False)), lookup)

    return header, rows()


@dataclass(frozen=True, slots=True)
class Table:
    """One CSV table of an import: its file name, header, rows, and how many files came with it."""

    name: str
    header: list[str]
    rows: Iterator[Row]
    among: int


def tables(path: Path, result: ParseResult, progress: Progress | None = None) -> Iterator[Table]:
    """The CSV tables in `path` (a file, folder or zip); unreadable ones become problems."""
    sources = open_sources(path, result)
    for src in sources:
        text = decode(src, result)
        got = table(text, src.name, result, progress) if text is not None else None
        if got is not None:
            yield Table(src.name, got[0], got[1], len(sources))


def missing_columns(header: list[str], required: tuple[str, ...]) -> list[str]:
    """The `required` column names absent from `header` (case-insensitive)."""
    present = {normalise_header(h) for h in header}
    return [name for name in required if normalise_header(name) not in present]


_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap])\.?\s*m?\.?$|^(\d{1,2}):(\d{2})(?::(\d{2}))?$",
                    re.IGNORECASE)


def parse_clock(text: str, *, field: str = "time") -> time | None:
    """A clock time as apps write it: `8:15 AM`, `12:05 pm`, `14:05`, `14:05:30`; None when blank."""
    raw = text.strip()
    if not raw:
        return None
    clock = _clock(raw)
    if clock is None:
        raise ValidationError([FieldProblem(field, _("cannot read {text!r} as a time of day").format(text=raw))])
    return clock


@lru_cache(maxsize=8192)
def _clock(raw: str) -> time | None:
    match = _CLOCK.match(raw)
    if match is None:
        return None
    if match[4]:
        hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if match[4].lower() == "p" else 0)
    else:
        hour, minute, second = int(match[5]), int(match[6]), int(match[7] or 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return time(hour, minute, second)


def parse_iso_day(text: str, *, field: str = "date") -> date:
    """A `YYYY-MM-DD` day; ValidationError naming `field` otherwise."""
    raw = text.strip()
    day = _iso_day(raw)
    if day is None:
        message = _("cannot read {text!r} as a date (expected YYYY-MM-DD)").format(text=raw)
        raise ValidationError([FieldProblem(field, message)])
    return day


@lru_cache(maxsize=8192)
def _iso_day(raw: str) -> date | None:
    try:
        return date.fromisoformat(raw) if len(raw) == 10 else None
    except ValueError:
        return None


_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")


def parse_number(text: str, *, field: str) -> float | None:
    """A decimal number (`1,050` and `1050.5` both read); None when blank; ValidationError otherwise."""
    raw = text.strip()
    if not raw:
        return None
    if _THOUSANDS.match(raw):
        raw = raw.replace(",", "")
    try:
        value = float(raw)
    except ValueError:
        raise ValidationError([FieldProblem(field, _("{text!r} is not a number").format(text=text.strip()))]) from None
    if not math.isfinite(value):
        raise ValidationError([FieldProblem(field, _("{text!r} is not a finite number").format(text=text.strip()))])
    return value


UNIT_MAX = 32  # the store's unit column; longer "units" stay in the text instead


def short_unit(unit: str) -> str | None:
    """`unit` trimmed, or None when it is too long to be a unit (the caller keeps it in the text)."""
    unit = unit.strip()
    return unit if len(unit) <= UNIT_MAX else None


def local_moment(day: date, clock: time, tz: tzinfo) -> datetime:
    """The aware moment of a naive local day and clock time in the person's zone."""
    return localise(datetime.combine(day, clock), tz)


def tidy_number(value: float) -> str:
    """A number as a person writes it: `1`, `0.5`, `2.25` (no trailing zeros)."""
    return f"{value:.3f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def located(err: ValidationError, where: str) -> list[FieldProblem]:
    """The problems of `err`, each carrying the `file:line` location `where`."""
    return [FieldProblem(p.field, p.message, where) for p in err.problems]


def _location_order(problem: FieldProblem) -> tuple[str, int]:
    where = problem.location or ""
    name, _sep, line = where.rpartition(":")
    return (name, int(line)) if line.isdigit() else (where, 0)


def sort_problems(result: ParseResult) -> None:
    """Order the problems by file, then line, as a person reads them."""
    result.problems.sort(key=_location_order)
