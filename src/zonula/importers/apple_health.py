"""Apple Health `export.xml` (or `export.zip`), streamed: GI symptoms, sleep, mindful minutes, food records."""

from __future__ import annotations

import math
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import IO, Any
from xml.etree.ElementTree import Element, ParseError, XMLPullParser

from zonula.domain.entries import Entry, EntryKind, PracticeKind
from zonula.domain.timeparse import localise
from zonula.errors import FieldProblem
from zonula.i18n import _
from zonula.importers.base import ImportedRow, KeyCounter, ParseResult, Progress, row_key
from zonula.importers.reading import ZIP_ERRORS, tidy_number

SOURCE = "apple-health"
CATEGORY = "HKCategoryTypeIdentifier"
DIETARY = "HKQuantityTypeIdentifierDietary"
READ_CHUNK = 1 << 20
PROGRESS_BYTES = 1 << 19  # report progress every half megabyte

# Apple's symptom types zonula imports, and the key each becomes (gut symptoms and the companions
# the diary tracks; respiratory and other symptom types are left out).
SYMPTOM_TYPES: dict[str, str] = {
    "AbdominalCramps": "abdominal_pain",
    "Bloating": "bloating",
    "Constipation": "constipation",
    "Diarrhea": "diarrhea",
    "Heartburn": "heartburn",
    "Nausea": "nausea",
    "Vomiting": "vomiting",
    "Fatigue": "fatigue",
    "Headache": "headache",
    "Acne": "skin",
    "DrySkin": "skin",
    "GeneralizedBodyAche": "body_ache",
    "LowerBackPain": "lower_back_pain",
    "PelvicPain": "pelvic_pain",
    "Dizziness": "dizziness",
    "Fever": "fever",
    "MoodChanges": "mood_changes",
    "SleepChanges": "sleep_changes",
}

# HKCategoryValueSeverity on zonula's shared 0-10 scale (none 0, mild 3, moderate 5, severe 8).
# "Unspecified" (and presence-only "Present") means the symptom was there without a severity: it is
# stored as 5 and the note says the severity was not given.
SEVERITY: dict[str, float] = {
    "HKCategoryValueSeverityNotPresent": 0.0,
    "HKCategoryValueSeverityMild": 3.0,
    "HKCategoryValueSeverityModerate": 5.0,
    "HKCategoryValueSeveritySevere": 8.0,
    "HKCategoryValuePresenceNotPresent": 0.0,
}
UNSPECIFIED = {"HKCategoryValueSeverityUnspecified", "HKCategoryValuePresencePresent"}
UNSPECIFIED_SEVERITY = 5.0

ASLEEP = {"HKCategoryValueSleepAnalysisAsleep", "HKCategoryValueSleepAnalysisAsleepUnspecified",
          "HKCategoryValueSleepAnalysisAsleepCore", "HKCategoryValueSleepAnalysisAsleepDeep",
          "HKCategoryValueSleepAnalysisAsleepREM"}
IN_BED = "HKCategoryValueSleepAnalysisInBed"
FLOW = {"HKCategoryValueMenstrualFlowUnspecified": "unspecified", "HKCategoryValueMenstrualFlowLight": "light",
        "HKCategoryValueMenstrualFlowMedium": "medium", "HKCategoryValueMenstrualFlowHeavy": "heavy"}
KJ_PER_KCAL = 4.184


def parse_apple_time(text: str, tz: tzinfo) -> datetime:
    """`2014-09-13 10:27:54 +0100` (the offset in the file is kept; a time without one is read in `tz`).

    Raises ValueError when unreadable.
    """
    raw = text.strip()
    try:
        return datetime.strptime(raw, "%Y-%m-%d %H:%M:%S %z")
    except ValueError:
        parsed = datetime.fromisoformat(raw)
        return localise(parsed, tz) if parsed.tzinfo is None else parsed


def night_of(start: datetime) -> date:
    """The night of a sleep interval: noon to noon by its start (a 01:00 start counts for the evening before)."""
    return (start - timedelta(hours=12)).date()


def union_hours(intervals: list[tuple[datetime, datetime]]) -> float:
    """Hours covered by possibly overlapping intervals (watch and phone both record the same sleep)."""
    total = timedelta(0)
    current: tuple[datetime, datetime] | None = None
    for start, end in sorted(intervals):
        if current is None or start > current[1]:
            if current is not None:
                total += current[1] - current[0]
            current = (start, end)
        elif end > current[1]:
            current = (current[0], end)
    if current is not None:
        total += current[1] - current[0]
    return total.total_seconds() / 3600


@dataclass(slots=True)
class _Night:
    """Sleep records of one night."""

    where: str
    asleep: list[tuple[datetime, datetime]] = field(default_factory=list)
    in_bed: list[tuple[datetime, datetime]] = field(default_factory=list)
    records: list[dict[str, str]] = field(default_factory=list)


@dataclass(slots=True)
class _Food:
    """Dietary records logged together (same source, same start time)."""

    where: str
    at: datetime
    source: str
    nutrients: dict[str, dict[str, Any]] = field(default_factory=dict)
    records: list[dict[str, str]] = field(default_factory=list)
    seen: set[tuple[str, ...]] = field(default_factory=set)
    foods: list[str] = field(default_factory=list)
    meal: str = ""


@dataclass(slots=True)
class _State:
    """What one pass over export.xml collects."""

    file: str
    result: ParseResult
    tz: tzinfo
    keys: KeyCounter = field(default_factory=KeyCounter)
    nights: dict[date, _Night] = field(default_factory=dict)
    foods: dict[tuple[str, str], _Food] = field(default_factory=dict)


def _metadata(element: Element) -> dict[str, str]:
    return {m.get("key", ""): m.get("value", "") for m in element.iter("MetadataEntry")}


def _emit(state: _State, entry: Entry, where: str, key: str, original: dict[str, Any]) -> None:
    entry = entry.with_changes(source=SOURCE, source_key=key, original={"format": SOURCE, "file": state.file,
                                                                         **original})
    state.result.rows.append(ImportedRow(entry, where))


def read_record(element: Element, where: str, state: _State) -> None:
    """Turn one `<Record>` into an entry, or into the night or meal it belongs to."""
    attrs = dict(element.attrib)
    kind = attrs.get("type", "")
    wanted = (kind.startswith(DIETARY) or kind in (f"{CATEGORY}SleepAnalysis", f"{CATEGORY}MindfulSession",
                                                   f"{CATEGORY}MenstrualFlow")
              or (kind.startswith(CATEGORY) and kind[len(CATEGORY):] in SYMPTOM_TYPES))
    if not wanted:
        return
    try:
        start = parse_apple_time(attrs.get("startDate", ""), state.tz)
        end = parse_apple_time(attrs.get("endDate", "") or attrs.get("startDate", ""), state.tz)
    except ValueError:
        state.result.problems.append(FieldProblem("startDate", _("cannot read {text!r} as a date and time").format(
            text=attrs.get("startDate", "")[:40]), where))
        return
    value = attrs.get("value", "")
    name = kind[len(CATEGORY):] if kind.startswith(CATEGORY) else kind[len(DIETARY):]
    if kind.startswith(DIETARY):
        _food(state, attrs, name, start, where, _metadata(element))
    elif name == "SleepAnalysis":
        night = state.nights.setdefault(night_of(start), _Night(where))
        if value in ASLEEP:
            night.asleep.append((start, end))
        elif value == IN_BED:
            night.in_bed.append((start, end))
        night.records.append(attrs)
    elif name == "MindfulSession":
        minutes = round((end - start).total_seconds() / 60, 1)
        key = state.keys.key(SOURCE, kind, attrs.get("startDate"), attrs.get("endDate"), attrs.get("sourceName"))
        _emit(state, Entry(EntryKind.PRACTICE, start, name=PracticeKind.MEDITATION.value, value=minutes,
                           note=_("mindful session ({source})").format(source=attrs.get("sourceName", ""))),
              where, key, {"record": attrs})
    elif name == "MenstrualFlow":
        if value in FLOW:
            key = state.keys.key(SOURCE, kind, attrs.get("startDate"), value, attrs.get("sourceName"))
            _emit(state, Entry(EntryKind.MENSTRUATION, start, value=1.0,
                               note=_("flow: {flow}").format(flow=FLOW[value])), where, key, {"record": attrs})
    else:
        _symptom(state, attrs, name, start, where)


def _symptom(state: _State, attrs: dict[str, str], name: str, start: datetime, where: str) -> None:
    value = attrs.get("value", "")
    note = ""
    if value in SEVERITY:
        severity = SEVERITY[value]
    elif value in UNSPECIFIED:
        severity, note = UNSPECIFIED_SEVERITY, _("present; Apple Health gave no severity")
    else:
        state.result.problems.append(FieldProblem("value", _("unknown symptom severity {value!r}").format(
            value=value[:60]), where))
        return
    key = state.keys.key(SOURCE, attrs.get("type"), attrs.get("startDate"), attrs.get("endDate"), value,
                         attrs.get("sourceName"))
    _emit(state, Entry(EntryKind.SYMPTOM, start, name=SYMPTOM_TYPES[name], value=severity, note=note), where, key,
          {"record": attrs})


def _food(state: _State, attrs: dict[str, str], nutrient: str, start: datetime, where: str,
          metadata: dict[str, str]) -> None:
    group = state.foods.setdefault((attrs.get("sourceName", ""), attrs.get("startDate", "")),
                                   _Food(where, start, attrs.get("sourceName", "")))
    food = metadata.get("HKFoodType", "").strip()
    # A food's records can appear twice (at top level and inside its food Correlation): count them once.
    identity = (attrs.get("type", ""), attrs.get("endDate", ""), attrs.get("value", ""), attrs.get("unit", ""),
                attrs.get("creationDate", ""), food)
    if identity in group.seen:
        return
    group.seen.add(identity)
    group.records.append({**attrs, **({"HKFoodType": food} if food else {})})
    unit = attrs.get("unit", "")
    try:
        amount = float(attrs.get("value", ""))
    except ValueError:
        amount = math.nan
    if not math.isfinite(amount):
        state.result.problems.append(FieldProblem("value", _("{text!r} is not a number").format(
            text=attrs.get("value", "")[:40]), where))
        return
    # Several foods logged at once each carry their nutrients: the meal holds their sums.
    slot = nutrient if group.nutrients.get(nutrient, {"unit": unit})["unit"] == unit else f"{nutrient} ({unit})"
    total = group.nutrients.setdefault(slot, {"value": 0.0, "unit": unit})
    total["value"] = round(total["value"] + amount, 6)
    if food and food not in group.foods:
        group.foods.append(food)
    group.meal = group.meal or metadata.get("HKFoodMeal", "").strip()


def kilocalories(nutrients: dict[str, dict[str, Any]]) -> float | None:
    """Energy of a food record in kcal (`Cal` and `kcal` as they are, `kJ` converted)."""
    energy = nutrients.get("EnergyConsumed")
    if energy is None:
        return None
    value: float = energy["value"]
    return value / KJ_PER_KCAL if str(energy["unit"]).lower() == "kj" else value


def food_text(group: _Food) -> tuple[str, str]:
    """Meal text and note of a food record: its food names when the logging app wrote them."""
    kcal = kilocalories(group.nutrients)
    energy = f"{tidy_number(round(kcal))} kcal" if kcal is not None else ", ".join(
        f"{n} {tidy_number(v['value'])} {v['unit']}".strip()
        for n, v in list(group.nutrients.items())[:3])
    via = _("{source} via Apple Health").format(source=group.source) if group.source else _("Apple Health")
    if group.foods:
        return ", ".join(group.foods), f"{group.meal + ': ' if group.meal else ''}{via}: {energy}"
    label = group.meal or _("Food record")
    return f"{label} ({via}: {energy})", _("Apple Health keeps nutrients only; no food names were recorded")


def _finish(state: _State) -> None:
    for (source, start_text), group in state.foods.items():
        text, note = food_text(group)
        key = row_key(SOURCE, "food", source, start_text, sorted(group.nutrients.items()), group.foods)
        _emit(state, Entry(EntryKind.MEAL, group.at, name=text, note=note), group.where, key,
              {"source": source, "startDate": start_text, "nutrients": group.nutrients, "foods": group.foods,
               "meal": group.meal, "records": group.records})
    for night_date, night in sorted(state.nights.items()):
        intervals, note = night.asleep, ""
        if not intervals:
            intervals, note = night.in_bed, _("time in bed (no asleep records that night)")
        if not intervals:
            continue  # only awake records
        hours = round(union_hours(intervals), 2)
        wake = max(end for _start, end in intervals)
        # One sleep entry per night: a later export with the same night adds nothing.
        key = row_key(SOURCE, "sleep", night_date.isoformat())
        _emit(state, Entry(EntryKind.SLEEP, wake, value=hours, note=note), night.where, key,
              {"night": night_date.isoformat(), "records": night.records})


@contextmanager
def _open_export(path: Path, result: ParseResult) -> Iterator[tuple[IO[bytes], str, int] | None]:
    """The export.xml stream (inside a zip or not), its name for locations, and its size."""
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                members = [i for i in archive.infolist() if i.filename.endswith("export.xml")
                           and "__MACOSX" not in i.filename]
                if not members:
                    result.problems.append(FieldProblem("file", _("has no export.xml inside"), path.name))
                    yield None
                    return
                with archive.open(members[0]) as stream:
                    yield stream, f"{path.name}/{members[0].filename}", members[0].file_size
                return
        with path.open("rb") as stream:
            yield stream, path.name, path.stat().st_size
    except ZIP_ERRORS as err:
        result.problems.append(FieldProblem("file", _("cannot be read ({reason})").format(reason=err), path.name))
        yield None


class AppleHealthImporter:
    """Apple Health's `export.xml` (or the `export.zip` it comes in), read as a stream."""

    name = "apple_health"
    description = "Apple Health export.xml or export.zip (GI symptoms, sleep, mindful minutes, food records)"
    source = SOURCE

    def parse(self, path: Path, *, tz: tzinfo, progress: Progress | None = None) -> ParseResult:
        """Stream the XML; times keep the offset written in the file (`tz` only for times without one)."""
        result = ParseResult()
        with _open_export(path, result) as opened:
            if opened is not None:
                stream, name, size = opened
                try:
                    self._stream(stream, name, size, tz, result, progress)
                except ZIP_ERRORS as err:
                    result.problems.append(FieldProblem("file", _("cannot be read ({reason})").format(reason=err),
                                                        name))
        return result

    def _stream(self, stream: IO[bytes], name: str, size: int, tz: tzinfo, result: ParseResult,
                progress: Progress | None) -> None:
        state = _State(name, result, tz)
        parser: XMLPullParser[Element] = XMLPullParser(events=("start", "end"))
        line, done, depth = 1, 0, 0
        root: Element | None = None
        try:
            while chunk := stream.readline(READ_CHUNK):
                parser.feed(chunk)
                for pair in parser.read_events():
                    event, item = pair[0], pair[-1]
                    if not isinstance(item, Element):
                        continue  # only start/end events were asked for; these carry elements
                    element = item
                    if event == "start":
                        depth += 1
                        if root is None:
                            root = element
                            if root.tag != "HealthData":
                                result.problems.append(FieldProblem("file", _(
                                    "is not an Apple Health export (root <{tag}>)").format(tag=root.tag[:40]),
                                    f"{name}:{line}"))
                                return
                        continue
                    depth -= 1
                    if element.tag == "Record":
                        result.lines_read += 1
                        read_record(element, f"{name}:{line}", state)
                    if depth == 1 and root is not None:
                        root.clear()  # keep memory flat on multi-gigabyte exports
                done += len(chunk)
                if progress is not None and done // PROGRESS_BYTES != (done - len(chunk)) // PROGRESS_BYTES:
                    progress(done, size)
                if chunk.endswith(b"\n"):
                    line += 1
            parser.close()
        except ParseError as err:
            where = f"{name}:{err.position[0] if err.position else line}"
            result.problems.append(FieldProblem("file", _("is not complete, well-formed XML ({reason})").format(
                reason=err), where))
        except (LookupError, ValueError) as err:
            # expat raises these for an unknown or unusable encoding in the XML declaration.
            result.problems.append(FieldProblem("file", _("is not complete, well-formed XML ({reason})").format(
                reason=err), f"{name}:{line}"))
        _finish(state)
        if progress is not None:
            progress(size, size)
