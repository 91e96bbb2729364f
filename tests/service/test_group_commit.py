"""Group commit: concurrent writers share transactions, every entry lands, one failure stays alone."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone

import pytest

from tests.conftest import make_diary
from zonula.domain.entries import Entry, EntryKind
from zonula.errors import ValidationError
from zonula.service import Diary
from zonula.service.group_commit import _Slot, add_grouped, commit_batch
from zonula.storage import Database

AT = datetime(2026, 11, 20, 8, 0, tzinfo=timezone(timedelta(hours=8)))


def test_concurrent_writes_all_land_with_their_own_ids(db: Database) -> None:
    alice, bob = make_diary(db, "alice"), make_diary(db, "bob")

    async def write(n: int) -> Entry:
        diary = alice if n % 2 else bob
        await asyncio.sleep(0.0005 * (n % 7))
        return await add_grouped(diary, Entry(EntryKind.SYMPTOM, AT, name="gas", value=n % 11, note=f"n{n}"))

    async def write_all() -> list[Entry]:
        return list(await asyncio.gather(*(write(n) for n in range(200))))

    written = asyncio.run(write_all())
    assert len({e.id for e in written}) == 200
    stored = {e.id: e.note for e in alice.entries() + bob.entries()}
    assert all(stored[e.id] == e.note for e in written)
    assert len(alice.entries()) == 100 and len(bob.entries()) == 100


def test_an_invalid_entry_is_refused_before_it_joins_a_group(diary: Diary) -> None:
    with pytest.raises(ValidationError):
        asyncio.run(add_grouped(diary, Entry(EntryKind.STOOL, AT, value=9)))
    assert diary.entries() == []


def test_a_write_that_fails_in_the_store_fails_alone(diary: Diary, monkeypatch: pytest.MonkeyPatch) -> None:
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
    slots = [_Slot(diary, good), _Slot(diary, bad)]
    commit_batch(diary.db, slots)
    assert slots[0].result is not None and slots[0].error is None
    assert isinstance(slots[1].error, RuntimeError)
    assert [e.note for e in diary.entries()] == ["good"]


def test_writers_that_arrive_while_a_commit_runs_share_the_next_one(diary: Diary,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import zonula.service.group_commit as group_commit

    sizes: list[int] = []
    original = group_commit.commit_batch

    def counting(db: Database, batch: list[_Slot]) -> None:
        sizes.append(len(batch))
        original(db, batch)

    monkeypatch.setattr(group_commit, "commit_batch", counting)

    async def write_all() -> list[Entry]:
        return list(await asyncio.gather(*(
            add_grouped(diary, Entry(EntryKind.SYMPTOM, AT, name="gas", value=n % 11, note=f"n{n}"))
            for n in range(50))))

    written = asyncio.run(write_all())
    assert sum(sizes) == 50 and len(sizes) < 50
    assert sorted(e.note for e in diary.entries()) == sorted(e.note for e in written)


def test_a_failed_write_raises_for_its_writer_only(diary: Diary, monkeypatch: pytest.MonkeyPatch) -> None:
    original = type(diary)._after_add

    def flaky(self: Diary, session: object, entries: list[Entry], ids: list[int]) -> None:
        if any(e.note == "bad" for e in entries):
            raise RuntimeError("store refused")
        original(self, session, entries, ids)

    monkeypatch.setattr(type(diary), "_after_add", flaky)

    async def write_both() -> list[Entry | BaseException]:
        return list(await asyncio.gather(
            add_grouped(diary, Entry(EntryKind.MEAL, AT, name="rice", note="good")),
            add_grouped(diary, Entry(EntryKind.MEAL, AT, name="rice", note="bad")), return_exceptions=True))

    good, bad = asyncio.run(write_both())
    assert isinstance(good, Entry) and good.note == "good"
    assert isinstance(bad, RuntimeError)
    assert [e.note for e in diary.entries()] == ["good"]
