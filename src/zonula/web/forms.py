"""Reading diary forms: text fields to entries, every problem named by its form field."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import datetime, tzinfo
from typing import Any

from zonula.domain.entries import SYMPTOM_KEYS, Entry, EntryKind
from zonula.domain.timeparse import parse_timestamp
from zonula.errors import FieldProblem, ValidationError
from zonula.i18n import _

# The symptoms offered as sliders on the Log page (the rest can be typed as "other").
SLIDER_SYMPTOMS: tuple[str, ...] = ("bloating", "abdominal_pain", "gas", "heartburn", "nausea", "fatigue")
# Facade field names that differ from the form's.
FIELD_ALIASES = {"timestamp": "at"}


def text(form: Mapping[str, Any], name: str) -> str:
    """A text field, stripped ('' when absent or not text)."""
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def number(form: Mapping[str, Any], name: str, problems: list[FieldProblem]) -> float | None:
    """A numeric field: None when empty, a problem when unreadable."""
    raw = text(form, name).replace(",", ".")
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        problems.append(FieldProblem(name, _("must be a number")))
        return None
    if math.isnan(value) or math.isinf(value):
        problems.append(FieldProblem(name, _("must be a number")))
        return None
    return value


def moment(form: Mapping[str, Any], tz: tzinfo, now: datetime, problems: list[FieldProblem]) -> datetime:
    """The `at` field (a datetime-local value) in the person's zone; now when empty."""
    raw = text(form, "at")
    if not raw:
        return now
    try:
        return parse_timestamp(raw, tz=tz, now=now, field="at")
    except ValidationError as err:
        problems.extend(err.problems)
        return now


def entries_from_form(kind: EntryKind, form: Mapping[str, Any], *, tz: tzinfo, now: datetime) -> list[Entry]:
    """The entries one Log form describes; ValidationError names every bad field.

    Domain validation (ranges, required text) happens in the facade; this reads the fields.
    """
    problems: list[FieldProblem] = []
    at = moment(form, tz, now, problems)
    note = text(form, "note")
    entries: list[Entry] = []
    if kind is EntryKind.SYMPTOM:
        for key in SLIDER_SYMPTOMS:
            value = number(form, f"symptom_{key}", problems)
            if value is not None and (value > 0 or text(form, "log_zeros")):
                entries.append(Entry(kind, at, name=key, value=value, note=note))
        other = text(form, "other_name")
        if other:
            value = number(form, "other_value", problems)
            entries.append(Entry(kind, at, name=other, value=value, note=note))
        if not entries and not problems:
            problems.append(FieldProblem("symptoms", _("move a slider above 0, or tick 'log zeros too'")))
    elif kind is EntryKind.SLEEP:
        entries.append(Entry(kind, at, value=number(form, "value", problems),
                             quality=number(form, "quality", problems), note=note))
    else:
        entries.append(Entry(kind, at, name=text(form, "name"), value=number(form, "value", problems),
                             unit=text(form, "unit"), note=note))
    if problems:
        raise ValidationError(problems)
    return entries


def field_errors(err: ValidationError) -> dict[str, str]:
    """Form field -> message, for showing each message next to its field."""
    found: dict[str, str] = {}
    for problem in err.problems:
        name = FIELD_ALIASES.get(problem.field, problem.field)
        found.setdefault(name, problem.message)
    return found


def edit_changes(entry: Entry, form: Mapping[str, Any], *, tz: tzinfo, now: datetime) -> dict[str, Any]:
    """The changes an edit form asks for (fields of the entry's kind)."""
    problems: list[FieldProblem] = []
    changes: dict[str, Any] = {"at": moment(form, tz, now, problems), "note": text(form, "note")}
    if entry.kind is not EntryKind.MENSTRUATION:
        changes["value"] = number(form, "value", problems)
    if entry.kind not in (EntryKind.SLEEP, EntryKind.STRESS, EntryKind.STOOL, EntryKind.MENSTRUATION):
        changes["name"] = text(form, "name")
    if entry.kind in (EntryKind.MEDICATION, EntryKind.SUPPLEMENT):
        changes["unit"] = text(form, "unit")
    if entry.kind is EntryKind.SLEEP:
        changes["quality"] = number(form, "quality", problems)
    if problems:
        raise ValidationError(problems)
    return changes


__all__ = ["SLIDER_SYMPTOMS", "SYMPTOM_KEYS", "edit_changes", "entries_from_form", "field_errors"]
