"""mySymptoms: irregular event rows, continuation lines, quantities, intensities, Bristol types, locales."""

from __future__ import annotations

from pathlib import Path

import pytest

from zonula.errors import ImportFileError
from zonula.importers.mysymptoms import day_first, duration_minutes, items_of
from zonula.service import Diary

DATA = Path(__file__).parent.parent / "data" / "importers" / "mysymptoms"


def _shape(diary: Diary) -> list[tuple[str, str, str, float | None, str, str]]:
    return [(e.kind.value, e.at.strftime("%m-%d %H:%M"), e.name, e.value, e.unit, e.note) for e in diary.entries()]


def test_every_event_type_becomes_its_kind(diary: Diary) -> None:
    diary.set_preferences(timezone="America/New_York")
    report = diary.import_file("mysymptoms", DATA / "mysymptoms.csv")
    assert report.rows_read == 13 and report.added == 15
    assert _shape(diary) == [
        ("sleep", "12-26 07:30", "", 7.25, "", ""),
        ("stool", "12-26 08:05", "", 4.0, "", "Bowel Movement: Bristol Type 4"),
        ("symptom", "12-26 10:00", "abdominal_pain", 3.0, "", "duration 6:00"),
        ("meal", "12-26 10:55", "Porridge, Porridge oats, Cow's milk, Chicken egg x 2", None, "",
         "mySymptoms: Breakfast"),
        ("meal", "12-26 12:40", "白米饭 200 g, 麻婆豆腐, Green tea", None, "", "mySymptoms: Lunch"),
        ("medication", "12-26 13:00", "Omeprazole", 20.0, "mg", ""),
        ("medication", "12-26 13:00", "Ibuprofen", 400.0, "mg", ""),
        ("supplement", "12-26 13:05", "Probiotic", 1.0, "x", ""),
        ("symptom", "12-26 15:30", "bloating", 6.0, "", "duration 2:30"),
        ("symptom", "12-26 15:30", "gas", 4.0, "", ""),
        ("practice", "12-26 18:00", "yoga", 45.0, "", "Exercise: Yoga (duration: 0:45)"),
        ("practice", "12-26 18:00", "other", 30.0, "", "Exercise: Walking (duration: 0:30)"),
        ("meal", "12-26 19:20", "Spaghetti bolognese, Garlic bread, Parmesan, Red wine 150 ml", None, "",
         "mySymptoms: Dinner"),
        ("stress", "12-26 21:00", "", 7.0, "", ""),
        ("note", "12-26 22:10", "other", None, "", "Other: notes: Long day at work,\nfelt rushed at dinner"),
    ]
    sleep = diary.entries()[0]
    assert sleep.quality == 6.0 and sleep.at.utcoffset() is not None
    dinner = next(e for e in diary.entries() if "Spaghetti" in e.name)
    assert dinner.original is not None and len(dinner.original["records"]) == 2  # continuation line kept


def test_day_first_dates_are_detected(diary: Diary) -> None:
    diary.import_file("mysymptoms", DATA / "mysymptoms_daymonth.csv")
    assert [(e.at.date().isoformat(), e.kind.value) for e in diary.entries()] == [
        ("2017-12-26", "meal"), ("2017-12-27", "symptom"), ("2018-01-03", "note")]
    assert diary.entries()[2].note == "Bowel Movement: intensity: 2 (no Bristol type)"


def test_a_broken_export_is_refused_with_every_line(diary: Diary) -> None:
    with pytest.raises(ImportFileError) as err:
        diary.import_file("mysymptoms", DATA / "mysymptoms_broken.csv")
    assert [str(p) for p in err.value.problems] == [
        "mysymptoms_broken.csv:3: date: cannot read '13/45/2017' as a date (expected MM/DD/YYYY)",
        "mysymptoms_broken.csv:4: time: cannot read '25:99' as a time of day",
        "mysymptoms_broken.csv:5: Intensity: symptom 'Nausea' has no intensity",
        "mysymptoms_broken.csv:6: Intensity: 'lots' is not a number",
        "mysymptoms_broken.csv:7: date: cannot read '--- page 2 ---' as a date",
        "mysymptoms_broken.csv:8: value: must be between 0 and 10, got 14",
    ]
    assert diary.entries() == []


def test_skip_bad_rows_dry_run_and_re_import(diary: Diary) -> None:
    dry = diary.import_file("mysymptoms", DATA / "mysymptoms_broken.csv", skip_bad_rows=True, dry_run=True)
    assert dry.added == 2 and diary.entries() == []
    assert diary.import_file("mysymptoms", DATA / "mysymptoms_broken.csv", skip_bad_rows=True).added == 2
    again = diary.import_file("mysymptoms", DATA / "mysymptoms_broken.csv", skip_bad_rows=True)
    assert (again.added, again.duplicates) == (0, 2)


def test_quantities_attach_to_the_item_before_them() -> None:
    items, event = items_of(["Rice", "[ 200 g ]", "Tea", "Intensity: 3", "[ x 2 ]"])
    assert [(i.name, i.quantity, i.attributes) for i in items] == [
        ("Rice", "200 g", {}), ("Tea", "x 2", {"intensity": "3"})]
    assert event == {}


def test_durations_and_date_order() -> None:
    assert duration_minutes("6:00") == 360
    assert duration_minutes("1 hr 30 mins") == 90
    assert duration_minutes("soon") is None
    assert day_first(["26/12/2017", "12/27/2017", "13/01/2018"]) is True
    assert day_first(["12/26/2017", "13/45/2017"]) is False
