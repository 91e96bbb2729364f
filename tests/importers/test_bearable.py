"""Bearable: both export versions, severities on the 0-10 scale, symptom names mapped, parts of the day."""

from __future__ import annotations

from pathlib import Path

import pytest

from zonula.domain.entries import EntryKind
from zonula.errors import ImportFileError
from zonula.service import Diary

DATA = Path(__file__).parent.parent / "data" / "importers" / "bearable"


def _shape(diary: Diary) -> list[tuple[str, str, str, float | None, str, str]]:
    return [(e.kind.value, e.at.isoformat(), e.name, e.value, e.unit, e.note) for e in diary.entries()]


def test_the_7_column_export_maps_every_category(diary: Diary) -> None:
    diary.set_preferences(timezone="Europe/London")
    report = diary.import_file("bearable", DATA / "bearable_7col.csv")
    assert report.rows_read == 12 and report.added == 12
    assert _shape(diary) == [
        ("medication", "2020-09-22T03:04:00+01:00", "Hydroxyzine", 50.0, "mg", ""),
        ("note", "2020-09-22T09:00:00+01:00", "mood", 4.0, "", "Mood 4"),
        ("supplement", "2020-09-22T09:00:00+01:00", "Probiotic", 1.0, "capsule", ""),
        ("note", "2020-09-22T12:00:00+01:00", "factors", None, "", "Factors: Sedentary, With family"),
        ("meal", "2020-09-22T12:00:00+01:00", "Dairy, Gluten, 火锅", None, "", "Bearable food diary factors"),
        ("note", "2020-09-22T12:00:00+01:00", "gratitudes", None, "", "Gratitudes: Sunny walk"),
        ("symptom", "2020-09-22T15:00:00+01:00", "bloating", 8.0, "", "after lunch"),
        ("symptom", "2020-09-22T15:00:00+01:00", "abdominal_pain", 8.0, "", "after lunch"),
        ("symptom", "2020-09-22T21:00:00+01:00", "headache", 3.0, "", ""),
        ("sleep", "2020-09-23T03:00:00+01:00", "", 6.5, "", ""),
        ("symptom", "2020-09-23T09:00:00+01:00", "brain_fog", 5.0, "", ""),
        ("symptom", "2020-09-23T09:00:00+01:00", "nausea", 0.0, "", ""),
    ]


def test_the_8_column_export_reads_date_formatted_and_bowel_movements(diary: Diary) -> None:
    diary.set_preferences(timezone="Europe/London")
    diary.import_file("bearable", DATA / "bearable_8col.csv")
    assert _shape(diary) == [
        ("stool", "2024-03-01T08:40:00+00:00", "", 4.0, "", ""),
        ("symptom", "2024-03-01T09:00:00+00:00", "heartburn", 5.0, "", ""),
        ("note", "2024-03-01T12:00:00+00:00", "energy", 3.0, "", "Energy 3"),
        ("stool", "2024-03-01T21:00:00+00:00", "", 6.0, "", "urgent"),
        ("stool", "2024-03-01T21:00:00+00:00", "", 7.0, "", "urgent"),
        ("symptom", "2024-03-01T21:00:00+00:00", "joint_pain", 10.0, "", ""),
        ("sleep", "2024-03-02T03:00:00+00:00", "", 7.5, "", "7h 30m"),
        ("medication", "2024-03-02T15:00:00+00:00", "Ibuprofen", 400.0, "mg", "for headache"),
    ]
    ibuprofen = diary.entries(kinds=[EntryKind.MEDICATION])[0]
    assert ibuprofen.drug_class is not None and ibuprofen.drug_class.value == "nsaid"
    assert ibuprofen.original == {"format": "bearable", "file": "bearable_8col.csv", "row": {
        "date": "2nd Mar 2024", "date formatted": "2024-03-02", "weekday": "Saturday", "time of day": "mid",
        "category": "Meds/Supplements", "rating/amount": "400", "detail": "Ibuprofen (mg)",
        "notes": "for headache"}}


def test_a_broken_export_is_refused_whole_with_lines(diary: Diary) -> None:
    with pytest.raises(ImportFileError) as err:
        diary.import_file("bearable", DATA / "bearable_broken.csv")
    assert [str(p) for p in err.value.problems] == [
        "bearable_broken.csv:3: date: cannot read '32nd Sep 2020' as a date (expected like 22nd Sep 2020)",
        "bearable_broken.csv:4: time of day: cannot read 'tea time' as a time of day",
        "bearable_broken.csv:5: rating/amount: a Bearable symptom needs a severity 0-4, got '7'",
        "bearable_broken.csv:7: date: cannot read 'yesterday' as a date (expected like 22nd Sep 2020)",
        "bearable_broken.csv:8: rating/amount: 'lots' is not a number",
    ]
    assert diary.entries() == []


def test_skip_bad_rows_keeps_the_good_ones(diary: Diary) -> None:
    report = diary.import_file("bearable", DATA / "bearable_broken.csv", skip_bad_rows=True)
    assert report.added == 3 and len(report.skipped) == 5
    assert [(e.kind.value, e.name) for e in diary.entries()] == [
        ("symptom", "headache"), ("note", "bowel movement"), ("symptom", "gas")]
    assert diary.entries()[1].note == "Bowel movement: Normal (no Bristol type)"


def test_dry_run_and_re_import(diary: Diary) -> None:
    assert diary.import_file("bearable", DATA / "bearable_7col.csv", dry_run=True).added == 12
    assert diary.entries() == []
    diary.import_file("bearable", DATA / "bearable_7col.csv")
    again = diary.import_file("bearable", DATA / "bearable_7col.csv")
    assert (again.added, again.duplicates) == (0, 12)


def test_a_file_without_bearable_columns_is_a_header_problem(diary: Diary) -> None:
    with pytest.raises(ImportFileError, match=r"bearable_missing_columns.csv:1: header: missing column\(s\) "
                                              r"time of day, rating/amount"):
        diary.import_file("bearable", DATA / "bearable_missing_columns.csv")
