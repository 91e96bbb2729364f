"""Account deletion removes every row about a person, and "export everything" holds every row about them.

The tables are enumerated from the declared schema (every storage module imported), so a table
added by any area is covered without touching this test.
"""

from __future__ import annotations

import importlib
import io
import json
import pkgutil
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Column, Table, func, or_, select

import zonula.storage
from tests.conftest import make_diary
from tests.web.conftest import FAST_HASHER, PASSWORD, Browser, signed_in, web_settings
from zonula.domain.entries import Entry, EntryKind
from zonula.service.accounts import Accounts
from zonula.storage import Database
from zonula.storage.tables import Base
from zonula.web import create_app

EXAMPLE_ANSWERS = Path(__file__).resolve().parents[2] / "docs" / "examples" / "answers.json"
FILLED = {"users", "entries", "api_tokens", "grants", "web_sessions", "login_attempts", "assessments", "red_flag_acks"}


def declared_tables() -> list[Table]:
    """Every table any storage module declares."""
    for module in pkgutil.iter_modules(zonula.storage.__path__, "zonula.storage."):
        if not module.name.endswith(".migrations"):
            importlib.import_module(module.name)
    return list(Base.metadata.sorted_tables)


def person_columns(table: Table) -> list[Column[Any]]:
    """Columns that point at a user (foreign keys to users.id) or name one."""
    columns = [c for c in table.columns if any(fk.target_fullname == "users.id" for fk in c.foreign_keys)]
    return columns + ([table.c.username] if "username" in table.c and table.name != "users" else [])


def rows_about(db: Database, user_id: int, username: str) -> dict[str, int]:
    """Rows per table that point at this person."""
    counts: dict[str, int] = {}
    with db.engine.connect() as conn:
        for table in declared_tables():
            columns = person_columns(table) or ([table.c.id] if table.name == "users" else [])
            if not columns:
                continue
            match = [c == (username if c.name == "username" else user_id) for c in columns]
            counts[table.name] = int(conn.execute(select(func.count()).select_from(table).where(or_(*match)))
                                     .scalar_one())
    return counts


def populate(db: Database) -> Accounts:
    """Alice and Bob with entries, tokens, sessions and sign-in attempts; Charlie granted by both."""
    accounts = Accounts(db, hasher=FAST_HASHER)
    accounts.sign_up("charlie", PASSWORD, role="clinician")
    for name in ("alice", "bob"):
        user = accounts.sign_up(name, PASSWORD, timezone="Asia/Shanghai")
        diary = accounts.diary_of(user)
        diary.add_many([Entry(EntryKind.SYMPTOM, diary.now(), name="bloating", value=v) for v in range(5)])
        accounts.create_token(user, "phone")
        accounts.grant(user, "charlie")
        diary.save_assessment(json.loads(EXAMPLE_ANSWERS.read_text(encoding="utf-8")))
        diary.acknowledge_red_flags()
        accounts.sign_in(name, PASSWORD, ip="10.0.0.1")
        with pytest.raises(Exception):  # noqa: B017, PT011 - a wrong password, recorded as an attempt
            accounts.sign_in(name, "wrong password", ip="10.0.0.1")
    return accounts


def test_every_declared_table_about_people_is_enumerated(db: Database) -> None:
    names = {t.name for t in declared_tables() if person_columns(t)}
    assert {"entries", "api_tokens", "grants", "web_sessions", "login_attempts"} <= names


def test_deleting_an_account_removes_every_row_about_the_person(db: Database) -> None:
    accounts = populate(db)
    alice, bob = accounts.user("alice"), accounts.user("bob")
    bob_before = rows_about(db, bob.id, "bob")
    about_alice = rows_about(db, alice.id, "alice")
    assert {name for name, n in about_alice.items() if n} >= FILLED  # the tables populate() fills
    deleted = accounts.diary_of(alice).delete_account()
    assert deleted["entries"] == 5 and deleted["users"] == 1
    assert set(rows_about(db, alice.id, "alice").values()) == {0}
    assert rows_about(db, bob.id, "bob") == bob_before
    assert accounts.people_of(accounts.user("charlie")) == [bob]


def test_export_everything_holds_every_row_about_the_person(db: Database) -> None:
    accounts = populate(db)
    alice = accounts.user("alice")
    out = io.BytesIO()
    accounts.diary_of(alice).export("json", out)
    document = json.loads(out.getvalue())
    counts = rows_about(db, alice.id, "alice")
    assert len(document["entries"]) == counts.pop("entries")
    assert counts.pop("users") == 1 and document["user"]["username"] == "alice"
    assert {name: len(rows) for name, rows in document["records"].items()} == counts
    text = out.getvalue().decode()
    assert "argon2" not in text and "key_hash" not in text and "token_hash" not in text


def test_the_settings_page_deletes_an_account_after_the_password(db: Database, tmp_path: Path) -> None:
    accounts = populate(db)
    app = create_app(web_settings(tmp_path, "multi"), accounts=accounts, secure_cookies=False)
    dora = signed_in(app, accounts, "dora")
    dora.page("/settings")
    assert dora.submit("/settings/delete-account", {"password": "not my password"}).status_code == 422
    assert accounts.user("dora")
    response = dora.submit("/settings/delete-account", {"password": PASSWORD})
    assert response.status_code == 303 and response.headers["location"].startswith("/account/signin")
    assert dora.client.get("/settings", follow_redirects=False).status_code == 303
    assert rows_about(db, 0, "dora")["login_attempts"] == 0
    with pytest.raises(Exception):  # noqa: B017, PT011 - the account is gone
        accounts.user("dora")


def test_the_api_deletes_the_callers_account(db: Database, tmp_path: Path) -> None:
    accounts = populate(db)
    app = create_app(web_settings(tmp_path, "multi"), accounts=accounts, secure_cookies=False)
    secret, _ = accounts.create_token(accounts.user("bob"), "script")
    client = TestClient(app)
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.post("/api/v1/me/delete", json={"password": "nope"}, headers=headers).status_code == 422
    assert client.post("/api/v1/me/delete", json={"password": PASSWORD}, headers=headers).status_code == 204
    assert client.get("/api/v1/me", headers=headers).status_code == 401
    assert [u.username for u in accounts.people_of(accounts.user("charlie"))] == ["alice"]


def test_local_mode_deletes_after_the_username(sqlite_db: Database, tmp_path: Path) -> None:
    diary = make_diary(sqlite_db, "alice")
    diary.add(Entry(EntryKind.STOOL, diary.now(), value=4))
    accounts = Accounts(sqlite_db, hasher=FAST_HASHER)
    app = create_app(web_settings(tmp_path, "local"), accounts=accounts, secure_cookies=False)
    browser = Browser(TestClient(app))
    browser.page("/settings")
    assert browser.submit("/settings/delete-account", {"confirm": "bob"}).status_code == 422
    assert browser.submit("/settings/delete-account", {"confirm": "alice"}).status_code == 303
    assert accounts.diary_of(accounts.local_user("alice")).entries() == []
