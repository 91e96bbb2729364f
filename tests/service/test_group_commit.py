"""Group commit: concurrent writers share transactions, every entry lands, one failure stays alone."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

import pytest

from tests.conftest import make_diary
from zonula.domain.entries import Entry, EntryKind
from zonula.errors import ValidationError
from zonula.service import Diary
from zonula.service.group_commit import GroupCommitter, add_grouped
from zonula.storage import Database

AT = datetime(2026, 11, 20, 8, 0, tzinfo=timezone(timedelta(hours=8)))


def test_concurrent_writes_all_land_with_their_own_ids(db: Database) -> None:
    alice, bob = make_diary(db, "alice"), make_diary(db, "bob")

    def write(n: int) -> Entry:
        diary = alice if n % 2 else bob
        return add_grouped(diary, Entry(EntryKind.SYMPTOM, AT, name="gas", value=n % 11, note=f"n{n}"))

    with ThreadPoolExecutor(max_workers=16) as pool:
        written = list(pool.map(write, range(200)))
    assert len({e.id for e in written}) == 200
    stored = {e.id: e.note for e in alice.entries() + bob.entries()}
    assert all(stored[e.id] == e.note for e in written)
    assert len(alice.entries()) == 100 and len(bob.entries()) == 100


def test_an_invalid_entry_is_refused_before_it_joins_a_group(diary: Diary) -> None:
    with pytest.raises(ValidationError):
        add_grouped(diary, Entry(EntryKind.STOOL, AT, value=9))
    assert diary.entries() == []


def test_a_write_that_fails_in_the_store_fails_alone(diary: Diary, monkeypatch: pytest.MonkeyPatch) -> None:
    committer = GroupCommitter(diary.db)
    calls = {"n": 0}
    original = type(diary)._after_add

    def flaky(self: Diary, session: object, entries: list[Entry], ids: list[int]) -> None:
        if any(e.note == "bad" for e in entries):
            calls["n"] += 1
            raise RuntimeError("store refused")
        original(self, session, entries, ids)

    monkeypatch.setattr(type(diary), "_after_add", flaky)
    good = Entry(EntryKind.MEAL, AT, name="rice", note="good")
    bad = Entry(EntryKind.MEAL, AT, name="rice", note="bad")
    from zonula.service.group_commit import _Slot

    slots = [_Slot(diary, good), _Slot(diary, bad)]
    committer._commit(slots)
    assert slots[0].result is not None and slots[0].error is None
    assert isinstance(slots[1].error, RuntimeError)
    assert [e.note for e in diary.entries()] == ["good"]
