"""The full JSON export: carries every area's extra data, and export -> import -> export keeps entries."""

from __future__ import annotations

import io
import itertools
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import make_diary
from zonula.domain.entries import SYMPTOM_KEYS, Entry, EntryKind
from zonula.exporters import EXPORTERS, ExportBundle
from zonula.storage import Database

_people = itertools.count()
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("牛奶面条豆浆 \n\t"),
               min_size=1, max_size=40).filter(lambda s: s.strip() != "")
ZONES = st.sampled_from([timezone(timedelta(hours=h)) for h in (-5, 0, 1, 8, 9)])
MOMENTS = st.builds(lambda d, tz: d.replace(tzinfo=tz),
                    st.datetimes(datetime(2020, 1, 1), datetime(2030, 1, 1)), ZONES)
HALVES = st.integers(0, 20).map(lambda n: n / 2)


@st.composite
def entries(draw: st.DrawFn) -> Entry:
    at = draw(MOMENTS)
    recorded = draw(st.none() | st.integers(0, 5000).map(lambda m: at + timedelta(minutes=m)))
    kind = draw(st.sampled_from([EntryKind.SYMPTOM, EntryKind.STOOL, EntryKind.MEAL, EntryKind.MEDICATION,
                                 EntryKind.SLEEP, EntryKind.NOTE, EntryKind.STRESS]))
    note = draw(st.just("") | TEXT)
    if kind is EntryKind.SYMPTOM:
        entry = Entry(kind, at, name=draw(st.sampled_from(SYMPTOM_KEYS)), value=draw(HALVES), note=note)
    elif kind is EntryKind.STOOL:
        entry = Entry(kind, at, value=float(draw(st.integers(1, 7))), note=note)
    elif kind is EntryKind.MEAL:
        entry = Entry(kind, at, name=draw(TEXT), note=note)
    elif kind is EntryKind.MEDICATION:
        entry = Entry(kind, at, name=draw(TEXT), value=draw(st.floats(0.5, 2000).map(lambda v: round(v, 2))),
                      unit=draw(st.sampled_from(["mg", "g", "IU", "片"])), note=note)
    elif kind is EntryKind.SLEEP:
        entry = Entry(kind, at, value=draw(HALVES), quality=draw(st.none() | HALVES))
    elif kind is EntryKind.STRESS:
        entry = Entry(kind, at, value=draw(HALVES))
    else:
        entry = Entry(kind, at, note=draw(TEXT))
    return entry.with_changes(recorded_at=recorded)


def _comparable(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """Entries as exported, minus what a store assigns (row id) or an import adds (its row key)."""
    return [{k: v for k, v in e.items() if k not in ("id", "source_key")} for e in doc["entries"]]


def _export(diary: Any) -> dict[str, Any]:
    out = io.BytesIO()
    diary.export("json", out)
    return dict(json.loads(out.getvalue()))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(items=st.lists(entries(), min_size=1, max_size=12))
def test_export_import_export_gives_the_same_entries(sqlite_db: Database, tmp_path: Path,
                                                     items: list[Entry]) -> None:
    n = next(_people)
    alice, bob = make_diary(sqlite_db, f"alice{n}"), make_diary(sqlite_db, f"bob{n}", timezone="Europe/Paris")
    alice.add_many(items)
    first = _export(alice)
    path = tmp_path / f"export{n}.json"
    path.write_text(json.dumps(first, ensure_ascii=False), encoding="utf-8")
    report = bob.import_file("json", path)
    assert report.added == len(items)
    second = _export(bob)
    assert _comparable(second) == _comparable(first)
    path.write_text(json.dumps(second, ensure_ascii=False), encoding="utf-8")
    assert bob.import_file("json", path).added == 0  # the round trip is idempotent


def test_the_json_export_carries_every_areas_extra_data() -> None:
    bundle = ExportBundle("alice", "Alice", "Asia/Shanghai", "zh", [],
                          extra={"assessments": [{"id": 1, "answers": {"q1": "是"}}], "plans": []})
    out = io.BytesIO()
    EXPORTERS["json"].write(bundle, out)
    doc = json.loads(out.getvalue())
    assert doc["assessments"] == [{"id": 1, "answers": {"q1": "是"}}]
    assert doc["plans"] == []
    assert doc["entries"] == [] and doc["format"] == "zonula"


def test_an_area_cannot_overwrite_the_entries() -> None:
    bundle = ExportBundle("alice", "Alice", None, None, [], extra={"entries": []})
    with pytest.raises(ValueError, match="entries"):
        EXPORTERS["json"].write(bundle, io.BytesIO())


def test_an_export_with_other_areas_data_still_imports_its_entries(sqlite_db: Database, tmp_path: Path) -> None:
    alice, bob = make_diary(sqlite_db, "alice_x"), make_diary(sqlite_db, "bob_x")
    answers = json.loads((Path(__file__).resolve().parents[2] / "docs" / "examples" / "answers.json")
                         .read_text(encoding="utf-8"))
    alice.save_assessment(answers)
    alice.add_many([Entry(EntryKind.SYMPTOM, datetime(2026, 3, 1, 9, tzinfo=timezone(timedelta(hours=8))),
                          name="nausea", value=3)])
    first = _export(alice)
    assert len(first["assessments"]) == 1
    path = tmp_path / "alice.json"
    path.write_text(json.dumps(first, ensure_ascii=False), encoding="utf-8")
    assert bob.import_file("json", path).added == 1
    assert _comparable(_export(bob)) == _comparable(first)
