"""The Database: engine, transactions, and migrations applied automatically on open."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.orm import Session, sessionmaker

from zonula.config import Settings
from zonula.errors import SchemaVersionError

MIGRATIONS_INI = Path(__file__).parent / "alembic.ini"
VERSIONS_DIR = Path(__file__).parent / "migrations" / "versions"
_REVISION = re.compile(r"""^revision\s*=\s*["']([^"']+)["']""", re.M)
_DOWN = re.compile(r"""^down_revision\s*=\s*(?:["']([^"']+)["']|None)""", re.M)


@cache
def _revision_graph() -> dict[str, str | None]:
    """revision -> down_revision, read from the migration files without importing Alembic.

    Alembic (with Mako and Pygments) costs a few hundred milliseconds to import; every CLI command
    opens the store, so the up-to-date check reads the files directly and Alembic is imported only
    when a migration actually has to run.
    """
    graph: dict[str, str | None] = {}
    for path in VERSIONS_DIR.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        rev, down = _REVISION.search(source), _DOWN.search(source)
        if rev:
            graph[rev.group(1)] = down.group(1) if down else None
    return graph


def _alembic_config() -> Any:
    from alembic.config import Config

    cfg = Config(str(MIGRATIONS_INI))
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    return cfg


def _sqlite_pragmas(synchronous: str) -> Any:
    def on_connect(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute(f"PRAGMA synchronous={synchronous}")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    return on_connect


class Database:
    """One store of diaries. Every write goes through `transaction()`: all or nothing."""

    def __init__(self, url: str, *, sqlite_synchronous: str = "FULL", migrate: bool = True) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        if self.is_sqlite:
            path = url.split("///", 1)[-1]
            if path and path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            self.engine: Engine = create_engine(
                url, connect_args={"check_same_thread": False, "timeout": 30}, pool_size=8, max_overflow=32
            )
            event.listen(self.engine, "connect", _sqlite_pragmas(sqlite_synchronous))
            # SQLAlchemy, not pysqlite, emits BEGIN: IMMEDIATE for writers so they queue on the lock
            # instead of failing mid-transaction, DEFERRED for readers (WAL lets them run alongside).
            event.listen(self.engine, "connect", _disable_pysqlite_autobegin)
            event.listen(self.engine, "begin", _sqlite_begin)
        else:
            self.engine = create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)
        self._write_lock: AbstractContextManager[Any] = threading.Lock() if self.is_sqlite else nullcontext()
        self._writers = sessionmaker(self.engine.execution_options(sqlite_begin="IMMEDIATE"),
                                     expire_on_commit=False)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        if migrate:
            self.migrate()

    @classmethod
    def from_settings(cls, settings: Settings, *, migrate: bool = True) -> Database:
        """Open the store the settings name."""
        return cls(settings.database_url, sqlite_synchronous=settings.sqlite_synchronous, migrate=migrate)

    def schema_revision(self) -> str | None:
        """The Alembic revision the database is at (None when empty)."""
        with self.engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):
                return None
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()

    @staticmethod
    def head_revision() -> str:
        """The newest revision this version of zonula knows."""
        graph = _revision_graph()
        heads = set(graph) - {down for down in graph.values() if down}
        if len(heads) != 1:
            raise RuntimeError(f"migrations must form one chain, found heads {sorted(heads)}")
        return heads.pop()

    @staticmethod
    def known_revisions() -> set[str]:
        """Every revision this version of zonula knows."""
        return set(_revision_graph())

    def migrate(self) -> None:
        """Bring the schema to the newest revision; refuse a database from a newer zonula."""
        current = self.schema_revision()
        head = self.head_revision()
        if current == head:
            return
        if current is not None and current not in self.known_revisions():
            raise SchemaVersionError(
                f"this database is at schema revision {current!r}, newer than this zonula knows "
                f"(newest {head!r}); upgrade zonula"
            )
        from alembic import command

        cfg = _alembic_config()
        with self.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session inside one transaction: committed on success, rolled back on any error."""
        # SQLite allows one writer; queueing writers of this process on a lock is fairer and much
        # faster than letting them poll SQLite's busy handler, which sleeps in growing steps.
        with self._write_lock:
            session = self._writers()
            try:
                with session.begin():
                    yield session
            finally:
                session.close()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads (one consistent snapshot)."""
        session = self._sessions()
        try:
            with session.begin():
                yield session
        finally:
            session.close()

    def integrity_ok(self) -> bool:
        """Run the engine's integrity check (SQLite `PRAGMA integrity_check`; PostgreSQL: a query)."""
        with self.engine.connect() as conn:
            if self.is_sqlite:
                return conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            return conn.execute(text("SELECT 1")).scalar() == 1

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


def _disable_pysqlite_autobegin(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None


def _sqlite_begin(conn: Any) -> None:
    mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")


def open_database(settings: Settings, *, migrate: bool = True) -> Database:
    """Open (and migrate) the store named by `settings`."""
    return Database.from_settings(settings, migrate=migrate)
