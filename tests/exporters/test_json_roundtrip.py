"""The full JSON export re-imports losslessly: every area's data, idempotently, all or nothing."""

from __future__ import annotations

import io
import itertools
import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import make_diary
from tests.exporters.test_zonula_json import entries
from zonula.domain.entries import Entry, EntryKind
from zonula.errors import ImportFileError
from zonula.foods import Level
from zonula.protocol.events import EventKind
from zonula.protocol.settings import Mode
from zonula.service import Diary
from zonula.service.protocol import suspects_from
from zonula.storage import Database

_people = itertools.count()
START = date(2026, 9, 1)
CST = timezone(timedelta(hours=8))
ANSWERS = Path(__file__).resolve().parents[2] / "docs" / "examples" / "answers.json"
FOODS = st.lists(st.tuples(st.sampled_from(["Grandma's dumplings", "Oat bar", "My bread", "家常豆腐"]),
                           st.sampled_from(list(Level))), unique_by=lambda t: t[0], max_size=3)
VALID_CHANGES: list[tuple[EventKind, int | None]] = [(EventKind.PAUSED, None), (EventKind.RESUMED, None),
                                                    (EventKind.EXTENDED, 7)]
CHANGES = st.integers(0, len(VALID_CHANGES)).map(lambda k: VALID_CHANGES[:k])


def _export(diary: Diary) -> dict[str, Any]:
    out = io.BytesIO()
    diary.export("json", out)
    return dict(json.loads(out.getvalue()))


def _write(doc: dict[str, Any], path: Path) -> Path:
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def _stable(value: Any) -> Any:
    """A document without what a store assigns: row ids (and the entry ids meal items point to)."""
    if isinstance(value, dict):
        return {k: _stable(v) for k, v in value.items() if k not in ("id", "entry_id")}
    if isinstance(value, list):
        return [_stable(v) for v in value]
    return value


def _comparable(doc: dict[str, Any]) -> dict[str, Any]:
    """An export minus volatile fields: the export time, ids, and who it belongs to (another username)."""
    # `records` is the raw per-table dump with store-specific ids; the compared sections carry its content.
    out = _stable({k: v for k, v in doc.items() if k not in ("exported_at", "records")})
    out["user"] = {k: v for k, v in out["user"].items() if k not in ("username", "display_name")}
    out["meal_items"] = sorted(out["meal_items"], key=lambda i: json.dumps(i, sort_keys=True))
    return dict(out)


def _person(diary: Diary, items: list[Entry], foods: list[tuple[str, Level]],
            changes: list[tuple[EventKind, int | None]]) -> None:
    """A person with entries, foods, an acknowledged assessment, a plan with events, a repair step."""
    diary.set_preferences(language="zh")
    for name, level in foods:
        diary.add_food(name, groups={"lactose": level}, synonyms=[name.lower()])
    diary.add_many([*items, Entry(EntryKind.MEAL, datetime(2026, 8, 1, 12, tzinfo=CST), name="oat bar and milk")])
    diary.save_assessment(json.loads(ANSWERS.read_text(encoding="utf-8")), on=START - timedelta(days=2))
    diary.acknowledge_red_flags(on=START - timedelta(days=1))
    diary.start_plan(mode=Mode.TARGETED, suspects=suspects_from(["lactose"]), main_symptoms=["bloating"],
                     on=START, seed=3)
    for i, (kind, days) in enumerate(changes, start=1):
        diary.change_plan(kind, on=START + timedelta(days=3 * i), days=days)
    diary.plan_verdicts(on=START + timedelta(days=40))
    diary.adopt_step("vitamin_a", dose="1 capsule", start=START)


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(items=st.lists(entries(), max_size=6), foods=FOODS, changes=CHANGES)
def test_export_import_export_keeps_everything_a_person_owns(db: Database, tmp_path: Path, items: list[Entry],
                                                             foods: list[tuple[str, Level]],
                                                             changes: list[tuple[EventKind, int | None]]) -> None:
    n = next(_people)
    alice, bob = make_diary(db, f"rt_alice{n}"), make_diary(db, f"rt_bob{n}")
    _person(alice, items, foods, changes)
    first = _export(alice)
    report = bob.import_file("json", _write(first, tmp_path / f"a{n}.json"))
    assert report.added == len(items) + 1
    assert report.sections["plans"] == 1 and report.sections["assessments"] == 1
    second = _export(bob)
    keyed = [e["source_key"] for e in second["entries"]]
    assert all(k and k.startswith("zonula-json:") for k in keyed)  # keyed now, so a re-import adds nothing
    for doc in (first, second):
        for e in doc["entries"]:
            e.pop("source_key")
    assert _comparable(second) == _comparable(first)
    again = bob.import_file("json", _write(_export(bob), tmp_path / f"b{n}.json"))
    assert (again.added, again.sections) == (0, {})


def test_the_round_trip_also_fills_a_fresh_store(db: Database, tmp_path: Path) -> None:
    alice = make_diary(db, "rt_store_alice")
    _person(alice, [], [("Oat bar", Level.HIGH)], [(EventKind.PAUSED, None)])
    first = _export(alice)
    fresh = Database(f"sqlite:///{tmp_path / 'fresh.db'}")
    bob = make_diary(fresh, "rt_store_bob")
    bob.import_file("json", _write(first, tmp_path / "a.json"))
    fresh.dispose()
    bob = make_diary(Database(f"sqlite:///{tmp_path / 'fresh.db'}"), "rt_store_bob")
    assert bob.plan_status(on=START + timedelta(days=5)).timeline.settings.order == ("lactose",)
    assert [f.key for f in bob.user_foods()] == ["oat-bar"]
    assert bob.safety_status() == alice.safety_status()
    assert bob.user.language == "zh"


@pytest.mark.parametrize(("section", "damage", "where", "field"), [
    ("assessments", {"taken_on": "yesterday"}, "assessments[0]", "taken_on"),
    ("user_foods", {"groups": {"lactose": "lots"}}, "user_foods[0]", "groups"),
    ("repair_items", {"step": "leeches"}, "repair_items[0]", "step"),
    ("repair_items", {"start": "0001-01-01"}, "repair_items[0]", "start"),
    ("repair_items", {"stop": "2000-01-01"}, "repair_items[0]", "stop"),
    ("repair_items", {"dose": "x" * 201}, "repair_items[0]", "dose"),
])
def test_a_corrupted_section_aborts_the_whole_import_with_a_located_problem(
        sqlite_db: Database, tmp_path: Path, section: str, damage: dict[str, Any], where: str, field: str) -> None:
    alice, bob = make_diary(sqlite_db, "rt_bad_alice"), make_diary(sqlite_db, "rt_bad_bob")
    _person(alice, [], [("Oat bar", Level.HIGH)], [])
    doc = _export(alice)
    doc[section][0].update(damage)
    with pytest.raises(ImportFileError) as err:
        bob.import_file("json", _write(doc, tmp_path / "bad.json"))
    assert [(p.location, p.field) for p in err.value.problems] == [(f"bad.json:{where}", field)]
    assert bob.entries() == [] and bob.user_foods() == [] and bob.assessment_history() == []
    assert bob.repair_items() == [] and bob.user.language is None


def test_a_broken_plan_event_is_located_and_nothing_is_written(sqlite_db: Database, tmp_path: Path) -> None:
    alice, bob = make_diary(sqlite_db, "rt_plan_alice"), make_diary(sqlite_db, "rt_plan_bob")
    _person(alice, [], [], [(EventKind.PAUSED, None)])
    doc = _export(alice)
    doc["plans"][0]["events"][1]["kind"] = "exploded"
    with pytest.raises(ImportFileError) as err:
        bob.import_file("json", _write(doc, tmp_path / "plan.json"))
    assert [p.location for p in err.value.problems] == ["plan.json:plans[0].events[1]"]
    assert bob.entries() == [] and bob.red_flag_acks() == []


def test_a_dry_run_counts_the_sections_and_writes_nothing(sqlite_db: Database, tmp_path: Path) -> None:
    alice, bob = make_diary(sqlite_db, "rt_dry_alice"), make_diary(sqlite_db, "rt_dry_bob")
    _person(alice, [], [("Oat bar", Level.LOW)], [])
    report = bob.import_file("json", _write(_export(alice), tmp_path / "a.json"), dry_run=True)
    assert report.sections == {"user": 1, "user_foods": 1, "assessments": 1, "red_flag_acks": 1, "plans": 1,
                               "plan_events": 1, "repair_items": 1}
    assert bob.user_foods() == [] and bob.assessment_history() == [] and bob.repair_items() == []
