"""zonula CSV: import, export, located errors, all-or-nothing, idempotence, lossless round trip."""

from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zonula.domain.entries import Entry, EntryKind, PracticeKind
from zonula.errors import ImportFileError
from zonula.exporters.zonula_csv import write_csv
from zonula.service import Diary

DATA = Path(__file__).parent.parent / "data"


def test_the_sample_file_imports_every_kind(diary: Diary) -> None:
    report = diary.import_file("csv", DATA / "zonula_sample.csv")
    assert report.added == 11 and report.duplicates == 0
    kinds = {e.kind for e in diary.entries()}
    assert kinds == set(EntryKind)
    meal = next(e for e in diary.entries() if e.kind is EntryKind.MEAL and "包子" in e.name)
    assert meal.name == "早餐:牛奶、包子、豆浆"
    sleep = next(e for e in diary.entries() if e.kind is EntryKind.SLEEP)
    assert (sleep.value, sleep.quality) == (6.5, 7)
    naive = next(e for e in diary.entries() if e.kind is EntryKind.STRESS)
    assert naive.at.utcoffset() == timedelta(hours=8)  # a naive time is read in the person's zone


def test_importing_the_same_file_twice_adds_nothing(diary: Diary) -> None:
    diary.import_file("csv", DATA / "zonula_sample.csv")
    again = diary.import_file("csv", DATA / "zonula_sample.csv")
    assert again.added == 0 and again.duplicates == 11
    assert len(diary.entries()) == 11


def test_a_bad_file_is_refused_whole_with_file_and_line(diary: Diary) -> None:
    with pytest.raises(ImportFileError) as err:
        diary.import_file("csv", DATA / "zonula_broken.csv")
    text = str(err.value)
    assert "zonula_broken.csv:3: value: must be between 0 and 10, got 11" in text
    assert "zonula_broken.csv:4: value: must be between 1 and 7, got 8" in text
    assert "zonula_broken.csv:5: kind: unknown kind 'snack'" in text
    assert "zonula_broken.csv:6: timestamp: cannot read 'yesterday-ish'" in text
    assert "zonula_broken.csv:7: row: has 3 fields" in text
    assert diary.entries() == []


def test_skip_bad_rows_imports_the_good_ones_and_lists_the_bad(diary: Diary) -> None:
    report = diary.import_file("csv", DATA / "zonula_broken.csv", skip_bad_rows=True)
    assert report.added == 2
    assert len(report.skipped) == 5
    assert {e.kind for e in diary.entries()} == {EntryKind.MEAL, EntryKind.SYMPTOM}


def test_dry_run_writes_nothing(diary: Diary) -> None:
    report = diary.import_file("csv", DATA / "zonula_sample.csv", dry_run=True)
    assert report.added == 11 and report.dry_run
    assert diary.entries() == []


def test_not_utf8_is_a_clear_problem(diary: Diary, tmp_path: Path) -> None:
    bad = tmp_path / "latin1.csv"
    bad.write_bytes("timestamp,kind,name,value,unit,note\n2026-11-20 08:00,meal,caf\xe9,,,\n".encode("latin-1"))
    with pytest.raises(ImportFileError, match="not UTF-8"):
        diary.import_file("csv", bad)


# Entries as any diary could hold them, restricted to what zonula CSV carries.
texts = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00\r"), max_size=40)
offsets = st.integers(-12 * 4, 14 * 4).map(lambda q: timezone(timedelta(minutes=15 * q)))
moments = st.builds(
    lambda d, tz: datetime(2025, 1, 1, tzinfo=tz) + timedelta(minutes=d),
    st.integers(0, 60 * 24 * 700), offsets,
)
score = st.integers(0, 100).map(lambda v: v / 10)


def _entry(kind: EntryKind, at: datetime, text: str, num: float, note: str) -> Entry:
    if kind is EntryKind.MEAL:
        return Entry(kind, at, name=text.strip() or "rice", note=note)
    if kind is EntryKind.SYMPTOM:
        return Entry(kind, at, name="bloating", value=num, note=note)
    if kind is EntryKind.STOOL:
        return Entry(kind, at, value=float(1 + int(num) % 7), note=note)
    if kind is EntryKind.SLEEP:
        return Entry(kind, at, value=num, quality=round(10 - num, 1), note=note)
    if kind in (EntryKind.MEDICATION, EntryKind.SUPPLEMENT):
        return Entry(kind, at, name=text.strip() or "probiotic", value=num, unit="mg", note=note)
    if kind is EntryKind.PRACTICE:
        return Entry(kind, at, name=list(PracticeKind)[int(num) % 6].value, value=num * 6, note=note)
    if kind is EntryKind.MENSTRUATION:
        return Entry(kind, at, value=1.0, note=note)
    if kind is EntryKind.NOTE:
        return Entry(kind, at, note=note.strip() or "x")
    return Entry(kind, at, value=num, note=note)


entries_strategy = st.lists(
    st.builds(_entry, st.sampled_from(list(EntryKind)), moments, texts, score, texts), max_size=25)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries=entries_strategy)
def test_export_then_import_gives_the_same_diary(sqlite_db: object, tmp_path: Path,
                                                 entries: list[Entry]) -> None:
    from tests.conftest import make_diary

    db = sqlite_db
    source = make_diary(db, "src-" + str(abs(hash(tuple(entries))) % 10**9))  # type: ignore[arg-type]
    target = make_diary(db, "dst-" + str(abs(hash(tuple(entries))) % 10**9))  # type: ignore[arg-type]
    source.clear()
    target.clear()
    if entries:
        source.add_many(entries)
    path = tmp_path / "out.csv"
    with path.open("wb") as out:
        source.export("csv", out)
    target.import_file("csv", path)

    def shape(d: Diary) -> list[tuple[object, ...]]:
        return sorted((e.kind, e.at, e.at.utcoffset(), e.name, e.value, e.unit, e.note, e.quality)
                      for e in d.entries())

    assert shape(target) == shape(source)
    buf = io.StringIO()
    write_csv(target.entries(), buf)
    assert buf.getvalue() == path.read_text(encoding="utf-8")
