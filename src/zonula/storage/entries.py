"""Entry rows: conversion to and from domain entries, bulk insert, queries."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import Table, delete, insert, select
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

_ZONES: dict[int, timezone] = {}


def _zone(offset_min: int) -> timezone:
    tz = _ZONES.get(offset_min)
    if tz is None:
        tz = _ZONES[offset_min] = timezone(timedelta(minutes=offset_min))
    return tz


def from_row(row: Sequence[Any]) -> Entry:
    """A domain entry from a selected row (in `_COLUMNS` order)."""
    (id_, user_id, kind, occurred, offset, recorded, name, value, unit, note, quality, source,
     source_key, original) = row
    tz = _zone(offset)
    return Entry(
        kind=EntryKind(kind),
        at=occurred.replace(tzinfo=UTC).astimezone(tz),
        name=name,
        value=value,
        unit=unit,
        note=note,
        quality=quality,
        id=id_,
        user_id=user_id,
        recorded_at=recorded.replace(tzinfo=UTC).astimezone(tz),
        source=source,
        source_key=source_key,
        original=original,
    )


def add_entries(session: Session, user_id: int, entries: Iterable[Entry]) -> list[int]:
    """Insert entries; return their new ids in order."""
    now = datetime.now(UTC)
    values = [to_values(e, user_id, now) for e in entries]
    if not values:
        return []
    if session.get_bind().dialect.name == "sqlite":
        # Writers hold SQLite's write lock (BEGIN IMMEDIATE), so ids after the current maximum are
        # ours alone: assign them and let the driver's executemany run without RETURNING (5x faster
        # for a big import; for the few entries of a group commit it skips SQLAlchemy's statement
        # machinery, most of the CPU such a commit costs).
        connection = session.connection()
        first = int(connection.exec_driver_sql(_SQLITE_MAX_ID).scalar_one()) + 1
        ids = list(range(first, first + len(values)))
        for value, new_id in zip(values, ids, strict=True):
            value["id"] = new_id
        _sqlite_executemany(session, values)
        return ids
    result = session.execute(_INSERT_RETURNING_ID, values)
    return [int(r[0]) for r in result]


# Built once: constructing a statement costs more than running it from SQLAlchemy's compiled cache.
_INSERT_RETURNING_ID = insert(_ENTRIES).returning(_ENTRIES.c.id, sort_by_parameter_order=True)
_SQLITE_MAX_ID = f"SELECT coalesce(max(id), 0) FROM {_ENTRIES.name}"
_SQLITE_COLUMNS = ("id", "user_id", "kind", "occurred_at", "utc_offset_min", "recorded_at", "name", "value", "unit",
                   "note", "quality", "source", "source_key", "original", "updated_at")
_SQLITE_INSERT = (f"INSERT INTO {_ENTRIES.name} ({', '.join(_SQLITE_COLUMNS)}) "
                  f"VALUES ({', '.join('?' for _ in _SQLITE_COLUMNS)})")


def _sqlite_moment(moment: datetime) -> str:
    # The text SQLAlchemy's SQLite DateTime stores (and parses back): "YYYY-MM-DD HH:MM:SS.ffffff".
    return moment.isoformat(sep=" ", timespec="microseconds")


def _sqlite_executemany(session: Session, values: list[dict[str, Any]]) -> None:
    """Insert through the driver, converting values as SQLAlchemy's types would."""
    rows = []
    for v in values:
        rows.append((v["id"], v["user_id"], v["kind"], _sqlite_moment(v["occurred_at"]), v["utc_offset_min"],
                     _sqlite_moment(v["recorded_at"]), v["name"], v["value"], v["unit"], v["note"], v["quality"],
                     v["source"], v["source_key"], json.dumps(v["original"], ensure_ascii=False),
                     _sqlite_moment(v["updated_at"])))
    session.connection().exec_driver_sql(_SQLITE_INSERT, rows)


def existing_source_keys(session: Session, user_id: int, keys: Iterable[str]) -> set[str]:
    """The subset of `keys` already stored for this user (for idempotent imports)."""
    wanted = list(set(keys))
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
    stmt = select(*_COLUMNS).where(_ENTRIES.c.user_id == user_id)
    if start is not None:
        stmt = stmt.where(_ENTRIES.c.occurred_at >= _utc_naive(start))
    if end is not None:
        stmt = stmt.where(_ENTRIES.c.occurred_at < _utc_naive(end))
    if kinds:
        stmt = stmt.where(_ENTRIES.c.kind.in_([k.value for k in kinds]))
    order = (_ENTRIES.c.occurred_at.desc(), _ENTRIES.c.id.desc()) if newest_first else (
        _ENTRIES.c.occurred_at, _ENTRIES.c.id)
    stmt = stmt.order_by(*order)
    if limit is not None:
        stmt = stmt.limit(limit)
    return [from_row(r) for r in session.execute(stmt)]


def get_entry(session: Session, user_id: int, entry_id: int) -> Entry:
    """One entry of this user; NotFoundError when missing or someone else's."""
    stmt = select(*_COLUMNS).where(_ENTRIES.c.user_id == user_id, _ENTRIES.c.id == entry_id)
    row = session.execute(stmt).first()
    if row is None:
        raise NotFoundError(_("no entry {id}").format(id=entry_id))
    return from_row(row)


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
