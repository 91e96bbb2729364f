"""Entry rows: SQLite's bulk insert (imports) stores and reads back exactly what the SQLAlchemy path does."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

from sqlalchemy import text

from tests.conftest import make_diary
from zonula.domain.entries import Entry, EntryKind
from zonula.foods import parse_meal
from zonula.storage import Database
from zonula.storage import entries as store

ZONES = [timezone(timedelta(hours=8)), timezone(timedelta(hours=-5, minutes=-30)), UTC]
MEALS = ["oatmeal with milk, banana", "牛肉面 and 豆浆", "2 slices of pizza, no cheese", "rice"]


def sample(n: int) -> list[Entry]:
    """`n` varied entries: three UTC offsets, repeated meals, Chinese text, originals present or not."""
    out = []
    for i in range(n):
        tz = ZONES[i % 3]
        at = datetime(2026, 3, 1, 6, 0, tzinfo=tz) + timedelta(hours=5 * i, microseconds=37 * i)
        recorded = at + timedelta(hours=i % 4)
        if i % 4 == 0:
            out.append(Entry(EntryKind.MEAL, at, name=MEALS[i % len(MEALS)], recorded_at=recorded,
                             source="zonula-csv", source_key=f"k{i}", original={"行": i, "text": "早餐"}))
        elif i % 4 == 1:
            out.append(Entry(EntryKind.SYMPTOM, at, name="bloating", value=float(i % 11), recorded_at=recorded))
        elif i % 4 == 2:
            out.append(Entry(EntryKind.SLEEP, at, value=6.5, quality=7.0, note="woke at 3", recorded_at=recorded))
        else:
            out.append(Entry(EntryKind.SUPPLEMENT, at, name="probiotic", value=1.0, unit="capsule",
                             recorded_at=recorded, original={}))
    return out


def stored(db: Database, user_id: int) -> list[tuple[object, ...]]:
    """The raw stored columns of a user's entries, in insertion order (ids and update times left out).

    `original` is compared decoded: the bulk path writes Chinese as is, SQLAlchemy as \\u escapes.
    """
    with db.engine.connect() as conn:
        return [(*r[:-1], json.loads(r[-1])) for r in conn.execute(text(
            "SELECT kind, occurred_at, utc_offset_min, recorded_at, name, value, unit, note, quality, source, "
            "source_key, original FROM entries WHERE user_id = :u ORDER BY id"), {"u": user_id})]


def test_the_bulk_insert_stores_what_the_sqlalchemy_insert_stores(sqlite_db: Database) -> None:
    bulk, small = make_diary(sqlite_db, "bulk"), make_diary(sqlite_db, "small")
    entries = sample(store._DRIVER_FROM + 40)
    with sqlite_db.transaction() as session:
        store.add_entries(session, bulk.user.id, entries)  # one call: the driver's executemany
    for start in range(0, len(entries), 10):  # small calls: SQLAlchemy's insert
        with sqlite_db.transaction() as session:
            store.add_entries(session, small.user.id, entries[start:start + 10])
    assert stored(sqlite_db, bulk.user.id) == stored(sqlite_db, small.user.id)
    read_bulk, read_small = bulk.entries(), small.entries()
    assert [e.with_changes(id=None, user_id=None) for e in read_bulk] == \
        [e.with_changes(id=None, user_id=None) for e in read_small]
    by_key = {e.source_key: e for e in entries if e.source_key}
    for got in read_bulk:
        if got.source_key:
            want = by_key[got.source_key]
            assert got.at == want.at and got.at.utcoffset() == want.at.utcoffset()
            assert got.recorded_at == want.recorded_at and got.original == want.original


def test_bulk_and_small_inserts_stamp_an_unset_recorded_time_with_the_insert_time(sqlite_db: Database) -> None:
    diary = make_diary(sqlite_db)
    at = datetime(2026, 3, 1, 8, 0, tzinfo=ZONES[0])
    before = datetime.now(UTC)
    for count in (store._DRIVER_FROM, 3):
        with sqlite_db.transaction() as session:
            store.add_entries(session, diary.user.id, [Entry(EntryKind.STRESS, at, value=3.0)] * count)
    after = datetime.now(UTC)
    got = diary.entries()
    assert len(got) == store._DRIVER_FROM + 3
    assert all(e.recorded_at is not None and before <= e.recorded_at <= after for e in got)
    assert all(e.recorded_at is not None and e.recorded_at.utcoffset() == timedelta(hours=8) for e in got)


def test_repeated_meal_texts_are_stored_with_their_own_parse(sqlite_db: Database) -> None:
    diary = make_diary(sqlite_db)
    added = diary.add_many(sample(store._DRIVER_FROM + 40))
    meals = [e for e in added if e.kind is EntryKind.MEAL]
    assert len({m.name for m in meals}) < len(meals)  # texts repeat, so the per-import memo is used
    for meal in meals:
        assert meal.id is not None
        items, version = diary.meal_items(meal.id)
        parsed = parse_meal(meal.name, diary.food_lexicon())
        assert version == parsed.lexicon_version
        assert [(i.span, i.text, i.food_id, i.portion, i.negated, dict(i.groups)) for i in items] == \
            [(i.span, i.text, i.food_id, i.portion, i.negated, dict(i.groups)) for i in parsed.items]


def test_existing_source_keys_finds_the_stored_keys_for_small_and_big_imports(sqlite_db: Database) -> None:
    diary, other = make_diary(sqlite_db, "alice"), make_diary(sqlite_db, "bob")
    at = datetime(2026, 3, 1, 8, 0, tzinfo=ZONES[0])
    stored_keys = [f"csv:{i}" for i in range(0, store._SCAN_FROM + 600, 2)]
    with sqlite_db.transaction() as session:
        store.add_entries(session, diary.user.id, [Entry(EntryKind.STRESS, at, value=1.0, source_key=k)
                                                   for k in stored_keys])
        store.add_entries(session, other.user.id, [Entry(EntryKind.STRESS, at, value=1.0, source_key="csv:1")])
    big = [f"csv:{i}" for i in range(store._SCAN_FROM + 600)]  # one pass over the user's keys
    small = big[:50]  # chunks of IN parameters
    with sqlite_db.reading() as session:
        assert store.existing_source_keys(session, diary.user.id, big) == set(stored_keys)
        assert store.existing_source_keys(session, diary.user.id, small) == set(stored_keys) & set(small)
        assert store.existing_source_keys(session, other.user.id, big) == {"csv:1"}
