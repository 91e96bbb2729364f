"""The facade over both stores: add, list, edit, delete, and nothing written on bad input."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from tests.conftest import make_diary
from zonula.domain.entries import Entry, EntryKind
from zonula.errors import NotFoundError, ValidationError
from zonula.service import Diary

CST = timezone(timedelta(hours=8))


def at(day: int, hour: int = 8) -> datetime:
    return datetime(2026, 11, day, hour, 0, tzinfo=CST)


def test_an_entry_round_trips_with_its_local_time_and_chinese_text(diary: Diary) -> None:
    saved = diary.add(Entry(EntryKind.MEAL, at(20), name="早餐:牛奶、包子 and coffee"))
    [loaded] = diary.entries()
    assert loaded.id == saved.id
    assert loaded.name == "早餐:牛奶、包子 and coffee"
    assert loaded.at == at(20) and loaded.at.utcoffset() == timedelta(hours=8)
    assert loaded.recorded_at is not None and loaded.backfilled  # logged long after 2026-11-20


def test_a_batch_with_one_bad_entry_writes_nothing(diary: Diary) -> None:
    with pytest.raises(ValidationError):
        diary.add_many([Entry(EntryKind.STRESS, at(20), value=3), Entry(EntryKind.STOOL, at(20), value=8)])
    assert diary.entries() == []


def test_edit_validates_and_keeps_the_old_entry_on_error(diary: Diary) -> None:
    saved = diary.add(Entry(EntryKind.SYMPTOM, at(20), name="bloating", value=4))
    with pytest.raises(ValidationError):
        diary.edit(saved.id or 0, value=12)
    assert diary.get(saved.id or 0).value == 4
    edited = diary.edit(saved.id or 0, value=6, note="after lunch")
    assert diary.get(saved.id or 0).value == 6 and edited.note == "after lunch"


def test_delete_removes_and_missing_ids_are_not_found(diary: Diary) -> None:
    saved = diary.add(Entry(EntryKind.NOTE, at(20), note="travel"))
    diary.delete(saved.id or 0)
    assert diary.entries() == []
    with pytest.raises(NotFoundError):
        diary.delete(saved.id or 0)


def test_people_never_see_each_others_entries(diary: Diary) -> None:
    bob = make_diary(diary.db, "bob")
    mine = diary.add(Entry(EntryKind.STRESS, at(20), value=5))
    assert bob.entries() == []
    with pytest.raises(NotFoundError):
        bob.get(mine.id or 0)
    with pytest.raises(NotFoundError):
        bob.delete(mine.id or 0)
    with pytest.raises(NotFoundError):
        bob.edit(mine.id or 0, value=1)
    assert diary.get(mine.id or 0).value == 5


def test_date_filters_use_the_persons_local_days(diary: Diary) -> None:
    # 23:30 in Shanghai on the 20th is 15:30 UTC: it belongs to the 20th locally.
    diary.add_many([Entry(EntryKind.STRESS, at(20, 23).replace(minute=30), value=2),
                    Entry(EntryKind.STRESS, at(21, 0).replace(minute=30), value=3)])
    day20 = diary.entries(date_from=date(2026, 11, 20), date_to=date(2026, 11, 20))
    assert [e.value for e in day20] == [2]


def test_summary_counts_kinds_and_averages_symptoms(diary: Diary) -> None:
    diary.add_many([
        Entry(EntryKind.SYMPTOM, at(20), name="bloating", value=4),
        Entry(EntryKind.SYMPTOM, at(21), name="bloating", value=6),
        Entry(EntryKind.STOOL, at(21), value=4),
    ])
    s = diary.summary()
    assert s.days_logged == 2 and s.entries == 3
    assert s.symptom_means == {"bloating": 5.0}
    assert s.stool_types == {4: 1}
