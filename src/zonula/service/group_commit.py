"""Group commit: concurrent single-entry writes share one transaction, and so one disk flush.

Many phones logging at once each send one entry. Committing each alone costs one fsync per
entry, which caps a store at a few hundred writes a second. Here every writer queues its entry
on the event loop and awaits it; one flusher task hands everything queued so far to a worker
thread, which writes it in one transaction, then wakes the writers. While that commit runs, new
entries queue for the next one. Each caller still returns only after its entry is committed.

Only the flusher leaves the event loop, once per batch: a request costs no thread hand-off and
no lock, and no pool of blocked threads competes for the interpreter.
"""

from __future__ import annotations

import asyncio
from weakref import WeakKeyDictionary

from zonula.domain.entries import Entry, validate
from zonula.service import Diary
from zonula.storage import Database
from zonula.storage import entries as store


class _Slot:
    """One queued write and its outcome."""

    __slots__ = ("diary", "entry", "error", "result")

    def __init__(self, diary: Diary, entry: Entry) -> None:
        self.diary = diary
        self.entry = entry
        self.result: Entry | None = None
        self.error: BaseException | None = None


def commit_batch(db: Database, batch: list[_Slot]) -> None:
    """Write a batch in one transaction; if that fails, write each entry alone so one bad entry fails alone.

    Sets `result` (the stored entry) or `error` on every slot. Blocking: run it off the event loop.
    """
    try:
        by_user: dict[int, list[_Slot]] = {}
        for slot in batch:
            by_user.setdefault(slot.diary.user.id, []).append(slot)
        with db.transaction() as session:
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


class GroupCommitter:
    """Coalesces the concurrent writes to one store made from one event loop."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._pending: list[tuple[_Slot, asyncio.Future[Entry]]] = []
        self._flusher: asyncio.Task[None] | None = None

    async def add(self, diary: Diary, entry: Entry) -> Entry:
        """Validate and store one entry, sharing the commit with concurrent writers."""
        slot = _Slot(diary, validate(entry))
        loop = asyncio.get_running_loop()
        done: asyncio.Future[Entry] = loop.create_future()
        self._pending.append((slot, done))
        if self._flusher is None:
            self._flusher = loop.create_task(self._flush())
        # A caller that goes away (client disconnect) does not cancel the commit of its entry.
        return await asyncio.shield(done)

    async def _flush(self) -> None:
        try:
            while self._pending:
                queued, self._pending = self._pending, []
                try:
                    await asyncio.to_thread(commit_batch, self.db, [slot for slot, _done in queued])
                except BaseException:  # cancelled at shutdown: nobody is told their entry was stored
                    for _slot, done in queued:
                        done.cancel()
                    raise
                for slot, done in queued:
                    if done.done():
                        continue
                    if slot.result is not None:
                        done.set_result(slot.result)
                    else:
                        done.set_exception(slot.error or RuntimeError("the group commit did not finish"))
        finally:
            self._flusher = None


_committers: WeakKeyDictionary[asyncio.AbstractEventLoop, dict[Database, GroupCommitter]] = WeakKeyDictionary()


async def add_grouped(diary: Diary, entry: Entry) -> Entry:
    """Store one entry of `diary` through the group committer of its store on the running loop."""
    per_store = _committers.setdefault(asyncio.get_running_loop(), {})
    committer = per_store.get(diary.db)
    if committer is None:
        committer = per_store[diary.db] = GroupCommitter(diary.db)
    return await committer.add(diary, entry)
