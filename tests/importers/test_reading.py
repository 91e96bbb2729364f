"""Shared reading: numbers, encodings, CSV by header name, and real progress callbacks on big files."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from zonula.errors import ValidationError
from zonula.importers import IMPORTERS
from zonula.importers.base import ParseResult
from zonula.importers.reading import SourceFile, decode, parse_number, table

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_numbers_with_thousands_separators_read() -> None:
    assert parse_number("1,050", field="x") == 1050.0
    assert parse_number(" 12.5 ", field="x") == 12.5
    assert parse_number("", field="x") is None
    for bad in ("1,05", "nan", "inf", "12 g"):
        with pytest.raises(ValidationError):
            parse_number(bad, field="x")


def test_utf16_with_a_bom_is_read_and_bad_utf8_is_located() -> None:
    result = ParseResult()
    text = "Day,Note\n2026-11-02,豆浆\n"
    assert decode(SourceFile("notes.csv", text.encode("utf-16")), result) == text
    assert decode(SourceFile("notes.csv", b"Day,Note\n\n2026-11-02,caf\xe9\n"), result) is None
    assert [str(p) for p in result.problems] == [
        "notes.csv:3: file: is not UTF-8 text (byte 0xe9 cannot be read); export it again or save it as UTF-8"]


def test_columns_are_found_by_name_in_any_order_and_case() -> None:
    result = ParseResult()
    got = table("NOTE , day\n\"hello\",2026-11-02\n", "notes.csv", result)
    assert got is not None
    header, rows = got
    row = next(rows)
    assert header == ["NOTE", "day"]
    assert (row.get("Day"), row.get("note"), row.get("Time"), row.where) == ("2026-11-02", "hello", "", "notes.csv:2")


def test_a_spreadsheet_resaved_with_semicolons_or_tabs_still_reads(tmp_path: Path) -> None:
    source = (Path(__file__).parent.parent / "data" / "importers" / "bearable" / "bearable_8col.csv")
    expected = IMPORTERS["bearable"].parse(source, tz=SHANGHAI)
    for delimiter in (";", "\t"):
        rows = list(csv.reader(io.StringIO(source.read_text(encoding="utf-8"))))
        buf = io.StringIO()
        csv.writer(buf, delimiter=delimiter).writerows(rows)
        target = tmp_path / "bearable.csv"
        target.write_text(buf.getvalue(), encoding="utf-8")
        got = IMPORTERS["bearable"].parse(target, tz=SHANGHAI)
        assert not got.problems
        assert [r.entry for r in got.rows] == [r.entry for r in expected.rows]


def test_csv_importers_report_progress_on_big_files(tmp_path: Path) -> None:
    big = tmp_path / "servings.csv"
    lines = ["Day,Time,Group,Food Name,Amount,Energy (kcal)"]
    lines += [f"2026-01-{1 + i % 28:02d},{1 + i % 12}:{i % 60:02d} PM,Lunch,Rice {i},1.00 cup,200" for i in range(5000)]
    big.write_text("\n".join(lines) + "\n", encoding="utf-8")
    calls: list[tuple[int, int]] = []
    IMPORTERS["cronometer"].parse(big, tz=SHANGHAI, progress=lambda done, total: calls.append((done, total)))
    assert len(calls) >= 3
    assert calls[-1][0] == calls[-1][1] and all(done <= total for done, total in calls)


def test_apple_health_reports_progress_in_bytes(tmp_path: Path) -> None:
    record = ('<Record type="HKCategoryTypeIdentifierBloating" sourceName="Health" '
              'startDate="2026-11-18 13:30:00 +0800" endDate="2026-11-18 13:30:00 +0800" '
              'value="HKCategoryValueSeverityMild"/>\n')
    big = tmp_path / "export.xml"
    big.write_text('<?xml version="1.0"?>\n<HealthData locale="en">\n' + record * 8000 + "</HealthData>\n",
                   encoding="utf-8")
    calls: list[tuple[int, int]] = []
    result = IMPORTERS["apple_health"].parse(big, tz=SHANGHAI, progress=lambda d, t: calls.append((d, t)))
    assert result.lines_read == 8000 and not result.problems
    assert len(calls) >= 3 and calls[-1] == (big.stat().st_size, big.stat().st_size)
