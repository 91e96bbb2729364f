"""Entry rows: conversion to and from domain entries, bulk insert, queries."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import String, Table, delete, insert, select, type_coerce
from sqlalchemy.orm import Session

from zonula.domain.entries import Entry, EntryKind
from zonula.errors import NotFoundError
from zonula.i18n import _
from zonula.storage.tables import EntryRow

_ENTRIES: Table = EntryRow.__table__  # type: ignore[assignment]


def _utc_naive(moment: datetime) -> datetime:
    offset = moment.utcoffset()
    if offset is None:
        return moment.astimezone(UTC).replace(tzinfo=None)
    return moment.replace(tzinfo=None) - offset


def to_values(entry: Entry, user_id: int, now: datetime) -> dict[str, Any]:
    """The column values of a new row for `entry`."""
    offset = entry.at.utcoffset() or timedelta(0)
    recorded = entry.recorded_at or now
    return {
        "user_id": user_id,
        "kind": entry.kind.value,
        "occurred_at": _utc_naive(entry.at),
        "utc_offset_min": int(offset.total_seconds() // 60),
        "recorded_at": _utc_naive(recorded),
        "name": entry.name,
        "value": entry.value,
        "unit": entry.unit,
        "note": entry.note,
        "quality": entry.quality,
        "source": entry.source,
        "source_key": entry.source_key,
        "original": entry.original,
        "updated_at": _utc_naive(now),
    }


_COLUMNS = (
    _ENTRIES.c.id, _ENTRIES.c.user_id, _ENTRIES.c.kind, _ENTRIES.c.occurred_at, _ENTRIES.c.utc_offset_min,
    _ENTRIES.c.recorded_at, _ENTRIES.c.name, _ENTRIES.c.value, _ENTRIES.c.unit, _ENTRIES.c.note,
    _ENTRIES.c.quality, _ENTRIES.c.source, _ENTRIES.c.source_key, _ENTRIES.c.original,
)

# On SQLite the same columns as stored text: SQLAlchemy's DateTime and JSON result processors parse
# each value in Python (a regex per timestamp), several times slower than datetime.fromisoformat.
_SQLITE_TEXT = frozenset({"occurred_at", "recorded_at", "original"})
_SQLITE_COLUMNS_READ = tuple(type_coerce(c, String).label(c.name) if c.name in _SQLITE_TEXT else c for c in _COLUMNS)

_ZONES: dict[int, timezone] = {}


def _zone(offset_min: int) -> timezone:
    tz = _ZONES.get(offset_min)
    if tz is None:
        tz = _ZONES[offset_min] = timezone(timedelta(minutes=offset_min))
    return tz


def from_row(row: Sequence[Any]) -> Entry:
    """A domain entry from a selected row (in `_COLUMNS` order)."""
    return _entry(row, row[3], row[5], row[13])


def _from_sqlite_row(row: Sequence[Any]) -> Entry:
    """A domain entry from a row selected with `_SQLITE_COLUMNS_READ` (timestamps and JSON as text).

    The stored UTC text gets its "+00:00" before parsing: much cheaper than `.replace(tzinfo=UTC)`.
    """
    original = row[13]
    return _entry(row, datetime.fromisoformat(row[3] + "+00:00"), datetime.fromisoformat(row[5] + "+00:00"),
                  None if original is None or original == "null" else json.loads(original))


_KINDS = {k.value: k for k in EntryKind}


def _entry(row: Sequence[Any], occurred: datetime, recorded: datetime, original: Any) -> Entry:
    """The entry of a row whose timestamps (UTC, naive or aware) and JSON are already converted."""
    (id_, user_id, kind, _occurred, offset, _recorded, name, value, unit, note, quality, source,
     source_key, _original) = row
    tz = _zone(offset)
    if occurred.tzinfo is None:
        occurred, recorded = occurred.replace(tzinfo=UTC), recorded.replace(tzinfo=UTC)
    # Positional, in field order: noticeably cheaper than keywords when a year of entries is read.
    return Entry(_KINDS.get(kind) or EntryKind(kind), occurred.astimezone(tz), name, value, unit, note, quality, id_,
                 user_id, recorded.astimezone(tz), source, source_key, original)


def _select(session: Session, *where: Any, order: Sequence[Any] = (), limit: int | None = None) -> list[Entry]:
    """Entries matching `where`, read the fast way on SQLite."""
    sqlite = session.get_bind().dialect.name == "sqlite"
    stmt = select(*(_SQLITE_COLUMNS_READ if sqlite else _COLUMNS)).where(*where).order_by(*order)
    if limit is not None:
        stmt = stmt.limit(limit)
    convert = _from_sqlite_row if sqlite else from_row
    return [convert(r) for r in session.execute(stmt).all()]


def add_entries(session: Session, user_id: int, entries: Iterable[Entry]) -> list[int]:
    """Insert entries; return their new ids in order."""
    now = datetime.now(UTC)
    entries = list(entries)
    if not entries:
        return []
    if session.get_bind().dialect.name == "sqlite":
        # Writers hold SQLite's write lock (BEGIN IMMEDIATE), so ids after the current maximum are
        # ours alone: assign them. A big import goes through the driver's executemany without
        # RETURNING (5x faster); the few entries of a group commit use the statement built once
        # below (building a statement costs more than running it from SQLAlchemy's compiled cache).
        first = int(session.connection().exec_driver_sql(_SQLITE_MAX_ID).scalar_one()) + 1
        ids = list(range(first, first + len(entries)))
        if len(entries) >= _DRIVER_FROM:
            _sqlite_executemany(session, user_id, entries, ids, now)
        else:
            session.execute(_INSERT, [{**to_values(e, user_id, now), "id": new_id}
                                      for e, new_id in zip(entries, ids, strict=True)])
        return ids
    values = [to_values(e, user_id, now) for e in entries]
    result = session.execute(_INSERT_RETURNING_ID, values)
    return [int(r[0]) for r in result]


# Built once: constructing a statement costs more than running it from SQLAlchemy's compiled cache.
_INSERT = insert(_ENTRIES)
_INSERT_RETURNING_ID = insert(_ENTRIES).returning(_ENTRIES.c.id, sort_by_parameter_order=True)
_SQLITE_MAX_ID = f"SELECT coalesce(max(id), 0) FROM {_ENTRIES.name}"
_DRIVER_FROM = 200
_SCAN_FROM = 2000
_SQLITE_COLUMNS = ("id", "user_id", "kind", "occurred_at", "utc_offset_min", "recorded_at", "name", "value", "unit",
                   "note", "quality", "source", "source_key", "original", "updated_at")
_SQLITE_INSERT = (f"INSERT INTO {_ENTRIES.name} ({', '.join(_SQLITE_COLUMNS)}) "
                  f"VALUES ({', '.join('?' for _ in _SQLITE_COLUMNS)})")


def _sqlite_moment(moment: datetime) -> str:
    # The text SQLAlchemy's SQLite DateTime stores (and parses back): "YYYY-MM-DD HH:MM:SS.ffffff".
    return moment.isoformat(sep=" ", timespec="microseconds")


def _sqlite_executemany(session: Session, user_id: int, entries: list[Entry], ids: list[int],
                        now: datetime) -> None:
    """Bulk insert through the driver, storing exactly what `to_values` and SQLAlchemy's types would.

    The row tuples are built directly (no dict per row), with the shared "now" converted once and
    each distinct UTC offset's minutes computed once: imports spend most of their time here.
    """
    stamp_now = _sqlite_moment(_utc_naive(now))
    minutes: dict[timedelta | None, int] = {}
    rows = []
    for entry, new_id in zip(entries, ids, strict=True):
        at = entry.at
        offset = at.utcoffset()
        offset_min = minutes.get(offset)
        if offset_min is None:
            offset_min = minutes[offset] = int((offset or timedelta(0)).total_seconds() // 60)
        occurred = _utc_naive(at) if offset is None else at.replace(tzinfo=None) - offset
        recorded = stamp_now if entry.recorded_at is None else _sqlite_moment(_utc_naive(entry.recorded_at))
        original = "null" if entry.original is None else json.dumps(entry.original, ensure_ascii=False)
        rows.append((new_id, user_id, entry.kind.value, _sqlite_moment(occurred), offset_min, recorded, entry.name,
                     entry.value, entry.unit, entry.note, entry.quality, entry.source, entry.source_key, original,
                     stamp_now))
    session.connection().exec_driver_sql(_SQLITE_INSERT, rows)


def existing_source_keys(session: Session, user_id: int, keys: Iterable[str]) -> set[str]:
    """The subset of `keys` already stored for this user (for idempotent imports).

    A big import reads the user's keys in one pass (through the user/key index) rather than sending
    thousands of IN parameters in chunks.
    """
    wanted = list(set(keys))
    if len(wanted) >= _SCAN_FROM:
        every = select(_ENTRIES.c.source_key).where(_ENTRIES.c.user_id == user_id, _ENTRIES.c.source_key.is_not(None))
        return {k for (k,) in session.execute(every)}.intersection(wanted)
    found: set[str] = set()
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        stmt = select(_ENTRIES.c.source_key).where(
            _ENTRIES.c.user_id == user_id, _ENTRIES.c.source_key.in_(chunk)
        )
        found.update(k for (k,) in session.execute(stmt) if k is not None)
    return found


def list_entries(session: Session, user_id: int, *, start: datetime | None = None,
                 end: datetime | None = None, kinds: Sequence[EntryKind] | None = None,
                 limit: int | None = None, newest_first: bool = False) -> list[Entry]:
    """Entries of a user in [start, end), oldest first unless `newest_first`."""
    where = [_ENTRIES.c.user_id == user_id]
    if start is not None:
        where.append(_ENTRIES.c.occurred_at >= _utc_naive(start))
    if end is not None:
        where.append(_ENTRIES.c.occurred_at < _utc_naive(end))
    if kinds:
        where.append(_ENTRIES.c.kind.in_([k.value for k in kinds]))
    order = (_ENTRIES.c.occurred_at.desc(), _ENTRIES.c.id.desc()) if newest_first else (
        _ENTRIES.c.occurred_at, _ENTRIES.c.id)
    return _select(session, *where, order=order, limit=limit)


def get_entry(session: Session, user_id: int, entry_id: int) -> Entry:
    """One entry of this user; NotFoundError when missing or someone else's."""
    found = _select(session, _ENTRIES.c.user_id == user_id, _ENTRIES.c.id == entry_id)
    if not found:
        raise NotFoundError(_("no entry {id}").format(id=entry_id))
    return found[0]


def update_entry(session: Session, user_id: int, entry: Entry) -> None:
    """Overwrite the stored fields of an existing entry (its id and user stay)."""
    assert entry.id is not None
    row = session.get(EntryRow, entry.id)
    if row is None or row.user_id != user_id:
        raise NotFoundError(_("no entry {id}").format(id=entry.id))
    values = to_values(entry, user_id, datetime.now(UTC))
    for key in ("kind", "occurred_at", "utc_offset_min", "name", "value", "unit", "note", "quality",
                "updated_at"):
        setattr(row, key, values[key])
    session.flush()


def delete_entry(session: Session, user_id: int, entry_id: int) -> None:
    """Remove one entry of this user; NotFoundError when missing."""
    result = session.execute(
        delete(_ENTRIES).where(_ENTRIES.c.user_id == user_id, _ENTRIES.c.id == entry_id)
    )
    if result.rowcount == 0:  # type: ignore[attr-defined]
        raise NotFoundError(_("no entry {id}").format(id=entry_id))


def delete_all_entries(session: Session, user_id: int) -> int:
    """Remove every entry of a user; return the count."""
    result = session.execute(delete(_ENTRIES).where(_ENTRIES.c.user_id == user_id))
    return int(result.rowcount)  # type: ignore[attr-defined]
