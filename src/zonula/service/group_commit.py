"""Group commit: concurrent single-entry writes share one transaction, and so one disk flush.

Many phones logging at once each send one entry. Committing each alone costs one fsync per
entry, which caps a store at a few hundred writes a second. Here every writer queues its entry;
whoever holds the commit lock writes everything queued so far in one transaction, and the others
find their entry already written. Each caller still returns only after its entry is committed.
"""

from __future__ import annotations

import threading
from weakref import WeakKeyDictionary

from zonula.domain.entries import Entry, validate
from zonula.service import Diary
from zonula.storage import Database
from zonula.storage import entries as store


class _Slot:
    """One queued write and its outcome."""

    __slots__ = ("diary", "done", "entry", "error", "result")

    def __init__(self, diary: Diary, entry: Entry) -> None:
        self.diary = diary
        self.entry = entry
        self.result: Entry | None = None
        self.error: BaseException | None = None
        self.done = False


class GroupCommitter:
    """Coalesces the concurrent writes to one store."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._pending: list[_Slot] = []
        self._queue_lock = threading.Lock()
        self._commit_lock = threading.Lock()

    def add(self, diary: Diary, entry: Entry) -> Entry:
        """Validate and store one entry, sharing the commit with concurrent writers."""
        slot = _Slot(diary, validate(entry))
        with self._queue_lock:
            self._pending.append(slot)
        with self._commit_lock:
            if not slot.done:
                with self._queue_lock:
                    batch, self._pending = self._pending, []
                self._commit(batch)
        if slot.error is not None:
            raise slot.error
        assert slot.result is not None
        return slot.result

    def _commit(self, batch: list[_Slot]) -> None:
        try:
            by_user: dict[int, list[_Slot]] = {}
            for slot in batch:
                by_user.setdefault(slot.diary.user.id, []).append(slot)
            with self.db.transaction() as session:
                for user_id, slots in by_user.items():
                    entries = [slot.entry for slot in slots]
                    ids = store.add_entries(session, user_id, entries)
                    slots[0].diary._after_add(session, entries, ids)
                    for slot, new_id in zip(slots, ids, strict=True):
                        slot.result = slot.entry.with_changes(id=new_id, user_id=user_id)
        except Exception:
            for slot in batch:
                slot.result = None
                try:
                    slot.result = slot.diary.add(slot.entry)
                except Exception as err:
                    slot.error = err
        finally:
            for slot in batch:
                slot.done = True


_committers: WeakKeyDictionary[Database, GroupCommitter] = WeakKeyDictionary()
_registry_lock = threading.Lock()


def add_grouped(diary: Diary, entry: Entry) -> Entry:
    """Store one entry of `diary` through its store's group committer."""
    with _registry_lock:
        committer = _committers.get(diary.db)
        if committer is None:
            committer = _committers[diary.db] = GroupCommitter(diary.db)
    return committer.add(diary, entry)
