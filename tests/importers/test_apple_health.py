"""Apple Health: streamed export.xml, severities, sleep per night, mindful minutes, food records, zip."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from zonula.domain.entries import EntryKind
from zonula.errors import ImportFileError
from zonula.importers.apple_health import parse_apple_time, union_hours
from zonula.service import Diary

DATA = Path(__file__).parent.parent / "data" / "importers" / "apple_health"


def _shape(diary: Diary) -> list[tuple[str, str, str, float | None, str]]:
    return [(e.kind.value, e.at.isoformat(), e.name, e.value, e.note) for e in diary.entries()]


EXPECTED = [
    ("meal", "2026-11-18T12:30:00+08:00", "牛肉面", None, "Lunch: MyFitnessPal via Apple Health: 520 kcal"),
    ("symptom", "2026-11-18T13:30:00+08:00", "bloating", 5.0, ""),
    ("symptom", "2026-11-18T13:45:00+08:00", "abdominal_pain", 8.0, ""),
    ("symptom", "2026-11-18T19:40:00+08:00", "nausea", 5.0, "present; Apple Health gave no severity"),
    ("menstruation", "2026-11-19T00:00:00+08:00", "", 1.0, "flow: light"),
    ("sleep", "2026-11-19T06:40:00+08:00", "", 7.33, ""),
    ("symptom", "2026-11-19T08:00:00+08:00", "headache", 0.0, ""),
    ("meal", "2026-11-19T08:00:00+08:00", "Food record (Lifesum via Apple Health: 300 kcal)", None,
     "Apple Health keeps nutrients only; no food names were recorded"),
    ("meal", "2026-11-19T10:00:00+08:00", "Food record (WaterMinder via Apple Health: Water 250 mL)", None,
     "Apple Health keeps nutrients only; no food names were recorded"),
    ("meal", "2026-11-19T18:40:00+08:00", "Rice, 麻婆豆腐", None, "Dinner: MyFitnessPal via Apple Health: 500 kcal"),
    ("practice", "2026-11-19T21:00:00+08:00", "meditation", 10.0, "mindful session (Breathe)"),
    ("sleep", "2026-11-20T06:30:00-08:00", "", 8.0, "time in bed (no asleep records that night)"),
]


def test_the_export_gives_symptoms_sleep_mindfulness_and_food(diary: Diary) -> None:
    report = diary.import_file("apple_health", DATA / "export.xml")
    assert report.rows_read == 27 and report.added == 12
    assert _shape(diary) == EXPECTED


def test_the_zip_gives_the_same_and_re_import_adds_nothing(diary: Diary) -> None:
    diary.import_file("apple_health", DATA / "export.zip")
    assert _shape(diary) == EXPECTED
    again = diary.import_file("apple_health", DATA / "export.xml")
    assert (again.added, again.duplicates) == (0, 12)


def test_food_records_keep_their_nutrients_and_sleep_its_records(diary: Diary) -> None:
    diary.import_file("apple_health", DATA / "export.xml")
    lunch = diary.entries(kinds=[EntryKind.MEAL])[0].original
    assert lunch is not None and lunch["nutrients"] == {
        "EnergyConsumed": {"value": 520.0, "unit": "Cal"}, "Protein": {"value": 24.5, "unit": "g"},
        "Carbohydrates": {"value": 71.0, "unit": "g"}}
    assert lunch["foods"] == ["牛肉面"] and lunch["meal"] == "Lunch"


def test_foods_logged_together_are_summed_and_correlation_copies_counted_once(diary: Diary) -> None:
    diary.import_file("apple_health", DATA / "export.xml")
    dinner = diary.entries(kinds=[EntryKind.MEAL])[3]
    assert dinner.name == "Rice, 麻婆豆腐"
    assert dinner.original is not None and dinner.original["nutrients"] == {
        "EnergyConsumed": {"value": 500.0, "unit": "Cal"}, "Carbohydrates": {"value": 44.5, "unit": "g"},
        "Protein": {"value": 17.0, "unit": "g"}}
    assert len(dinner.original["records"]) == 4
    night = diary.entries(kinds=[EntryKind.SLEEP])[0].original
    assert night is not None and night["night"] == "2026-11-18" and len(night["records"]) == 6
    bloating = diary.entries(kinds=[EntryKind.SYMPTOM])[0].original
    assert bloating is not None and bloating["record"]["value"] == "HKCategoryValueSeverityModerate"


def test_a_truncated_export_is_refused_whole(diary: Diary) -> None:
    with pytest.raises(ImportFileError) as err:
        diary.import_file("apple_health", DATA / "export_broken.xml")
    assert [str(p) for p in err.value.problems] == [
        "export_broken.xml:45: startDate: cannot read 'last tuesday' as a date and time",
        "export_broken.xml:46: value: unknown symptom severity 'HKCategoryValueSeverityHuge'",
        "export_broken.xml:70: file: is not complete, well-formed XML (unclosed token: line 70, column 1)",
    ]
    assert diary.entries() == []


def test_skip_bad_rows_keeps_what_was_read_before_the_break(diary: Diary) -> None:
    report = diary.import_file("apple_health", DATA / "export_broken.xml", skip_bad_rows=True)
    assert report.added == 10 and len(report.skipped) == 3
    assert "Water" not in " ".join(e.name for e in diary.entries())


@pytest.mark.parametrize(("name", "needle"), [
    ("export_truncated.xml", "export_truncated.xml:46: file: is not complete, well-formed XML"),
    ("export_latin1.xml", "export_latin1.xml:59: file: is not complete, well-formed XML (not well-formed"),
])
def test_truncated_or_mis_encoded_xml_is_located(diary: Diary, name: str, needle: str) -> None:
    with pytest.raises(ImportFileError) as err:
        diary.import_file("apple_health", DATA / name)
    assert needle in str(err.value)
    assert diary.entries() == []


def test_another_xml_file_is_refused(diary: Diary, tmp_path: Path) -> None:
    other = tmp_path / "export.xml"
    other.write_text('<?xml version="1.0"?>\n<ClinicalDocument><Record type="x"/></ClinicalDocument>\n',
                     encoding="utf-8")
    with pytest.raises(ImportFileError, match=r"export\.xml:2: file: is not an Apple Health export"):
        diary.import_file("apple_health", other)


def test_dry_run_writes_nothing(diary: Diary) -> None:
    report = diary.import_file("apple_health", DATA / "export.xml", dry_run=True)
    assert report.by_kind == {"meal": 4, "symptom": 4, "menstruation": 1, "sleep": 2, "practice": 1}
    assert diary.entries() == []


def test_offsets_in_the_file_are_kept() -> None:
    moment = parse_apple_time("2014-09-13 10:27:54 +0100", ZoneInfo("Asia/Shanghai"))
    assert moment.utcoffset() == timedelta(hours=1) and moment.hour == 10
    naive = parse_apple_time("2014-09-13T10:27:54", ZoneInfo("Asia/Shanghai"))
    assert naive.utcoffset() == timedelta(hours=8) and naive.hour == 10


def test_overlapping_sleep_is_counted_once() -> None:
    utc = UTC
    t = [datetime(2026, 1, 1, h, tzinfo=utc) for h in range(10)]
    assert union_hours([(t[0], t[4]), (t[1], t[3]), (t[3], t[6]), (t[8], t[9])]) == 7.0
    assert union_hours([]) == 0.0


def test_an_unknown_encoding_in_the_xml_declaration_is_a_located_problem(tmp_path: Path) -> None:
    from datetime import UTC

    from zonula.importers.apple_health import AppleHealthImporter

    bad = tmp_path / "export.xml"
    bad.write_bytes(b'<?xml version="1.0" encoding="TF-8"?>\n<HealthData>\n</HealthData>\n')
    result = AppleHealthImporter().parse(bad, tz=UTC)
    assert result.rows == []
    assert [str(p) for p in result.problems] == [
        "export.xml:1: file: is not complete, well-formed XML (unknown encoding: TF-8)"]


def test_a_zip_with_a_damaged_deflate_stream_is_refused_not_crashed(diary: Diary, tmp_path: Path) -> None:
    import zipfile

    member = "apple_health_export/export.xml"
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(member, "<HealthData>" + "<Record type='x'/>" * 2000 + "</HealthData>")
    data = bytearray(path.read_bytes())
    start = 30 + len(member)  # the compressed data follows the local header and the name
    data[start + 5:start + 40] = bytes(b ^ 0xFF for b in data[start + 5:start + 40])
    path.write_bytes(bytes(data))  # zlib now fails inside the stream ("invalid code lengths set")
    with pytest.raises(ImportFileError) as err:
        diary.import_file("apple_health", path)
    assert "cannot be read" in str(err.value.problems[0])
    assert diary.entries() == []
