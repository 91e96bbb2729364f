"""mySymptoms CSV export: variable-length event rows (meals, symptoms, bowel movements, meds, more)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from pathlib import Path

from zonula.domain.entries import Entry, EntryKind
from zonula.errors import FieldProblem, ValidationError
from zonula.i18n import _
from zonula.importers.base import ImportedRow, KeyCounter, ParseResult, Progress
from zonula.importers.reading import (
    csv_records,
    decode,
    local_moment,
    located,
    open_sources,
    parse_clock,
    parse_number,
    short_unit,
    sort_problems,
)
from zonula.importers.vocabulary import practice_of, symptom_key

SOURCE = "mysymptoms"

MEAL_TYPES = {"breakfast", "lunch", "dinner", "supper", "brunch", "snack", "snacks", "drink", "drinks", "food",
              "meal"}
_SLASH_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_QUANTITY = re.compile(r"^\[\s*(.*?)\s*\]$", re.DOTALL)
_ATTRIBUTE = re.compile(r"^(intensity|duration|quality|type|bristol(?: scale| type)?|notes?|comment)\s*:\s*(.*)$",
                        re.IGNORECASE | re.DOTALL)
_AMOUNT = re.compile(r"^(?:x\s*)?(\d+(?:\.\d+)?)\s*(.*)$", re.IGNORECASE)
_BRISTOL = re.compile(r"(?:type|bristol)\D{0,12}([1-7])\b", re.IGNORECASE)
_CLOCK_DURATION = re.compile(r"^(\d{1,3}):(\d{2})$")
_WORD_DURATION = re.compile(r"^(?:(\d+(?:\.\d+)?)\s*h(?:ou)?rs?)?\s*(?:(\d+(?:\.\d+)?)\s*min(?:ute)?s?)?$",
                            re.IGNORECASE)


def is_date(text: str) -> bool:
    """Whether a first cell looks like a mySymptoms date (MM/DD/YYYY, DD/MM/YYYY or ISO)."""
    raw = text.strip()
    return bool(_SLASH_DATE.match(raw) or _ISO_DATE.match(raw))


def day_first(first_cells: list[str]) -> bool:
    """Whether the file writes DD/MM/YYYY: more dates read only day-first than only month-first.

    mySymptoms writes dates in the phone's locale; US phones give MM/DD/YYYY (the default here).
    """
    dmy = mdy = 0
    for cell in first_cells:
        match = _SLASH_DATE.match(cell.strip())
        if match:
            first, second = int(match[1]), int(match[2])
            dmy += 12 < first <= 31 and second <= 12
            mdy += 12 < second <= 31 and first <= 12
    return dmy > mdy


def parse_day(text: str, *, dmy: bool) -> date:
    """A mySymptoms date in the file's order; ValidationError otherwise."""
    raw = text.strip()
    try:
        if _ISO_DATE.match(raw):
            return date.fromisoformat(raw)
        match = _SLASH_DATE.match(raw)
        if match:
            first, second, year = int(match[1]), int(match[2]), int(match[3])
            return date(year, second, first) if dmy else date(year, first, second)
    except ValueError:
        pass
    expected = "DD/MM/YYYY" if dmy else "MM/DD/YYYY"
    raise ValidationError([FieldProblem("date", _("cannot read {text!r} as a date (expected {expected})").format(
        text=raw, expected=expected))])


def duration_minutes(text: str) -> float | None:
    """Minutes of a duration written `6:00`, `1 hr 30 mins`, `45 mins`; None when unreadable."""
    raw = text.strip()
    match = _CLOCK_DURATION.match(raw)
    if match:
        return float(int(match[1]) * 60 + int(match[2]))
    match = _WORD_DURATION.match(raw)
    if match and (match[1] or match[2]):
        return float(match[1] or 0) * 60 + float(match[2] or 0)
    return None


@dataclass(slots=True)
class Item:
    """One thing in an event: a food, symptom, drug or activity, with its quantity and attributes."""

    name: str
    quantity: str = ""
    attributes: dict[str, str] = field(default_factory=dict)

    def label(self) -> str:
        """The item as meal text: `Chicken egg x 2`, `Rice 200 g`."""
        return f"{self.name} {self.quantity}".strip()


@dataclass(slots=True)
class Event:
    """One mySymptoms event: its first line, its cells (continuation lines folded in)."""

    line: int
    cells: list[str]
    records: list[list[str]]


def items_of(cells: list[str]) -> tuple[list[Item], dict[str, str]]:
    """The items of an event's cells; attributes before any item belong to the event itself."""
    items: list[Item] = []
    event_attributes: dict[str, str] = {}
    for raw in cells:
        cell = raw.strip()
        if not cell:
            continue
        quantity = _QUANTITY.match(cell)
        attribute = _ATTRIBUTE.match(cell)
        if quantity and items:
            items[-1].quantity = quantity[1]
        elif attribute:
            target = items[-1].attributes if items else event_attributes
            target[attribute[1].lower()] = attribute[2].strip()
        else:
            items.append(Item(cell))
    return items, event_attributes


def _number_attribute(attributes: dict[str, str], key: str) -> float | None:
    raw = attributes.get(key, "")
    return parse_number(raw, field=key.capitalize()) if raw else None


def _note_text(event_type: str, items: list[Item], attributes: dict[str, str]) -> str:
    parts = [item.label() + "".join(f" ({k}: {v})" for k, v in item.attributes.items()) for item in items]
    parts += [f"{k}: {v}" for k, v in attributes.items()]
    return f"{event_type}: {', '.join(parts)}" if parts else event_type


def entries_of_event(event_type: str, at: datetime, items: list[Item], attributes: dict[str, str]) -> list[Entry]:
    """The zonula entries of one mySymptoms event."""
    kind = event_type.strip().lower()
    if kind in MEAL_TYPES:
        if not items:
            return [Entry(EntryKind.NOTE, at, note=_note_text(event_type, items, attributes))]
        return [Entry(EntryKind.MEAL, at, name=", ".join(i.label() for i in items), note=f"mySymptoms: {event_type}")]
    if kind.startswith("symptom"):
        out = []
        for item in items:
            severity = _number_attribute(item.attributes, "intensity")
            if severity is None:
                severity = _number_attribute(attributes, "intensity")
            if severity is None:
                raise ValidationError([FieldProblem("Intensity", _("symptom {name!r} has no intensity").format(
                    name=item.name))])
            duration = item.attributes.get("duration", "")
            note = _("duration {duration}").format(duration=duration) if duration else ""
            out.append(Entry(EntryKind.SYMPTOM, at, name=symptom_key(item.name), value=severity, note=note))
        return out
    if kind.startswith(("bowel", "stool", "bm")):
        texts = [i.label() for i in items] + [f"{k} {v}" for i in items for k, v in i.attributes.items()]
        texts += [f"{k} {v}" for k, v in attributes.items()]
        match = next((m for m in map(_BRISTOL.search, texts) if m), None)
        if match is None:
            return [Entry(EntryKind.NOTE, at, name="bowel movement",
                          note=_note_text(event_type, items, attributes) + " " + _("(no Bristol type)"))]
        return [Entry(EntryKind.STOOL, at, value=float(match[1]), note=_note_text(event_type, items, attributes))]
    if kind.startswith(("medic", "supplement")):
        entry_kind = EntryKind.SUPPLEMENT if kind.startswith("supplement") else EntryKind.MEDICATION
        out = []
        for item in items:
            amount = _AMOUNT.match(item.quantity)
            unit = short_unit(amount[2] or "x") if amount else None
            if amount is None or unit is None:  # no readable dose: the quantity stays with the name
                out.append(Entry(entry_kind, at, name=item.label()))
            else:
                out.append(Entry(entry_kind, at, name=item.name, value=float(amount[1]), unit=unit))
        return out
    if kind.startswith(("exercise", "activity")):
        return [Entry(EntryKind.PRACTICE, at, name=practice_of(item.name).value,
                      value=duration_minutes(item.attributes.get("duration", "")),
                      note=_note_text(event_type, [item], {})) for item in items]
    if kind == "stress":
        level = _number_attribute(attributes, "intensity")
        if level is None and items:
            level = _number_attribute(items[0].attributes, "intensity")
        if level is not None:
            return [Entry(EntryKind.STRESS, at, value=level,
                          note=_note_text(event_type, items, {}) if items else "")]
    if kind == "sleep":
        minutes = duration_minutes(attributes.get("duration", ""))
        if minutes is not None:
            return [Entry(EntryKind.SLEEP, at, value=round(minutes / 60, 4),
                          quality=_number_attribute(attributes, "quality"))]
    return [Entry(EntryKind.NOTE, at, name=kind, note=_note_text(event_type, items, attributes))]


def group_events(records: list[tuple[int, list[str]]], name: str, result: ParseResult) -> list[Event]:
    """Events from records: a dated record starts one; a record with empty date and time continues it."""
    events: list[Event] = []
    for line, record in records:
        first = record[0].strip() if record else ""
        if is_date(first):
            events.append(Event(line, list(record), [record]))
        elif not first and len(record) > 1 and not record[1].strip() and events:
            events[-1].cells += record[2:] if len(record) > 2 else []
            events[-1].records.append(record)
        else:
            result.problems.append(FieldProblem("date", _("cannot read {text!r} as a date").format(
                text=first[:40]), f"{name}:{line}"))
    return events


class MySymptomsImporter:
    """mySymptoms' CSV export: `date, time, event type, items...` with quantities and intensities."""

    name = "mysymptoms"
    description = "mySymptoms CSV export (meals, symptoms with intensity, bowel movements, meds, exercise)"
    source = SOURCE

    def parse(self, path: Path, *, tz: tzinfo, progress: Progress | None = None) -> ParseResult:
        """Read a mySymptoms export; irregular rows are grouped into events first."""
        result = ParseResult()
        keys = KeyCounter()
        for src in open_sources(path, result):
            text = decode(src, result)
            if text is None:
                continue
            records = list(csv_records(text, src.name, result, progress, skip_initial_space=True))
            if records and not is_date(records[0][1][0] if records[0][1] else ""):
                records = records[1:]  # the header line (its wording varies by app version)
            result.lines_read += len(records)
            dmy = day_first([r[0] for _line, r in records if r])
            for event in group_events(records, src.name, result):
                self._read_event(event, src.name, dmy, tz, keys, result)
        sort_problems(result)
        return result

    def _read_event(self, event: Event, file: str, dmy: bool, tz: tzinfo, keys: KeyCounter,
                    result: ParseResult) -> None:
        where = f"{file}:{event.line}"
        cells = event.cells + [""] * (3 - len(event.cells))
        try:
            day = parse_day(cells[0], dmy=dmy)
            clock = parse_clock(cells[1], field="time")
            if clock is None:
                raise ValidationError([FieldProblem("time", _("is empty"))])
            if not cells[2].strip():
                raise ValidationError([FieldProblem("event type", _("is empty"))])
            items, attributes = items_of(cells[3:])
            entries = entries_of_event(cells[2].strip(), local_moment(day, clock, tz), items, attributes)
        except ValidationError as err:
            result.problems += located(err, where)
            return
        original = {"format": SOURCE, "file": file, "records": event.records}
        for entry in entries:
            key = keys.key(SOURCE, entry.kind, entry.name, *cells)
            result.rows.append(ImportedRow(entry.with_changes(source=SOURCE, source_key=key, original=original),
                                           where))
