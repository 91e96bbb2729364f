"""Cronometer exports: servings, biometrics, notes and exercises CSV, alone or as a folder or zip."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, time, tzinfo
from pathlib import Path

from zonula.domain.entries import SYMPTOM_KEYS, Entry, EntryKind, normalise_symptom
from zonula.errors import FieldProblem, ValidationError
from zonula.i18n import _
from zonula.importers.base import ImportedRow, KeyCounter, ParseResult, Progress
from zonula.importers.reading import (
    Row,
    local_moment,
    located,
    missing_columns,
    normalise_header,
    parse_clock,
    parse_iso_day,
    parse_number,
    short_unit,
    tables,
    tidy_number,
)
from zonula.importers.vocabulary import NOON, meal_time, practice_of

SOURCE = "cronometer"

# Cronometer leaves `Time` blank on some rows (free tier, daily biometrics): stand-in times are used
# (vocabulary.meal_time for meals) and the entry's note says so.
SLEEP_TIME = time(7, 0)

FILE_KINDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # kind: (columns that identify it, columns it needs)
    "servings": (("Food Name",), ("Day", "Food Name")),
    "biometrics": (("Metric",), ("Day", "Metric", "Amount")),
    "exercises": (("Exercise",), ("Day", "Exercise", "Minutes")),
    "notes": (("Note",), ("Day", "Note")),
}


def detect(header: list[str]) -> str | None:
    """Which Cronometer export a header belongs to (by column names), or None."""
    names = {normalise_header(h) for h in header}
    for kind, (identifying, _needed) in FILE_KINDS.items():
        if all(normalise_header(c) in names for c in identifying):
            return kind
    return None


@dataclass(slots=True)
class _Context:
    """What the per-file readers share."""

    file: str
    tz: tzinfo
    result: ParseResult
    keys: KeyCounter


def _day_and_clock(row: Row) -> tuple[date, time | None]:
    problems: list[FieldProblem] = []
    day: date | None = None
    clock: time | None = None
    try:
        day = parse_iso_day(row.get("Day"), field="Day")
    except ValidationError as err:
        problems += err.problems
    try:
        clock = parse_clock(row.get("Time"), field="Time")
    except ValidationError as err:
        problems += err.problems
    if problems or day is None:
        raise ValidationError(problems)
    return day, clock


def _untimed_note(clock: time | None) -> str:
    return "" if clock is not None else _("no time in the Cronometer export")


_AMOUNT = re.compile(r"^\s*(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(.*)$")


def food_item(name: str, amount: str) -> str:
    """`Eggs, Cooked` + `4.00 medium` -> `Eggs (Cooked) 4 medium`: commas are kept for separating foods."""
    head, *rest = [part.strip() for part in name.split(",")]
    label = f"{head} ({' / '.join(p for p in rest if p)})" if any(rest) else head
    match = _AMOUNT.match(amount)
    qty = f"{tidy_number(float(match[1].replace(',', '')))} {match[2].strip()}".strip() if match else amount.strip()
    return f"{label} {qty}".strip()


def _servings(rows: Iterator[Row], ctx: _Context) -> None:
    meals: dict[tuple[date, time | None, str], list[Row]] = {}
    for row in rows:
        try:
            day, clock = _day_and_clock(row)
            if not row.get("Food Name"):
                raise ValidationError([FieldProblem("Food Name", _("is empty"))])
        except ValidationError as err:
            ctx.result.problems += located(err, row.where)
            continue
        meals.setdefault((day, clock, row.get("Group")), []).append(row)
    for (day, clock, group), members in meals.items():
        text = ", ".join(food_item(r.get("Food Name"), r.get("Amount")) for r in members)
        at = local_moment(day, clock or meal_time(group), ctx.tz)
        key = ctx.keys.key(SOURCE, "meal", day, clock, group,
                           *(f"{r.get('Food Name')}\x1e{r.get('Amount')}" for r in members))
        original = {"format": SOURCE, "file": ctx.file, "group": group, "rows": [r.cells for r in members]}
        entry = Entry(EntryKind.MEAL, at, name=text, note=_untimed_note(clock), source=SOURCE,
                      source_key=key, original=original)
        ctx.result.rows.append(ImportedRow(entry, members[0].where))


_SLEEP_UNITS = {"hours": 1.0, "hour": 1.0, "hrs": 1.0, "hr": 1.0, "h": 1.0, "minutes": 1 / 60, "min": 1 / 60,
                "mins": 1 / 60}


def biometric_entry(metric: str, unit: str, amount: str, at_day: date, clock: time | None,
                    tz: tzinfo) -> Entry:
    """One biometric as the zonula kind it is (sleep, stress, symptom, stool) or else a note.

    Weight, glucose, blood pressure, mood and other metrics zonula has no kind for become notes that
    keep the metric, amount and unit.
    """
    low = metric.lower()
    value: float | None = None
    if "/" not in amount:  # blood pressure "120/80" stays text
        value = parse_number(amount, field="Amount")
    default = SLEEP_TIME if "sleep" in low else NOON
    at = local_moment(at_day, clock or default, tz)
    untimed = _untimed_note(clock)
    if value is not None:
        factor = _SLEEP_UNITS.get(unit.strip().lower())
        if "sleep" in low and factor is not None:
            return Entry(EntryKind.SLEEP, at, value=round(value * factor, 4), note=untimed)
        if "bristol" in low or "stool" in low:
            return Entry(EntryKind.STOOL, at, value=value, note=untimed)
        if "stress" in low and 0 <= value <= 10:
            return Entry(EntryKind.STRESS, at, value=value, note=untimed)
        symptom = normalise_symptom(metric)
        if symptom in SYMPTOM_KEYS and 0 <= value <= 10:
            return Entry(EntryKind.SYMPTOM, at, name=symptom, value=value, note=untimed)
    shown = f"{metric}: {amount} {unit}".strip()
    note = f"{shown} ({untimed})" if untimed else shown
    return Entry(EntryKind.NOTE, at, name=metric, value=value, unit=short_unit(unit) or "", note=note)


def _biometrics(rows: Iterator[Row], ctx: _Context) -> None:
    for row in rows:
        try:
            day, clock = _day_and_clock(row)
            metric = row.get("Metric")
            if not metric:
                raise ValidationError([FieldProblem("Metric", _("is empty"))])
            entry = biometric_entry(metric, row.get("Unit"), row.get("Amount"), day, clock, ctx.tz)
        except ValidationError as err:
            ctx.result.problems += located(err, row.where)
            continue
        _add(ctx, row, entry)


def _exercises(rows: Iterator[Row], ctx: _Context) -> None:
    for row in rows:
        try:
            day, clock = _day_and_clock(row)
            exercise = row.get("Exercise")
            if not exercise:
                raise ValidationError([FieldProblem("Exercise", _("is empty"))])
            minutes = parse_number(row.get("Minutes"), field="Minutes")
        except ValidationError as err:
            ctx.result.problems += located(err, row.where)
            continue
        try:
            calories = parse_number(row.get("Calories Burned"), field="Calories Burned")
        except ValidationError:
            calories = None  # kept in `original`; only shown in the note when readable
        note = exercise + (f" ({tidy_number(abs(calories))} kcal)" if calories is not None else "")
        untimed = _untimed_note(clock)
        entry = Entry(EntryKind.PRACTICE, local_moment(day, clock or NOON, ctx.tz), name=practice_of(exercise).value,
                      value=minutes, note=f"{note}; {untimed}" if untimed else note)
        _add(ctx, row, entry)


def _notes(rows: Iterator[Row], ctx: _Context) -> None:
    for row in rows:
        try:
            day, clock = _day_and_clock(row)
        except ValidationError as err:
            ctx.result.problems += located(err, row.where)
            continue
        text = row.get("Note")
        if not text:
            continue  # an empty note carries nothing
        entry = Entry(EntryKind.NOTE, local_moment(day, clock or NOON, ctx.tz), note=text)
        _add(ctx, row, entry)


def _add(ctx: _Context, row: Row, entry: Entry) -> None:
    key = ctx.keys.key(SOURCE, entry.kind, *row.cells.values())
    entry = entry.with_changes(source=SOURCE, source_key=key,
                               original={"format": SOURCE, "file": ctx.file, "row": row.cells})
    ctx.result.rows.append(ImportedRow(entry, row.where))


READERS: dict[str, Callable[[Iterator[Row], _Context], None]] = {
    "servings": _servings,
    "biometrics": _biometrics,
    "exercises": _exercises,
    "notes": _notes,
}


class CronometerImporter:
    """Cronometer's CSV exports (servings, biometrics, notes, exercises), read by header name."""

    name = "cronometer"
    description = "Cronometer export: servings/biometrics/notes/exercises CSV, or a folder or zip of them"
    source = SOURCE

    def parse(self, path: Path, *, tz: tzinfo, progress: Progress | None = None) -> ParseResult:
        """Read one export file, or every recognised file in a folder or zip (others are left alone)."""
        result = ParseResult()
        keys = KeyCounter()
        recognised = 0
        for found in tables(path, result, progress):
            kind = detect(found.header)
            if kind is None:
                if found.among == 1:
                    result.problems.append(FieldProblem("header", _(
                        "is not a Cronometer servings, biometrics, notes or exercises export "
                        "(columns: {columns})").format(columns=", ".join(found.header[:8])), f"{found.name}:1"))
                continue  # e.g. dailysummary.csv or fasts.csv inside a full export
            recognised += 1
            missing = missing_columns(found.header, FILE_KINDS[kind][1])
            if missing:
                result.problems.append(FieldProblem("header", _("missing column(s) {missing}").format(
                    missing=", ".join(missing)), f"{found.name}:1"))
                continue
            READERS[kind](found.rows, _Context(found.name, tz, result, keys))
        if not recognised and not result.problems:
            result.problems.append(FieldProblem("file", _(
                "holds no Cronometer servings, biometrics, notes or exercises CSV"), path.name))
        return result
