"""Migration 0007 adds the account tables; removing a person removes their sessions, grants and tokens."""

from __future__ import annotations

from alembic import command
from argon2 import PasswordHasher
from sqlalchemy import func, inspect, select

from zonula.service.accounts import Accounts
from zonula.storage import Database
from zonula.storage.accounts import ApiTokenRow, GrantRow, WebSessionRow
from zonula.storage.database import _alembic_config
from zonula.storage.tables import UserRow

TABLES = {"web_sessions", "grants", "api_tokens", "login_attempts"}
FAST = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


def test_the_migration_creates_the_account_tables_and_downgrades_cleanly(sqlite_db: Database) -> None:
    assert set(inspect(sqlite_db.engine).get_table_names()) >= TABLES
    cfg = _alembic_config()
    with sqlite_db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "-1")
    assert not TABLES & set(inspect(sqlite_db.engine).get_table_names())
    sqlite_db.migrate()
    assert sqlite_db.schema_revision() == Database.head_revision()


def test_deleting_a_person_deletes_their_sessions_grants_and_tokens(db: Database) -> None:
    accounts = Accounts(db, hasher=FAST)
    alice = accounts.sign_up("alice", "a long enough password")
    accounts.sign_up("charlie", "a long enough password", role="clinician")
    accounts.sign_in("alice", "a long enough password", ip="127.0.0.1")
    accounts.grant(alice, "charlie")
    accounts.create_token(alice, "phone")
    with db.transaction() as session:
        session.delete(session.get(UserRow, alice.id))
    with db.reading() as session:
        for row in (WebSessionRow, GrantRow, ApiTokenRow):
            assert session.execute(select(func.count()).select_from(row)).scalar_one() == 0
