"""The REST API: entries CRUD with from/to/kind, 422 with field details, tokens, isolation."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.web.conftest import PASSWORD
from zonula.service.accounts import Accounts


def api(app: FastAPI, token: str | None = None) -> TestClient:
    """A client sending a Bearer token."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return TestClient(app, headers=headers)


def test_entries_round_trip_through_the_api(make_app: Callable[..., FastAPI]) -> None:
    client = api(make_app("local"))
    created = client.post("/api/v1/entries", json={"kind": "meal", "name": "豆浆和油条",
                                                   "at": "2026-11-20T07:30:00+08:00"})
    assert created.status_code == 201
    body = created.json()
    assert body["name"] == "豆浆和油条" and body["at"] == "2026-11-20T07:30:00+08:00"
    entry_id = body["id"]
    assert client.get(f"/api/v1/entries/{entry_id}").json()["kind"] == "meal"
    patched = client.patch(f"/api/v1/entries/{entry_id}", json={"note": "with sugar"})
    assert patched.status_code == 200 and patched.json()["note"] == "with sugar"
    assert patched.json()["name"] == "豆浆和油条"
    assert client.delete(f"/api/v1/entries/{entry_id}").status_code == 204
    assert client.get(f"/api/v1/entries/{entry_id}").status_code == 404


def test_a_naive_time_is_read_in_the_persons_zone(make_app: Callable[..., FastAPI]) -> None:
    client = api(make_app("local"))
    body = client.post("/api/v1/entries", json={"kind": "stool", "value": 4, "at": "2026-11-20T08:00"}).json()
    assert body["at"] == "2026-11-20T08:00:00+08:00"


def test_the_list_filters_by_days_and_kind(make_app: Callable[..., FastAPI]) -> None:
    client = api(make_app("local"))
    batch = [{"kind": "meal", "name": "rice", "at": "2026-11-19T12:00"},
             {"kind": "symptom", "name": "腹胀", "value": 5, "at": "2026-11-20T15:00"},
             {"kind": "meal", "name": "noodles", "at": "2026-11-20T12:00"},
             {"kind": "meal", "name": "toast", "at": "2026-11-21T08:00"}]
    assert client.post("/api/v1/entries/batch", json=batch).status_code == 201
    day = client.get("/api/v1/entries", params={"from": "2026-11-20", "to": "2026-11-20"}).json()
    assert [e["name"] for e in day["entries"]] == ["noodles", "bloating"]
    meals = client.get("/api/v1/entries", params={"kind": "meal"}).json()
    assert meals["count"] == 3
    both = client.get("/api/v1/entries", params=[("kind", "symptom"), ("kind", "meal"), ("to", "2026-11-20")]).json()
    assert both["count"] == 3


def test_bad_input_gets_422_with_field_details_and_writes_nothing(make_app: Callable[..., FastAPI]) -> None:
    client = api(make_app("local"))
    out_of_range = client.post("/api/v1/entries", json={"kind": "stool", "value": 8})
    assert out_of_range.status_code == 422
    assert out_of_range.json()["detail"][0]["loc"] == ["body", "value"]
    unknown_kind = client.post("/api/v1/entries", json={"kind": "snack", "name": "x"})
    assert unknown_kind.status_code == 422
    assert unknown_kind.json()["detail"][0]["loc"] == ["body", "kind"]
    extra = client.post("/api/v1/entries", json={"kind": "meal", "name": "x", "calories": 300})
    assert extra.status_code == 422
    bad_batch = client.post("/api/v1/entries/batch", json=[{"kind": "meal", "name": "fine"},
                                                           {"kind": "symptom", "name": "gas", "value": 12}])
    assert bad_batch.status_code == 422
    not_json = client.post("/api/v1/entries", content=b"{nope", headers={"content-type": "application/json"})
    assert not_json.status_code == 422
    bad_date = client.get("/api/v1/entries", params={"from": "yesterday"})
    assert bad_date.status_code == 422
    assert client.get("/api/v1/entries").json()["count"] == 0


def test_a_bad_patch_leaves_the_entry_as_it_was(make_app: Callable[..., FastAPI]) -> None:
    client = api(make_app("local"))
    entry_id = client.post("/api/v1/entries", json={"kind": "stress", "value": 3}).json()["id"]
    assert client.patch(f"/api/v1/entries/{entry_id}", json={"value": 30}).status_code == 422
    assert client.get(f"/api/v1/entries/{entry_id}").json()["value"] == 3


def test_multi_user_mode_needs_a_valid_token(make_app: Callable[..., FastAPI], accounts: Accounts) -> None:
    app = make_app("multi")
    assert api(app).get("/api/v1/entries").status_code == 401
    assert api(app, "zt_not-a-token").get("/api/v1/entries").status_code == 401
    alice = accounts.sign_up("alice", PASSWORD)
    secret, token = accounts.create_token(alice, "phone")
    client = api(app, secret)
    assert client.get("/api/v1/me").json()["username"] == "alice"
    assert client.post("/api/v1/entries", json={"kind": "meal", "name": "rice"}).status_code == 201
    accounts.revoke_token(alice, token.id)
    assert client.get("/api/v1/entries").status_code == 401


def test_a_token_reaches_only_its_owners_entries(make_app: Callable[..., FastAPI], accounts: Accounts) -> None:
    app = make_app("multi")
    alice_token, _ = accounts.create_token(accounts.sign_up("alice", PASSWORD), "a")
    bob_token, _ = accounts.create_token(accounts.sign_up("bob", PASSWORD), "b")
    entry_id = api(app, alice_token).post("/api/v1/entries", json={"kind": "meal", "name": "x"}).json()["id"]
    bob = api(app, bob_token)
    assert bob.get(f"/api/v1/entries/{entry_id}").status_code == 404
    assert bob.patch(f"/api/v1/entries/{entry_id}", json={"name": "mine"}).status_code == 404
    assert bob.delete(f"/api/v1/entries/{entry_id}").status_code == 404
    assert bob.get("/api/v1/entries").json()["count"] == 0
    assert api(app, alice_token).get(f"/api/v1/entries/{entry_id}").json()["name"] == "x"


def test_session_cookies_do_not_open_the_api(make_app: Callable[..., FastAPI], accounts: Accounts) -> None:
    app = make_app("multi")
    accounts.sign_up("alice", PASSWORD)
    signed = accounts.sign_in("alice", PASSWORD, ip="127.0.0.1")
    from zonula.web.viewer import CookiePolicy

    cookie = CookiePolicy("a-test-secret-that-is-long-enough").signer("session").sign(signed.key).decode()
    client = TestClient(app, cookies={"zonula_session": cookie})
    assert client.get("/diary").status_code == 200
    assert client.post("/api/v1/entries", json={"kind": "meal", "name": "forged"}).status_code == 401


def test_tokens_are_created_and_revoked_in_settings(make_app: Callable[..., FastAPI]) -> None:
    from tests.web.conftest import Browser
    from tests.web.html import parse

    browser = Browser(TestClient(make_app("local")))
    browser.page("/settings")
    response = browser.submit("/settings/tokens", {"name": "shortcut"})
    secret = parse(response.text).find("code", class_="token").text
    assert api(browser.client.app, secret).get("/api/v1/me").json()["username"] == "alice"  # type: ignore[arg-type]
    revoke = parse(response.text).find("section", id="tokens").find("form", class_="inline").attrs["action"]
    assert browser.submit(revoke).status_code == 303
    assert api(browser.client.app, secret).get("/api/v1/me").status_code == 401  # type: ignore[arg-type]


def test_the_openapi_schema_lists_the_routes(make_app: Callable[..., FastAPI]) -> None:
    schema = api(make_app("local")).get("/api/v1/openapi.json").json()
    assert {"/api/v1/entries", "/api/v1/entries/{entry_id}", "/api/v1/entries/batch", "/api/v1/me",
            "/api/v1/summary"} <= set(schema["paths"])
    assert "EntryIn" in schema["components"]["schemas"] and "EntryOut" in schema["components"]["schemas"]


def test_the_summary_counts_the_diary(make_app: Callable[..., FastAPI]) -> None:
    client = api(make_app("local"))
    client.post("/api/v1/entries/batch", json=[{"kind": "stool", "value": 4, "at": "2026-11-20T08:00"},
                                               {"kind": "symptom", "name": "gas", "value": 3,
                                                "at": "2026-11-20T09:00"}])
    body = client.get("/api/v1/summary").json()
    assert body["entries"] == 2 and body["stool_types"] == {"4": 1} and body["symptom_means"] == {"gas": 3.0}


def test_assessments_through_the_api(make_app: Callable[..., FastAPI]) -> None:
    from tests.web.test_learn import calm_answers

    client = api(make_app("local"))
    answers: dict[str, object] = {**calm_answers(black_stools="yes"), "known_conditions": []}
    missing = client.post("/api/v1/assessments", json={"answers": {"age": 40}})
    assert missing.status_code == 422
    assert {d["loc"][-1] for d in missing.json()["detail"]} >= {"rectal_bleeding", "black_stools"}
    assert client.get("/api/v1/assessments").json() == []
    taken = client.post("/api/v1/assessments", json={"answers": answers})
    assert taken.status_code == 201
    assert taken.json()["see_doctor"] is True
    assert client.get("/api/v1/safety").json()["diet_tools_locked"] is True
    assert client.post("/api/v1/assessments/acknowledge").status_code == 201
    assert client.get("/api/v1/safety").json()["diet_tools_locked"] is False
    assert client.get(f"/api/v1/assessments/{taken.json()['id']}").json()["result"]["red_flags"] == ["black_stools"]
    assert client.get("/api/v1/knowledge", params={"topic": "nsaids"}).json()[0]["grade"]
