"""Access control over EVERY route (walked from the app, so new routes are covered): Alice, Bob and Charlie.

Alice and Bob are people; Charlie is a clinician Alice granted read access. Bob and Charlie (and an
anonymous visitor) call every route with every method, aimed at Alice's entry, token and name:
Alice's private text never shows up in what they get back (except Charlie's read-only view of
Alice), none of Alice's rows change, and revoking the grant shuts Charlie out at once.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.reliability.routes import all_routes
from tests.web.conftest import FAST_HASHER, Browser, signed_in, web_settings
from zonula.domain.entries import Entry, EntryKind
from zonula.service.accounts import Accounts
from zonula.storage import Database
from zonula.web import create_app

ALICE_SECRET = "alice-private-7f3a"
BOB_SECRET = "bob-private-91c2"
# Routes anyone may use without signing in.
PUBLIC = frozenset({
    ("GET", "/account/signin"), ("POST", "/account/signin"), ("GET", "/account/signup"),
    ("POST", "/account/signup"), ("POST", "/language"), ("GET", "/api/v1/openapi.json"),
    ("GET", "/learn"), ("GET", "/transfer/cancel"),
})
# Routes that end the caller's own session: called last.
SESSION_ENDING = frozenset({("POST", "/account/signout")})
FORM = {"name": "pwned", "note": "pwned", "value": "3", "unit": "mg", "at": "2026-01-01T08:00", "password": "wrong",
        "confirm": "nobody", "current_password": "wrong", "new_password": "x" * 12, "new_password2": "x" * 12,
        "clinician": "charlie", "language": "en", "timezone": "UTC", "lang": "en", "upload_id": "1-x", "fmt": "csv"}
# Tables that cache results computed from a diary: reading Alice's insights may fill them.
DERIVED_CACHES = frozenset({"screening_results"})
# Path parameters naming one of Alice's rows: anyone else must get a refusal, never a success.
ALICE_ROW_PARAMS = ("{entry_id}", "{token_id}", "{assessment_id}")
EXAMPLE_ANSWERS = Path(__file__).resolve().parents[2] / "docs" / "examples" / "answers.json"
JSON_BODY: dict[str, Any] = {"kind": "note", "name": "pwned", "note": "pwned"}


class World:
    """Three accounts over one store, with private entries, tokens and a grant."""

    def __init__(self, db: Database, tmp_path: Path) -> None:
        self.accounts = Accounts(db, hasher=FAST_HASHER)
        self.app: FastAPI = create_app(web_settings(tmp_path, "multi"), accounts=self.accounts, secure_cookies=False)
        self.alice = signed_in(self.app, self.accounts, "alice")
        self.bob = signed_in(self.app, self.accounts, "bob")
        self.charlie = signed_in(self.app, self.accounts, "charlie", role="clinician")
        self.alice_user = self.accounts.user("alice")
        self.bob_user = self.accounts.user("bob")
        self.accounts.grant(self.alice_user, "charlie")
        alice_diary = self.accounts.diary_of(self.alice_user)
        self.alice_entry = alice_diary.add(Entry(EntryKind.MEAL, alice_diary.now(), name=ALICE_SECRET,
                                                 note=ALICE_SECRET))
        self.alice_assessment = alice_diary.save_assessment(json.loads(EXAMPLE_ANSWERS.read_text(encoding="utf-8")))
        bob_diary = self.accounts.diary_of(self.bob_user)
        bob_diary.add(Entry(EntryKind.MEAL, bob_diary.now(), name=BOB_SECRET))
        self.tokens = {name: self.accounts.create_token(self.accounts.user(name), "t")
                       for name in ("alice", "bob", "charlie")}

    def alice_rows(self) -> dict[str, Any]:
        """Every row about Alice (to prove nobody changed them), derived caches aside."""
        rows = self.accounts.diary_of(self.alice_user).stored_records()
        return {name: found for name, found in rows.items() if name not in DERIVED_CACHES}

    def aimed_at_alice(self, path: str) -> str:
        """A route's path with its parameters pointing at Alice's things."""
        values = {"entry_id": str(self.alice_entry.id), "username": "alice",
                  "token_id": str(self.tokens["alice"][1].id), "assessment_id": str(self.alice_assessment.id),
                  "kind": "meal", "fmt": "json"}
        return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), "1"), path)

    def call(self, browser: Browser, token: str | None, method: str, path: str) -> Any:
        """Call one route as a browser (cookies, CSRF) and, for the API, with a bearer token."""
        url = self.aimed_at_alice(path)
        if path.startswith("/api/"):
            headers = {"Authorization": f"Bearer {token}"} if token else {}
            body = [JSON_BODY] if path.endswith("/batch") else JSON_BODY
            return browser.client.request(method, url, headers=headers, follow_redirects=False,
                                          json=body if method in ("POST", "PATCH") else None)
        if method == "GET":
            return browser.client.get(url, follow_redirects=False)
        files = {"file": ("a.csv", b"timestamp,kind,name\n2026-01-01T08:00,meal,pwned\n", "text/csv")}
        return browser.client.request(method, url, data={"csrf_token": browser.csrf, **FORM}, follow_redirects=False,
                                      files=files if path == "/transfer/import" else None)


@pytest.fixture
def world(db: Database, tmp_path: Path) -> World:
    """Alice, Bob and Charlie in a multi-user app."""
    return World(db, tmp_path)


def ordered(routes: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Routes with the session-ending ones last."""
    return sorted(routes, key=lambda r: (r in SESSION_ENDING, r))


def test_the_route_list_covers_pages_and_the_api(world: World) -> None:
    routes = all_routes(world.app)
    assert ("GET", "/diary") in routes and ("DELETE", "/api/v1/entries/{entry_id}") in routes
    assert len(routes) >= 40


@pytest.mark.parametrize("attacker", ["bob", "charlie"])
def test_nobody_reads_or_changes_alice_without_a_grant(world: World, attacker: str) -> None:
    before = world.alice_rows()
    browser = world.bob if attacker == "bob" else world.charlie
    token = world.tokens[attacker][0]
    browser.page("/settings")
    for method, path in ordered(all_routes(world.app)):
        response = world.call(browser, token, method, path)
        assert response.status_code < 500, (method, path, response.text[:300])
        may_read = attacker == "charlie" and path.startswith("/clinician/{username}") and method == "GET"
        if not may_read:
            assert ALICE_SECRET not in response.text, (attacker, method, path)
        if any(p in path for p in ALICE_ROW_PARAMS):
            assert response.status_code in (401, 403, 404, 422), (attacker, method, path, response.status_code)
    assert world.alice_rows() == before
    me = world.alice.client.get("/api/v1/me", headers={"Authorization": f"Bearer {world.tokens['alice'][0]}"})
    assert me.status_code == 200 and me.json()["username"] == "alice"


def test_charlie_reads_alice_and_never_bob(world: World) -> None:
    for path in ("/clinician/alice", "/clinician/alice/insights"):
        assert world.charlie.client.get(path).status_code == 200
    assert ALICE_SECRET in world.charlie.client.get("/clinician/alice").text
    assert world.charlie.client.get("/clinician/bob").status_code == 404
    assert world.bob.client.get("/clinician/alice").status_code == 403
    api = world.charlie.client.get(f"/api/v1/entries/{world.alice_entry.id}",
                                   headers={"Authorization": f"Bearer {world.tokens['charlie'][0]}"})
    assert api.status_code == 404


def test_revoking_a_grant_shuts_the_clinician_out_at_once(world: World) -> None:
    assert world.charlie.client.get("/clinician/alice").status_code == 200
    world.alice.page("/settings")
    assert world.alice.submit("/settings/grants/charlie/revoke").status_code == 303
    assert world.charlie.client.get("/clinician/alice").status_code == 404
    assert world.charlie.client.get("/clinician/alice/insights").status_code == 404
    assert "alice" not in world.charlie.client.get("/clinician").text.split("<main", 1)[-1]


def test_anonymous_visitors_reach_only_public_routes(world: World) -> None:
    anonymous = Browser(TestClient(world.app))
    anonymous.page("/account/signin")
    before = world.alice_rows()
    for method, path in all_routes(world.app):
        response = world.call(anonymous, None, method, path)
        assert response.status_code < 500, (method, path)
        assert ALICE_SECRET not in response.text, (method, path)
        if (method, path) in PUBLIC:
            continue
        refused = response.status_code in (401, 403) or (
            response.status_code == 303 and response.headers["location"].startswith("/account/signin"))
        assert refused, (method, path, response.status_code)
    assert world.alice_rows() == before


def test_a_revoked_token_is_refused_at_once(world: World) -> None:
    secret, token = world.tokens["bob"]
    headers = {"Authorization": f"Bearer {secret}"}
    assert world.bob.client.get("/api/v1/entries", headers=headers).status_code == 200
    world.accounts.revoke_token(world.bob_user, token.id)
    assert world.bob.client.get("/api/v1/entries", headers=headers).status_code == 401


def test_api_listings_hold_only_the_callers_entries(world: World) -> None:
    listed = world.bob.client.get("/api/v1/entries", headers={"Authorization": f"Bearer {world.tokens['bob'][0]}"})
    assert BOB_SECRET in listed.text and ALICE_SECRET not in listed.text
