"""Bearable CSV export (7- and 8-column versions): symptoms, mood, sleep, food, meds, bowel movements."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo
from pathlib import Path

from zonula.domain.entries import Entry, EntryKind
from zonula.errors import FieldProblem, ValidationError
from zonula.i18n import _
from zonula.importers.base import ImportedRow, KeyCounter, ParseResult, Progress
from zonula.importers.reading import (
    Row,
    local_moment,
    located,
    missing_columns,
    parse_clock,
    parse_number,
    tables,
)
from zonula.importers.vocabulary import SEVERITY_WORDS, symptom_key

SOURCE = "bearable"
REQUIRED = ("date", "time of day", "category", "rating/amount", "detail")

# Bearable's parts of the day, read as their midpoints (pre-dawn 0-6, morning 6-12, afternoon 12-18,
# evening 18-24); "all day" as noon. The exact word is kept in `original`.
PARTS_OF_DAY: dict[str, time] = {
    "pre": time(3, 0), "pre-dawn": time(3, 0), "predawn": time(3, 0), "night": time(3, 0),
    "am": time(9, 0), "morning": time(9, 0),
    "mid": time(15, 0), "midday": time(15, 0), "afternoon": time(15, 0),
    "pm": time(21, 0), "evening": time(21, 0),
    "all day": time(12, 0), "allday": time(12, 0),
    "": time(12, 0),
}

# Bearable rates symptoms 0-4: none, mild, moderate, severe, unbearable.
BEARABLE_SEVERITY: dict[int, float] = {0: 0.0, 1: 3.0, 2: 5.0, 3: 8.0, 4: 10.0}

SUPPLEMENT_WORDS = ("vitamin", "probiotic", "magnesium", "zinc", "omega", "fish oil", "glutamine", "collagen",
                    "psyllium", "fibre", "fiber", "iron", "calcium", "melatonin", "turmeric", "curcumin",
                    "ginger", "peppermint oil", "b12", "folate", "multivitamin", "supplement", "enzyme",
                    "益生菌", "维生素", "谷氨酰胺", "鱼油")

_DAY = re.compile(r"^\s*(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\s*$")
_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_WITH_SEVERITY = re.compile(r"^(.*?)\s*\(\s*([A-Za-z ]+?)\s*\)\s*$")
_WITH_UNIT = re.compile(r"^(.*?)\s*\(\s*([^()]{1,20})\s*\)\s*$")
_BRISTOL = re.compile(r"(?:type|bristol)\D{0,12}([1-7])\b", re.IGNORECASE)
_HOURS = re.compile(r"^\s*(\d{1,2})\s*h(?:ours?|rs?)?\s*(?:(\d{1,2})\s*m(?:in(?:utes?|s)?)?)?\s*$", re.IGNORECASE)


def parse_bearable_day(row: Row) -> date:
    """The row's day: `date formatted` (ISO) when present, else `date` like `22nd Sep 2020`."""
    formatted = row.get("date formatted")
    raw = formatted or row.get("date")
    try:
        if len(raw) == 10 and raw[4] == "-":
            return date.fromisoformat(raw)
        match = _DAY.match(raw)
        if match and match[2][:3].lower() in _MONTHS:
            return date(int(match[3]), _MONTHS[match[2][:3].lower()], int(match[1]))
    except ValueError:
        pass
    column = "date formatted" if formatted else "date"
    message = _("cannot read {text!r} as a date (expected like 22nd Sep 2020)").format(text=raw)
    raise ValidationError([FieldProblem(column, message)])


def parse_time_of_day(text: str) -> time:
    """`pre`, `am`, `mid`, `pm`, `all day` (as the middle of that part of the day) or `HH:MM`."""
    low = " ".join(text.lower().split())
    if low in PARTS_OF_DAY:
        return PARTS_OF_DAY[low]
    clock = parse_clock(text, field="time of day")
    assert clock is not None
    return clock


@dataclass(frozen=True, slots=True)
class _Item:
    """What one Bearable row says, before it becomes entries."""

    at: datetime
    category: str
    rating: str
    parts: list[str]
    notes: str


def _symptom(item: _Item, part: str) -> Entry:
    name, severity = part, None
    match = _WITH_SEVERITY.match(part)
    if match and match[2].lower() in SEVERITY_WORDS:
        name, severity = match[1], SEVERITY_WORDS[match[2].lower()]
    if severity is None:
        rating = parse_number(item.rating, field="rating/amount")
        if rating is None or rating != int(rating) or int(rating) not in BEARABLE_SEVERITY:
            raise ValidationError([FieldProblem("rating/amount", _(
                "a Bearable symptom needs a severity 0-4, got {text!r}").format(text=item.rating))])
        severity = BEARABLE_SEVERITY[int(rating)]
    return Entry(EntryKind.SYMPTOM, item.at, name=symptom_key(name), value=severity, note=item.notes)


def _dose(item: _Item, part: str, single: bool) -> Entry:
    name, unit = part, ""
    match = _WITH_UNIT.match(part)
    if match:
        name, unit = match[1], match[2]
    low = name.lower()
    kind = EntryKind.SUPPLEMENT if any(w in low for w in SUPPLEMENT_WORDS) else EntryKind.MEDICATION
    # One amount for several joined items cannot be split between them: it is kept in `original` only.
    value = parse_number(item.rating, field="rating/amount") if single else None
    return Entry(kind, item.at, name=name, value=value, unit=unit, note=item.notes)


def _stool(item: _Item, part: str) -> Entry:
    match = _BRISTOL.search(part)
    value = float(match[1]) if match else parse_number(item.rating, field="rating/amount")
    if value is None:  # kept, as a note: a bowel movement without a Bristol type is still an event
        text = _("Bowel movement: {detail} (no Bristol type)").format(detail=part)
        return Entry(EntryKind.NOTE, item.at, name="bowel movement", note=f"{text}\n{item.notes}".strip())
    return Entry(EntryKind.STOOL, item.at, value=value, note=item.notes)


def _sleep(item: _Item) -> Entry:
    detail = " | ".join(item.parts)
    hours = parse_number(item.rating, field="rating/amount")
    if hours is None:
        match = _HOURS.match(detail)
        if match:
            hours = int(match[1]) + int(match[2] or 0) / 60
    note = "; ".join(t for t in (detail, item.notes) if t)
    if hours is None:
        return Entry(EntryKind.NOTE, item.at, name="sleep", note=note or _("sleep"))
    return Entry(EntryKind.SLEEP, item.at, value=round(hours, 4), note=note)


def _note(item: _Item) -> Entry:
    detail = ", ".join(item.parts)
    rating = f" {item.rating}" if item.rating else ""
    text = f"{item.category}{rating}: {detail}" if detail else f"{item.category}{rating}"
    value = None
    try:
        value = parse_number(item.rating, field="rating/amount")
    except ValidationError:
        value = None  # a rating that is not a number stays in the note text
    return Entry(EntryKind.NOTE, item.at, name=item.category.lower(), value=value,
                 note=f"{text}\n{item.notes}" if item.notes else text)


def entries_of(item: _Item) -> list[Entry]:
    """The zonula entries one Bearable row stands for (one per ` | `-joined value where that makes sense)."""
    category = item.category.lower()
    if category.startswith("symptom"):
        return [_symptom(item, part) for part in item.parts]
    if category.startswith(("meds", "medication", "supplement")):
        return [_dose(item, part, len(item.parts) == 1) for part in item.parts]
    if category.startswith("bowel"):
        return [_stool(item, part) for part in item.parts or [item.rating]]
    if category.startswith(("food", "diet", "nutrition")):
        if not item.parts:
            return []
        return [Entry(EntryKind.MEAL, item.at, name=", ".join(item.parts),
                      note="; ".join(t for t in (_("Bearable food diary factors"), item.notes) if t))]
    if category.startswith("sleep"):
        return [_sleep(item)]
    return [_note(item)]


class BearableImporter:
    """Bearable's CSV export, both the 7-column and the newer 8-column (`date formatted`) versions."""

    name = "bearable"
    description = "Bearable CSV export (symptoms, mood, sleep, food, meds, bowel movements, factors)"
    source = SOURCE

    def parse(self, path: Path, *, tz: tzinfo, progress: Progress | None = None) -> ParseResult:
        """Read a Bearable export (or a folder or zip of monthly exports)."""
        result = ParseResult()
        keys = KeyCounter()
        for found in tables(path, result, progress):
            missing = missing_columns(found.header, REQUIRED)
            if missing:
                result.problems.append(FieldProblem("header", _(
                    "missing column(s) {missing}; is this a Bearable export?").format(missing=", ".join(missing)),
                    f"{found.name}:1"))
                continue
            for row in found.rows:
                self._read_row(row, found.name, tz, keys, result)
        return result

    def _read_row(self, row: Row, file: str, tz: tzinfo, keys: KeyCounter, result: ParseResult) -> None:
        category = row.get("category")
        parts = [p.strip() for p in row.get("detail").split("|") if p.strip()]
        rating, notes = row.get("rating/amount"), row.get("notes")
        if not (parts or rating or notes):
            return  # an empty category row records nothing
        try:
            at = local_moment(parse_bearable_day(row), parse_time_of_day(row.get("time of day")), tz)
            if not category:
                raise ValidationError([FieldProblem("category", _("is empty"))])
            entries = entries_of(_Item(at, category, rating, parts, notes))
        except ValidationError as err:
            result.problems += located(err, row.where)
            return
        for entry in entries:
            key = keys.key(SOURCE, entry.kind, entry.name, *row.cells.values())
            original = {"format": SOURCE, "file": file, "row": row.cells}
            result.rows.append(ImportedRow(entry.with_changes(source=SOURCE, source_key=key, original=original),
                                           row.where))

