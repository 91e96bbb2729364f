"""Cronometer: servings grouped into meals, biometrics by kind, notes, exercises; folders and zips."""

from __future__ import annotations

import shutil
import zipfile
from datetime import time
from pathlib import Path

import pytest

from zonula.domain.entries import EntryKind
from zonula.errors import ImportFileError, ValidationError
from zonula.importers.cronometer import food_item
from zonula.importers.reading import parse_clock
from zonula.service import Diary

DATA = Path(__file__).parent.parent / "data" / "importers" / "cronometer"
EXPORT_FILES = ("servings.csv", "biometrics.csv", "notes.csv", "exercises.csv")


def _rows(diary: Diary, kind: EntryKind) -> list[tuple[str, str, float | None, str]]:
    return [(e.at.isoformat(), e.name, e.value, e.note) for e in diary.entries(kinds=[kind])]


def test_servings_become_one_meal_per_time_and_group(diary: Diary) -> None:
    report = diary.import_file("cronometer", DATA / "servings.csv")
    assert (report.rows_read, report.added) == (9, 5)
    assert _rows(diary, EntryKind.MEAL) == [
        ("2026-11-02T07:45:00+08:00",
         "Oatmeal (Cooked With Water) 1 cup, Milk (2%) 250 ml, Banana 1 medium - 7 to 7-7/8 long", None, ""),
        ("2026-11-02T12:30:00+08:00", "牛肉面 1 bowl, 葱油饼 0.5 piece", None, ""),
        ("2026-11-02T15:00:00+08:00", "Almonds 28 g", None, "no time in the Cronometer export"),
        ("2026-11-02T19:05:00+08:00", "Eggs (Cooked) 4 medium, Rice (White / Cooked) 1.5 cup", None, ""),
        ("2026-11-03T00:00:00+08:00", "Yogurt (Plain) 150 g", None, ""),
    ]


def test_a_meal_keeps_every_serving_row_with_its_nutrients(diary: Diary) -> None:
    diary.import_file("cronometer", DATA / "servings.csv")
    breakfast = diary.entries(kinds=[EntryKind.MEAL])[0]
    assert breakfast.source == "cronometer" and breakfast.source_key
    original = breakfast.original
    assert original is not None and original["group"] == "Breakfast" and original["file"] == "servings.csv"
    assert [r["Food Name"] for r in original["rows"]] == ["Oatmeal, Cooked With Water", "Milk, 2%", "Banana"]
    assert original["rows"][1]["Energy (kcal)"] == "122.50"
    assert len(original["rows"][0]) == 57


def test_an_older_layout_is_read_by_header_name(diary: Diary) -> None:
    diary.import_file("cronometer", DATA / "servings_old_layout.csv")
    assert _rows(diary, EntryKind.MEAL) == [
        ("2019-03-14T08:15:00+08:00", "Toast (Whole Wheat) 2 slice, Peanut Butter 1 tbsp", None, ""),
        ("2019-03-14T18:40:00+08:00", "Salmon (Atlantic / Baked) 150 g", None, ""),
    ]


def test_biometrics_become_sleep_symptom_stress_stool_or_notes(diary: Diary) -> None:
    diary.import_file("cronometer", DATA / "biometrics.csv")
    got = [(e.kind.value, e.at.isoformat(), e.name, e.value, e.unit) for e in diary.entries()]
    assert got == [
        ("sleep", "2026-11-02T07:00:00+08:00", "", 7.4667, ""),
        ("note", "2026-11-02T08:30:00+08:00", "Weight", 61.3, "kg"),
        ("note", "2026-11-02T09:00:00+08:00", "Blood Pressure", None, "mmHg"),
        ("symptom", "2026-11-02T21:10:00+08:00", "bloating", 6.0, ""),
        ("stress", "2026-11-02T21:10:00+08:00", "", 4.0, ""),
        ("sleep", "2026-11-03T07:00:00+08:00", "", 6.75, ""),
        ("stool", "2026-11-03T07:20:00+08:00", "", 4.0, ""),
    ]
    pressure = diary.entries(kinds=[EntryKind.NOTE])[1]
    assert pressure.note == "Blood Pressure: 118/76 mmHg"
    assert pressure.original is not None and pressure.original["row"]["Amount"] == "118/76"


def test_notes_and_exercises(diary: Diary) -> None:
    diary.import_file("cronometer", DATA / "notes.csv")
    diary.import_file("cronometer", DATA / "exercises.csv")
    assert [e.note for e in diary.entries(kinds=[EntryKind.NOTE])] == [
        "Ate late, felt bloated after dinner.\nSlept badly.", "出差第一天"]
    assert _rows(diary, EntryKind.PRACTICE) == [
        ("2026-11-02T06:30:00+08:00", "yoga", 30.0, "Yoga, Hatha (95 kcal)"),
        ("2026-11-02T17:45:00+08:00", "other", 45.0, "Walking, 3.0 mph, moderate pace (180 kcal)"),
        ("2026-11-03T07:00:00+08:00", "tai_chi", 20.0, "Tai Chi (60 kcal)"),
        ("2026-11-03T22:00:00+08:00", "meditation", 15.0, "Meditation (18 kcal)"),
    ]


def _export_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "cronometer-export"
    folder.mkdir()
    for name in EXPORT_FILES:
        shutil.copy(DATA / name, folder / name)
    (folder / "dailysummary.csv").write_text("Date,Energy (kcal),Completed\n2026-11-02,1500,true\n",
                                            encoding="utf-8")
    return folder


def test_a_folder_and_a_zip_of_the_export_import_the_same(db: object, tmp_path: Path) -> None:
    from tests.conftest import make_diary

    folder = _export_folder(tmp_path)
    archive = tmp_path / "cronometer.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for item in folder.iterdir():
            z.write(item, f"export/{item.name}")
    from_folder = make_diary(db, "folder")  # type: ignore[arg-type]
    from_zip = make_diary(db, "zipped")  # type: ignore[arg-type]
    report = from_folder.import_file("cronometer", folder)
    assert report.by_kind == {"meal": 5, "sleep": 2, "note": 4, "symptom": 1, "stress": 1, "stool": 1,
                              "practice": 4}
    assert from_zip.import_file("cronometer", archive).by_kind == report.by_kind
    assert [(e.kind, e.at, e.name, e.value) for e in from_zip.entries()] == [
        (e.kind, e.at, e.name, e.value) for e in from_folder.entries()]


def test_a_broken_file_is_refused_whole_with_file_and_line(diary: Diary) -> None:
    with pytest.raises(ImportFileError) as err:
        diary.import_file("cronometer", DATA / "servings_broken.csv")
    assert [str(p) for p in err.value.problems] == [
        "servings_broken.csv:3: Day: cannot read '11/05/2026' as a date (expected YYYY-MM-DD)",
        "servings_broken.csv:4: Time: cannot read '25:10 PM' as a time of day",
        "servings_broken.csv:5: Food Name: is empty",
        "servings_broken.csv:6: row: has 8 fields, the header has 6",
        "servings_broken.csv:7: Day: cannot read 'this is not a row at all' as a date (expected YYYY-MM-DD)",
    ]
    assert diary.entries() == []


def test_skip_bad_rows_imports_the_good_meals(diary: Diary) -> None:
    report = diary.import_file("cronometer", DATA / "servings_broken.csv", skip_bad_rows=True)
    assert report.added == 2 and len(report.skipped) == 5
    assert [e.name for e in diary.entries()] == ["Oatmeal 1 cup", "Tofu 100 g"]


def test_out_of_range_values_are_located_by_the_facade(diary: Diary) -> None:
    with pytest.raises(ImportFileError) as err:
        diary.import_file("cronometer", DATA / "exercises_broken.csv")
    assert [str(p) for p in err.value.problems] == [
        "exercises_broken.csv:2: Minutes: 'thirty' is not a number",
        "exercises_broken.csv:3: value: must be between 0 and 1440, got 2000",
    ]


def test_dry_run_writes_nothing_and_previews(diary: Diary) -> None:
    report = diary.import_file("cronometer", DATA / "servings.csv", dry_run=True)
    assert report.dry_run and report.added == 5 and len(report.preview) == 5
    assert report.preview[1].name == "牛肉面 1 bowl, 葱油饼 0.5 piece"
    assert diary.entries() == []


def test_importing_the_same_export_twice_adds_nothing(diary: Diary, tmp_path: Path) -> None:
    folder = _export_folder(tmp_path)
    first = diary.import_file("cronometer", folder)
    again = diary.import_file("cronometer", folder)
    assert again.added == 0 and again.duplicates == first.added == 18
    assert len(diary.entries()) == 18


@pytest.mark.parametrize(("name", "needle"), [
    ("servings_latin1.csv", "servings_latin1.csv:2: file: is not UTF-8 text (byte 0xe9"),
    ("biometrics_missing_column.csv", "biometrics_missing_column.csv:1: header: missing column(s) Amount"),
])
def test_unreadable_files_are_clear_problems(diary: Diary, name: str, needle: str) -> None:
    with pytest.raises(ImportFileError) as err:
        diary.import_file("cronometer", DATA / name)
    assert needle in str(err.value)


def test_cronometer_reads_12h_clock() -> None:
    assert parse_clock("8:15 AM") == time(8, 15)
    assert parse_clock("12:00 AM") == time(0, 0)
    assert parse_clock("12:30 PM") == time(12, 30)
    assert parse_clock("9:51 pm") == time(21, 51)
    assert parse_clock("14:05") == time(14, 5)
    assert parse_clock("") is None
    for bad in ("13:00 PM", "0:10 AM", "8.15", "24:00"):
        with pytest.raises(ValidationError):
            parse_clock(bad)


def test_food_names_with_commas_keep_commas_for_separating_foods() -> None:
    assert food_item("Eggs, Cooked", "4.00 medium") == "Eggs (Cooked) 4 medium"
    assert food_item("Rice, White, Cooked", "1.50 cup") == "Rice (White / Cooked) 1.5 cup"
    assert food_item("豆浆", "") == "豆浆"
    assert food_item("Water", "1,250.00 g") == "Water 1250 g"
    assert food_item("Bagel", "1.00 whole - 3 1/2\" diameter") == 'Bagel 1 whole - 3 1/2" diameter'


def test_a_later_overlapping_export_adds_only_the_new_meals(diary: Diary, tmp_path: Path) -> None:
    lines = (DATA / "servings.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    early = tmp_path / "early" / "servings.csv"
    early.parent.mkdir()
    early.write_text("".join(lines[:5]), encoding="utf-8")  # header + breakfast + first lunch serving
    assert diary.import_file("cronometer", early).added == 2
    later = diary.import_file("cronometer", DATA / "servings.csv")
    # Breakfast is the same meal; the lunch grew a serving, so it is a different meal now.
    assert (later.added, later.duplicates) == (4, 1)
