"""Fuzzing every importer: mutated real-shaped files never crash and never leave a partial import."""

from __future__ import annotations

import csv
import io
import itertools
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import make_diary
from zonula.domain.entries import validate
from zonula.errors import FieldProblem, ImportFileError, ValidationError
from zonula.importers import IMPORTERS
from zonula.storage import Database

DATA = Path(__file__).parent.parent / "data" / "importers"
SAMPLES: dict[str, tuple[Path, ...]] = {
    "cronometer": (DATA / "cronometer" / "servings.csv", DATA / "cronometer" / "biometrics.csv",
                   DATA / "cronometer" / "exercises.csv"),
    "bearable": (DATA / "bearable" / "bearable_7col.csv", DATA / "bearable" / "bearable_8col.csv"),
    "mysymptoms": (DATA / "mysymptoms" / "mysymptoms.csv",),
    "myfitnesspal": (DATA / "myfitnesspal" / "Nutrition-Summary-2026-01-01-to-2026-01-31.csv",),
    "apple_health": (DATA / "apple_health" / "export.xml",),
}
CASES = [(fmt, path) for fmt, paths in SAMPLES.items() for path in paths]
TZ = ZoneInfo("Asia/Shanghai")
_users = itertools.count()


@st.composite
def mutated(draw: st.DrawFn, data: bytes) -> bytes:
    """A sample file with a few random damages: flips, cuts, inserted unicode, huge fields, line swaps."""
    out = bytearray(data)
    for _step in range(draw(st.integers(1, 4))):
        how = draw(st.sampled_from(["flip", "truncate", "unicode", "huge", "swap_lines", "delete"]))
        pos = draw(st.integers(0, max(len(out) - 1, 0)))
        if how == "flip" and out:
            out[pos] = draw(st.integers(0, 255))
        elif how == "truncate":
            del out[pos:]
        elif how == "unicode":
            text = draw(st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=12))
            out[pos:pos] = text.encode("utf-8")
        elif how == "huge":
            out[pos:pos] = draw(st.sampled_from([b"x", b"\xe7\x89\x9b", b"\"", b","])) * draw(
                st.integers(1_000, 200_000))
        elif how == "swap_lines":
            lines = bytes(out).split(b"\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            out = bytearray(b"\n".join(lines))
        elif how == "delete" and out:
            del out[pos:pos + draw(st.integers(1, 64))]
    return bytes(out)


def _parse_checked(fmt: str, path: Path) -> tuple[int, list[FieldProblem]]:
    """Parse, asserting the importer's contract; return the number of valid entries and all problems."""
    result = IMPORTERS[fmt].parse(path, tz=TZ)
    problems = list(result.problems)
    for problem in problems:
        assert isinstance(problem, FieldProblem) and problem.location
        assert problem.location.startswith(path.name)
    keys = set()
    for row in result.rows:
        assert row.location.startswith(path.name)
        try:
            validate(row.entry)
        except ValidationError as err:
            problems += err.problems
            continue
        assert row.entry.source_key
        keys.add(row.entry.source_key)
    return len(keys), problems


def _all_or_nothing(db: Database, fmt: str, path: Path) -> None:
    diary = make_diary(db, f"fuzz{next(_users)}")
    fresh_keys, problems = _parse_checked(fmt, path)
    if problems:
        with pytest.raises(ImportFileError):
            diary.import_file(fmt, path)
        assert diary.entries(limit=1) == []
        return
    report = diary.import_file(fmt, path)
    assert report.added == fresh_keys == len(diary.entries())


@pytest.mark.parametrize(("fmt", "path"), CASES, ids=[f"{f}-{p.name}" for f, p in CASES])
def test_mutated_files_never_crash_and_never_half_import(fmt: str, path: Path, db: Database,
                                                         tmp_path: Path) -> None:
    original = path.read_bytes()

    @settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
    @given(data=mutated(original))
    def check(data: bytes) -> None:
        target = tmp_path / path.name
        target.write_bytes(data)
        _all_or_nothing(db, fmt, target)

    check()


def _shuffle_columns(text: str, order: list[int]) -> str:
    rows = list(csv.reader(io.StringIO(text, newline="")))
    width = len(rows[0])
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    for row in rows:
        row = row + [""] * (width - len(row))
        writer.writerow([row[i] for i in order])
    return buf.getvalue()


CSV_CASES = [(fmt, p) for fmt, p in CASES if fmt in ("cronometer", "bearable", "myfitnesspal")]


@pytest.mark.parametrize(("fmt", "path"), CSV_CASES, ids=[f"{f}-{p.name}" for f, p in CSV_CASES])
def test_shuffled_columns_give_the_same_entries(fmt: str, path: Path, tmp_path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    width = len(next(csv.reader(io.StringIO(text))))
    expected = IMPORTERS[fmt].parse(path, tz=TZ)

    @settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
    @given(order=st.permutations(list(range(width))))
    def check(order: list[int]) -> None:
        target = tmp_path / path.name
        target.write_text(_shuffle_columns(text, order), encoding="utf-8")
        got = IMPORTERS[fmt].parse(target, tz=TZ)
        assert not got.problems
        assert [(r.entry.kind, r.entry.at, r.entry.name, r.entry.value, r.entry.note) for r in got.rows] == [
            (r.entry.kind, r.entry.at, r.entry.name, r.entry.value, r.entry.note) for r in expected.rows]

    check()


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(fmt=st.sampled_from(sorted(SAMPLES)),
       data=st.one_of(st.binary(max_size=400), st.text(max_size=400).map(lambda t: t.encode("utf-8"))))
def test_random_bytes_are_only_ever_located_problems(fmt: str, data: bytes, tmp_path_factory: pytest.TempPathFactory
                                                     ) -> None:
    target = tmp_path_factory.mktemp("fuzz") / ("export.xml" if fmt == "apple_health" else "random.csv")
    target.write_bytes(data)
    _parse_checked(fmt, target)
