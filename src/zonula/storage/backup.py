"""Backups: a consistent online copy of the whole store, and an all-or-nothing restore.

Two file kinds, both carrying the schema revision they were taken at:

- SQLite stores are copied with `VACUUM INTO` (one read transaction, so the copy is consistent
  while the app keeps writing); the copy is itself a SQLite database whose `alembic_version`
  table holds the revision.
- PostgreSQL stores are dumped logically: every table's rows as gzip-compressed JSON, read in one
  REPEATABLE READ transaction, with the revision in the header. No pg_dump is needed, and the
  dump restores into SQLite as well (moving a diary between engines).

A restore reads the file into a staging SQLite database, brings that to this zonula's newest
schema (so a backup from an older zonula restores too; one from a newer zonula is refused),
then replaces the target's rows in ONE transaction: either the whole backup is in, or nothing
changed.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, MetaData, Table, delete, func, insert, select, text

from zonula.errors import ConflictError, FieldProblem, ImportFileError, SchemaVersionError
from zonula.i18n import _
from zonula.storage.database import Database, _alembic_config

FORMAT = "zonula-backup"
FORMAT_VERSION = 1
SQLITE_MAGIC = b"SQLite format 3\x00"
GZIP_MAGIC = b"\x1f\x8b"
SKIPPED_TABLES = frozenset({"alembic_version"})
CHUNK = 1000


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """What a backup holds: its kind (sqlite or json), schema revision, and rows per table."""

    kind: str
    schema_revision: str | None
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def total_rows(self) -> int:
        """Rows over every table."""
        return sum(self.rows.values())


def reflect(conn: Connection) -> list[Table]:
    """Every zonula table in the database (reflected, so tables of every area are covered), parents first."""
    meta = MetaData()
    meta.reflect(bind=conn)
    return [t for t in meta.sorted_tables if t.name not in SKIPPED_TABLES]


def _revision(conn: Connection) -> str | None:
    found = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return str(found) if found is not None else None


def _fsync_replace(tmp: Path, path: Path) -> None:
    with tmp.open("rb") as fh:
        os.fsync(fh.fileno())
    tmp.replace(path)
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def jsonable(value: Any) -> Any:
    """A column value as JSON can hold it (dates as ISO text, bytes as hex)."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    return value


def backup(db: Database, path: Path) -> BackupInfo:
    """Write a consistent backup of the whole store to `path` (atomically: a temp file, then a rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    tmp.unlink(missing_ok=True)
    try:
        info = _backup_sqlite(db, tmp) if db.is_sqlite else _backup_json(db, tmp)
        _fsync_replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return info


def _backup_sqlite(db: Database, tmp: Path) -> BackupInfo:
    raw = db.engine.raw_connection()  # autocommit: VACUUM cannot run inside the engine's BEGIN
    try:
        cursor = raw.cursor()
        cursor.execute("VACUUM INTO ?", (str(tmp),))
        cursor.close()
    finally:
        raw.close()
    return inspect_backup(tmp)


def _backup_json(db: Database, tmp: Path) -> BackupInfo:
    tables: dict[str, dict[str, Any]] = {}
    with db.engine.connect().execution_options(isolation_level="REPEATABLE READ") as conn, conn.begin():
        revision = _revision(conn)
        for table in reflect(conn):
            columns = [c.name for c in table.columns]
            order = [table.c[name] for name in ("id",) if name in table.c] or list(table.columns)
            rows = [[jsonable(v) for v in row] for row in conn.execute(select(table).order_by(*order))]
            tables[table.name] = {"columns": columns, "rows": rows}
    document = {"format": FORMAT, "version": FORMAT_VERSION, "schema_revision": revision,
                "created_at": datetime.now(UTC).isoformat(), "tables": tables}
    with gzip.open(tmp, "wt", encoding="utf-8") as out:
        json.dump(document, out, ensure_ascii=False, separators=(",", ":"))
    return BackupInfo("json", revision, {name: len(t["rows"]) for name, t in tables.items()})


def _kind_of(path: Path) -> str:
    with path.open("rb") as fh:
        head = fh.read(16)
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(GZIP_MAGIC):
        return "json"
    raise ImportFileError([_problem(path, _("this is not a zonula backup"))])


def _problem(path: Path, message: str) -> FieldProblem:
    return FieldProblem("backup", message, str(path))


def _load_json(path: Path) -> dict[str, Any]:
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            document = json.load(fh)
    except (OSError, ValueError, EOFError) as err:
        raise ImportFileError([_problem(path, _("the backup file is damaged: {err}").format(err=err))]) from err
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ImportFileError([_problem(path, _("this is not a zonula backup"))])
    return document


def inspect_backup(path: Path) -> BackupInfo:
    """The kind, schema revision and row counts of a backup file (nothing is changed)."""
    kind = _kind_of(path)
    if kind == "json":
        document = _load_json(path)
        return BackupInfo("json", document.get("schema_revision"),
                          {name: len(t["rows"]) for name, t in document["tables"].items()})
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
        revision = None
        if "alembic_version" in names:
            found = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = found[0] if found else None
        rows = {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0]
                for n in names if n not in SKIPPED_TABLES}
    except sqlite3.DatabaseError as err:
        raise ImportFileError([_problem(path, _("the backup file is damaged: {err}").format(err=err))]) from err
    finally:
        conn.close()
    return BackupInfo("sqlite", revision, rows)


def check_revision(info: BackupInfo) -> None:
    """Refuse a backup without a revision, or from a newer zonula (SchemaVersionError)."""
    if info.schema_revision is None:
        raise SchemaVersionError(_("this backup records no schema revision; it was not made by zonula backup"))
    if info.schema_revision not in Database.known_revisions():
        raise SchemaVersionError(_(
            "this backup comes from a newer zonula (schema revision {rev}, newest known here {head}); "
            "upgrade zonula before restoring it").format(rev=info.schema_revision, head=Database.head_revision()))


@contextmanager
def staged(path: Path) -> Iterator[Database]:
    """The backup as a temporary SQLite store at this zonula's newest schema."""
    info = inspect_backup(path)
    check_revision(info)
    folder = Path(tempfile.mkdtemp(prefix="zonula-restore-"))
    staging = folder / "staging.sqlite3"
    url = f"sqlite:///{staging}"
    try:
        if info.kind == "sqlite":
            shutil.copyfile(path, staging)
            db = Database(url, sqlite_synchronous="OFF", migrate=True)
        else:
            db = _stage_json(_load_json(path), url)
        try:
            yield db
        finally:
            db.dispose()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _stage_json(document: dict[str, Any], url: str) -> Database:
    from alembic import command  # imported here: Alembic is slow to import and most commands never need it

    db = Database(url, sqlite_synchronous="OFF", migrate=False)
    cfg = _alembic_config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, document["schema_revision"])
    with db.engine.begin() as conn:
        for table in reflect(conn):
            data = document["tables"].get(table.name)
            if data:
                _insert(conn, table, data["columns"], data["rows"])
    db.migrate()
    return db


def _converters(table: Table) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for column in table.columns:
        try:
            kind = column.type.python_type
        except NotImplementedError:
            continue
        if kind is datetime:
            found[column.name] = datetime.fromisoformat
        elif kind is date:
            found[column.name] = date.fromisoformat
        elif kind is bytes:
            found[column.name] = bytes.fromhex
    return found


def _insert(conn: Connection, table: Table, columns: list[str], rows: list[list[Any]]) -> None:
    known = [c for c in columns if c in table.c]
    convert = _converters(table)
    for start in range(0, len(rows), CHUNK):
        values = []
        for row in rows[start:start + CHUNK]:
            item = dict(zip(columns, row, strict=True))
            values.append({c: (convert[c](item[c]) if c in convert and isinstance(item[c], str) else item[c])
                           for c in known})
        conn.execute(insert(table), values)


def row_counts(db: Database) -> dict[str, int]:
    """Rows per table of a store."""
    with db.engine.connect() as conn:
        return {t.name: int(conn.execute(select(func.count()).select_from(t)).scalar_one()) for t in reflect(conn)}


def restore(db: Database, path: Path, *, force: bool = False) -> BackupInfo:
    """Replace the whole content of `db` with the backup at `path`, in one transaction.

    Raises:
        SchemaVersionError: the backup comes from a newer zonula (or records no revision).
        ConflictError: the store holds data and `force` was not given.
        ImportFileError: the file is not a zonula backup or is damaged.
    """
    with staged(path) as source:
        with source.engine.connect() as src:
            tables = reflect(src)
            payload = {t.name: ([c.name for c in t.columns], [list(r) for r in src.execute(select(t))])
                       for t in tables}
        with db.engine.execution_options(sqlite_begin="IMMEDIATE").begin() as conn:
            target = reflect(conn)
            if not force and any(conn.execute(select(func.count()).select_from(t)).scalar_one() for t in target):
                raise ConflictError(_("this store is not empty; restoring would replace everything in it. "
                                      "Use --force to replace it."))
            for table in reversed(target):
                conn.execute(delete(table))
            for table in target:
                if table.name in payload:
                    columns, rows = payload[table.name]
                    _insert(conn, table, columns, rows)
            if not db.is_sqlite:
                _reset_sequences(conn, target)
    return BackupInfo("restored", Database.head_revision(), {n: len(r) for n, (_c, r) in payload.items()})


def _reset_sequences(conn: Connection, tables: list[Table]) -> None:
    for table in tables:
        if "id" not in table.c:
            continue
        sequence = conn.execute(text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table.name}).scalar()
        if sequence:
            conn.execute(text(f'SELECT setval(:s, COALESCE((SELECT max(id) FROM "{table.name}"), 0) + 1, false)'),
                         {"s": sequence})
