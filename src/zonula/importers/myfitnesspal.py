"""MyFitnessPal nutrition summary (Premium "File Export"): one row per meal with nutrient totals."""

from __future__ import annotations

from datetime import tzinfo
from pathlib import Path
from typing import Any

from zonula.domain.entries import Entry, EntryKind
from zonula.errors import FieldProblem, ValidationError
from zonula.i18n import _
from zonula.importers.base import ImportedRow, KeyCounter, ParseResult, Progress
from zonula.importers.reading import (
    Row,
    local_moment,
    located,
    missing_columns,
    normalise_header,
    parse_clock,
    parse_iso_day,
    parse_number,
    sort_problems,
    tables,
    tidy_number,
)
from zonula.importers.vocabulary import meal_time

SOURCE = "myfitnesspal"
REQUIRED = ("Date", "Meal", "Calories")
TEXT_COLUMNS = {"date", "meal", "time", "note"}
# These four columns are percent of the US daily value, not amounts (MFP API docs: "percent of USRDA").
PERCENT_DAILY_VALUE = ("Vitamin A", "Vitamin C", "Calcium", "Iron")
SUMMARY_ROWS = {"totals", "daily totals", "total", "合计", "总计"}


def nutrients_of(row: Row, header: list[str]) -> dict[str, float]:
    """Every readable nutrient of a row by its column name; blank cells are unknown and left out."""
    found: dict[str, float] = {}
    problems: list[FieldProblem] = []
    for column in header:
        if not column or normalise_header(column) in TEXT_COLUMNS:
            continue
        try:
            value = parse_number(row.cells.get(column, ""), field=column)
        except ValidationError as err:
            problems += err.problems
            continue
        if value is not None:
            found[column] = value
    if problems:
        raise ValidationError(problems)
    return found


def meal_text(meal: str, calories: float | None) -> str:
    """`Breakfast (MyFitnessPal: 450 kcal)`: the export names no foods, and the text says where it came from."""
    if calories is None:
        return f"{meal} (MyFitnessPal)"
    return f"{meal} (MyFitnessPal: {tidy_number(calories)} kcal)"


class MyFitnessPalImporter:
    """MyFitnessPal's Nutrition-Summary CSV (alone, or inside the File-Export zip)."""

    name = "myfitnesspal"
    description = "MyFitnessPal Nutrition-Summary CSV or File-Export zip (meal totals; no food names)"
    source = SOURCE

    def parse(self, path: Path, *, tz: tzinfo, progress: Progress | None = None) -> ParseResult:
        """Read the nutrition summary; other CSVs of the export zip (exercise, measurements) are left alone."""
        result = ParseResult()
        keys = KeyCounter()
        seen = recognised = 0
        for found in tables(path, result, progress):
            seen += 1
            missing = missing_columns(found.header, REQUIRED)
            if missing and found.among > 1 and "nutrition" not in found.name.lower():
                continue
            recognised += 1
            if missing:
                result.problems.append(FieldProblem("header", _(
                    "missing column(s) {missing}; is this a MyFitnessPal Nutrition-Summary?").format(
                        missing=", ".join(missing)), f"{found.name}:1"))
                continue
            for row in found.rows:
                self._read_row(row, found.header, found.name, tz, keys, result)
        if seen and not recognised:
            result.problems.append(FieldProblem("file", _("holds no MyFitnessPal Nutrition-Summary CSV"),
                                                path.name))
        sort_problems(result)
        return result

    def _read_row(self, row: Row, header: list[str], file: str, tz: tzinfo, keys: KeyCounter,
                  result: ParseResult) -> None:
        meal = row.get("Meal")
        if row.get("Date").lower() in SUMMARY_ROWS or meal.lower() in SUMMARY_ROWS:
            return
        problems: list[FieldProblem] = []
        day = clock = None
        nutrients: dict[str, float] = {}
        try:
            day = parse_iso_day(row.get("Date"), field="Date")
        except ValidationError as err:
            problems += err.problems
        try:
            clock = parse_clock(row.get("Time"), field="Time")
        except ValidationError as err:
            problems += err.problems
        try:
            nutrients = nutrients_of(row, header)
        except ValidationError as err:
            problems += err.problems
        if not meal:
            problems.append(FieldProblem("Meal", _("is empty")))
        if problems or day is None:
            result.problems += located(ValidationError(problems), row.where)
            return
        calories = next((v for k, v in nutrients.items() if normalise_header(k) == "calories"), None)
        note = _("MyFitnessPal exports meal totals only, without food names")
        if clock is None:
            note += "; " + _("no time in the export")
        if row.get("Note"):
            note += "\n" + row.get("Note")
        original: dict[str, Any] = {
            "format": SOURCE, "file": file, "row": row.cells, "nutrients": nutrients,
            "percent_daily_value": [c for c in header if normalise_header(c) in
                                    {normalise_header(p) for p in PERCENT_DAILY_VALUE}],
        }
        entry = Entry(EntryKind.MEAL, local_moment(day, clock or meal_time(meal), tz), name=meal_text(meal, calories),
                      note=note, source=SOURCE, source_key=keys.key(SOURCE, *row.cells.values()), original=original)
        result.rows.append(ImportedRow(entry, row.where))
