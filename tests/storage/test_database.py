"""The store: migrations, SQLite settings, refusing a newer schema."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from zonula.errors import SchemaVersionError
from zonula.storage import Database


def test_migrations_bring_a_new_store_to_head(db: Database) -> None:
    assert db.schema_revision() == Database.head_revision()
    assert db.integrity_ok()


def test_sqlite_runs_in_wal_mode_with_foreign_keys(sqlite_db: Database) -> None:
    with sqlite_db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_a_store_from_a_newer_zonula_is_refused(sqlite_db: Database) -> None:
    with sqlite_db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    with pytest.raises(SchemaVersionError, match="newer"):
        Database(sqlite_db.url)


def test_a_failed_transaction_leaves_nothing(db: Database) -> None:
    with pytest.raises(RuntimeError), db.transaction() as session:
        session.execute(text("INSERT INTO users (username, display_name, role, created_at) "
                             "VALUES ('x', 'x', 'person', CURRENT_TIMESTAMP)"))
        raise RuntimeError("boom")
    with db.reading() as session:
        assert session.execute(text("SELECT count(*) FROM users")).scalar() == 0
