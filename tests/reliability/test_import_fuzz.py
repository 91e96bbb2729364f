"""Every registered importer, through `Diary.import_file`, against mutated real samples and random bytes.

Whatever the file holds, an import either succeeds or raises a ZonulaError with nothing written,
and a successful import repeated adds nothing. Seeds are the sample files under tests/data whose
path names the format, so a new importer with a sample is fuzzed without touching this test.
"""

from __future__ import annotations

import io
import itertools
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import make_diary
from zonula.domain.entries import Entry, EntryKind
from zonula.errors import ZonulaError
from zonula.importers import IMPORTERS
from zonula.service import Diary
from zonula.storage import Database

DATA = Path(__file__).resolve().parents[1] / "data"
_names = itertools.count()


def zonula_json_sample(folder: Path) -> bytes:
    """A small zonula JSON export, made by the exporter."""
    diary = make_diary(Database(f"sqlite:///{folder}/seed.sqlite3"), "seed")
    start = datetime(2026, 3, 1, 8, 0, tzinfo=diary.tz)
    diary.add_many([Entry(EntryKind.MEAL, start, name="粥 and milk"),
                    Entry(EntryKind.SYMPTOM, start + timedelta(hours=2), name="bloating", value=6, note="x"),
                    Entry(EntryKind.STOOL, start + timedelta(hours=3), value=4)])
    out = io.BytesIO()
    diary.export("json", out)
    return out.getvalue()


def seeds(fmt: str, folder: Path) -> list[tuple[str, bytes]]:
    """(suffix, content) of the sample files for a format."""
    found = [p for p in sorted(DATA.rglob("*")) if p.is_file() and fmt in p.relative_to(DATA).as_posix().lower()]
    if fmt == "csv":
        found += [DATA / "zonula_sample.csv", DATA / "zonula_broken.csv"]
    samples = [(p.suffix, p.read_bytes()) for p in found if p.stat().st_size < 200_000]
    if fmt == "json":
        samples.append((".json", zonula_json_sample(folder)))
    return samples or [(".txt", b"")]


@st.composite
def mutated(draw: st.DrawFn, samples: list[tuple[str, bytes]]) -> tuple[str, bytes]:
    """A sample with a few random cuts, insertions and duplicated lines, or plain random bytes."""
    suffix, content = draw(st.sampled_from(samples))
    if draw(st.integers(0, 9)) == 0:
        return suffix, draw(st.binary(max_size=2000))
    data = bytearray(content)
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["cut", "insert", "duplicate", "truncate", "text"]))
        at = draw(st.integers(0, max(0, len(data))))
        if op == "cut":
            del data[at:at + draw(st.integers(1, 40))]
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=20))
        elif op == "text":
            data[at:at] = draw(st.text(alphabet=',;"\n\r\t:{}[]-+.0123456789eE 牛奶\x00\ufeff', max_size=20)).encode()
        elif op == "duplicate":
            lines = bytes(data).splitlines(keepends=True)
            if lines:
                i = draw(st.integers(0, len(lines) - 1))
                data = bytearray(b"".join([*lines[:i + 1], lines[i], *lines[i + 1:]]))
        else:
            del data[at:]
    return suffix, bytes(data)


def count(diary: Diary) -> int:
    """Entries in the diary."""
    return len(diary.entries())


@pytest.mark.parametrize("fmt", sorted(IMPORTERS))
def test_an_importer_never_crashes_and_never_writes_half_a_file(fmt: str, sqlite_db: Database,
                                                                  tmp_path: Path) -> None:
    diary = make_diary(sqlite_db, "alice")

    @settings(max_examples=100, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(sample=mutated(seeds(fmt, tmp_path)), skip_bad_rows=st.booleans())
    def fuzz(sample: tuple[str, bytes], skip_bad_rows: bool) -> None:
        suffix, content = sample
        path = tmp_path / f"fuzz{next(_names)}{suffix}"
        path.write_bytes(content)
        before = count(diary)
        try:
            report = diary.import_file(fmt, path, skip_bad_rows=skip_bad_rows)
        except ZonulaError:
            assert count(diary) == before
            return
        assert count(diary) == before + report.added
        again = diary.import_file(fmt, path, skip_bad_rows=True)
        assert again.added == 0
        assert count(diary) == before + report.added

    fuzz()
