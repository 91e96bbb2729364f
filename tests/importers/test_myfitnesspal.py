"""MyFitnessPal: per-meal nutrition totals, honest meal text, summary rows skipped, the export zip."""

from __future__ import annotations

from pathlib import Path

import pytest

from zonula.errors import ImportFileError
from zonula.service import Diary

DATA = Path(__file__).parent.parent / "data" / "importers" / "myfitnesspal"
SUMMARY = DATA / "Nutrition-Summary-2026-01-01-to-2026-01-31.csv"
NO_FOODS = "MyFitnessPal exports meal totals only, without food names"


def test_each_meal_row_becomes_a_meal_with_its_calories(diary: Diary) -> None:
    report = diary.import_file("myfitnesspal", SUMMARY)
    assert report.added == 5
    assert [(e.at.isoformat(), e.name) for e in diary.entries()] == [
        ("2026-01-01T08:00:00+08:00", "Breakfast (MyFitnessPal: 450 kcal)"),
        ("2026-01-01T12:30:00+08:00", "Lunch (MyFitnessPal: 1050 kcal)"),
        ("2026-01-01T15:00:00+08:00", "Snacks (MyFitnessPal: 164 kcal)"),
        ("2026-01-01T18:30:00+08:00", "Dinner (MyFitnessPal: 780 kcal)"),
        ("2026-01-02T08:00:00+08:00", "Breakfast (MyFitnessPal: 390 kcal)"),
    ]
    lunch = diary.entries()[1]
    assert lunch.note == f"{NO_FOODS}; no time in the export\nTeam lunch"


def test_every_nutrient_is_kept_in_original(diary: Diary) -> None:
    diary.import_file("myfitnesspal", SUMMARY)
    lunch = diary.entries()[1].original
    assert lunch is not None
    assert lunch["nutrients"]["Sodium (mg)"] == 1480.0 and lunch["nutrients"]["Calories"] == 1050.0
    assert lunch["row"]["Calories"] == "1,050"
    assert lunch["percent_daily_value"] == ["Vitamin A", "Vitamin C", "Calcium", "Iron"]
    dinner = diary.entries()[3].original
    assert dinner is not None and "Potassium" not in dinner["nutrients"]  # blank = unknown, not zero


def test_the_older_layout_with_time_and_totals(diary: Diary) -> None:
    diary.import_file("myfitnesspal", DATA / "Nutrition-Summary-with-time.csv")
    assert [(e.at.strftime("%H:%M"), e.name, e.note) for e in diary.entries()] == [
        ("07:40", "Breakfast (MyFitnessPal: 320 kcal)", NO_FOODS),
        ("12:15", "Lunch (MyFitnessPal: 610 kcal)", NO_FOODS),
    ]


def test_the_file_export_zip_reads_only_the_nutrition_summary(diary: Diary) -> None:
    report = diary.import_file("myfitnesspal", DATA / "File-Export-2026-01-01-to-2026-01-31.zip")
    assert report.added == 5 and report.by_kind == {"meal": 5}
    again = diary.import_file("myfitnesspal", SUMMARY)
    assert again.added == 0  # the same rows, whether from the zip or the CSV


def test_a_broken_summary_is_refused_with_lines(diary: Diary) -> None:
    with pytest.raises(ImportFileError) as err:
        diary.import_file("myfitnesspal", DATA / "Nutrition-Summary-broken.csv")
    assert [str(p) for p in err.value.problems] == [
        "Nutrition-Summary-broken.csv:3: Date: cannot read '01/02/2026' as a date (expected YYYY-MM-DD)",
        "Nutrition-Summary-broken.csv:4: Calories: 'lots' is not a number",
        "Nutrition-Summary-broken.csv:5: Meal: is empty",
    ]
    assert diary.entries() == []
    report = diary.import_file("myfitnesspal", DATA / "Nutrition-Summary-broken.csv", skip_bad_rows=True)
    assert report.added == 2


def test_dry_run_writes_nothing(diary: Diary) -> None:
    report = diary.import_file("myfitnesspal", SUMMARY, dry_run=True)
    assert report.added == 5 and [e.name for e in report.preview][:1] == ["Breakfast (MyFitnessPal: 450 kcal)"]
    assert diary.entries() == []


def test_another_apps_csv_is_a_header_problem(diary: Diary) -> None:
    with pytest.raises(ImportFileError, match="missing column"):
        diary.import_file("myfitnesspal", DATA.parent / "bearable" / "bearable_7col.csv")
