"""Web hardening over every route: CSRF on every form, security headers on every response, sessions,
sign-in rate limits, secrets refused at their defaults, and the Host check of local mode."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from tests.reliability.routes import all_routes
from tests.reliability.test_access import FORM, World
from tests.web.conftest import FAST_HASHER, PASSWORD, Browser, web_settings
from zonula.cli import main
from zonula.errors import ConfigError
from zonula.service.accounts import Accounts
from zonula.storage import Database
from zonula.web import create_app

UNSAFE = ("POST", "PUT", "PATCH", "DELETE")


@pytest.fixture
def world(sqlite_db: Database, tmp_path: Path) -> World:
    """Alice, Bob and Charlie in a multi-user app (headers and CSRF do not depend on the engine)."""
    return World(sqlite_db, tmp_path)


def form_routes(world: World) -> list[tuple[str, str]]:
    """Every unsafe page route (the API uses bearer tokens, not cookies)."""
    return [(m, p) for m, p in all_routes(world.app) if m in UNSAFE and not p.startswith("/api/")]


@pytest.mark.parametrize("token", [None, "", "forged-token"])
def test_every_form_refuses_a_missing_or_bad_csrf_token(world: World, token: str | None) -> None:
    before = world.alice_rows()
    routes = form_routes(world)
    assert len(routes) >= 15
    for method, path in routes:
        data = dict(FORM) if token is None else {**FORM, "csrf_token": token}
        response = world.alice.client.request(method, world.aimed_at_alice(path), data=data, follow_redirects=False)
        assert response.status_code == 403, (method, path, response.status_code)
    assert world.alice_rows() == before
    assert world.alice.client.get("/settings").status_code == 200  # still signed in


def test_another_visitors_csrf_token_is_refused(world: World) -> None:
    world.bob.page("/settings")
    response = world.alice.client.post("/settings/preferences", data={"csrf_token": world.bob.csrf, "language": "zh"},
                                       follow_redirects=False)
    assert response.status_code == 403


def test_local_mode_forms_need_the_csrf_token_too(sqlite_db: Database, tmp_path: Path) -> None:
    app = create_app(web_settings(tmp_path, "local"), accounts=Accounts(sqlite_db, hasher=FAST_HASHER),
                     secure_cookies=False)
    client = TestClient(app)
    for method, path in all_routes(app):
        if method in UNSAFE and not path.startswith("/api/"):
            url = path.replace("{entry_id}", "1").replace("{username}", "x").replace("{token_id}", "1").replace(
                "{kind}", "meal")
            assert client.request(method, url, data=FORM, follow_redirects=False).status_code == 403, path


def check_headers(headers: dict[str, str], *, hsts: bool) -> None:
    """The security headers every response carries."""
    csp = headers["content-security-policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp and "default-src 'self'" in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] in ("same-origin", "no-referrer", "strict-origin-when-cross-origin")
    assert ("strict-transport-security" in headers) is hsts


def test_every_response_carries_the_security_headers(world: World) -> None:
    world.alice.page("/settings")
    for method, path in all_routes(world.app):
        response = world.call(world.alice, world.tokens["alice"][0], method, path)
        check_headers(dict(response.headers), hsts=True)
        if not path.startswith("/static"):
            assert response.headers["cache-control"] == "no-store", path
    for extra in ("/no/such/page", "/static/zonula.css", "/api/v1/entries/not-a-number"):
        check_headers(dict(world.alice.client.get(extra).headers), hsts=True)


def test_hsts_is_left_out_on_loopback(world: World) -> None:
    local = TestClient(world.app, base_url="http://127.0.0.1:8000")
    check_headers(dict(local.get("/account/signin").headers), hsts=False)


def test_signing_in_rotates_the_session_cookie(world: World) -> None:
    browser = world.alice
    first = browser.client.cookies.get("zonula_session")
    browser.page("/account/signin")
    assert browser.submit("/account/signin", {"username": "alice", "password": PASSWORD}).status_code == 303
    second = browser.client.cookies.get("zonula_session")
    assert first and second and first != second
    stale = TestClient(world.app, cookies={"zonula_session": first})
    assert stale.get("/settings", follow_redirects=False).status_code == 303


def test_sign_in_is_rate_limited(world: World) -> None:
    browser = Browser(TestClient(world.app))
    browser.page("/account/signin")
    codes = [browser.submit("/account/signin", {"username": "bob", "password": f"wrong {i}"}).status_code
             for i in range(6)]
    assert codes[:5] == [401] * 5 and codes[5] == 429
    assert browser.submit("/account/signin", {"username": "bob", "password": PASSWORD}).status_code == 429


def test_a_multi_user_app_refuses_the_default_secret(tmp_path: Path) -> None:
    settings = web_settings(tmp_path, "multi")
    for weak in ("change-me", "short"):
        with pytest.raises(ConfigError, match="ZONULA_SECRET_KEY"):
            create_app(replace(settings, secret_key=weak))


def test_zonula_serve_refuses_the_default_secret(cli_env: dict[str, str]) -> None:
    result = CliRunner().invoke(main, ["serve"], env={**cli_env, "ZONULA_MODE": "multi", "ZONULA_SECRET_KEY": ""})
    assert result.exit_code == 8
    assert "ZONULA_SECRET_KEY" in result.output


def test_local_mode_answers_only_to_loopback_host_names(tmp_path: Path, sqlite_db: Database) -> None:
    settings = replace(web_settings(tmp_path, "local"), allowed_hosts=())
    app = create_app(settings, accounts=Accounts(sqlite_db, hasher=FAST_HASHER), secure_cookies=False)
    assert TestClient(app, base_url="http://127.0.0.1:8000").get("/").status_code == 200
    assert TestClient(app, base_url="http://localhost:8000").get("/").status_code == 200
    rebound = TestClient(app, base_url="http://attacker.example:8000").get("/")
    assert rebound.status_code == 400
    assert "content-security-policy" in rebound.headers


def test_zonula_serve_trusts_forwarded_addresses_only_from_the_named_proxy(cli_env: dict[str, str],
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    calls: list[dict[str, object]] = []
    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: calls.append(kwargs))
    env = {**cli_env, "ZONULA_MODE": "multi", "ZONULA_SECRET_KEY": "s" * 32}
    assert CliRunner().invoke(main, ["serve"], env=env).exit_code == 0
    assert CliRunner().invoke(main, ["serve", "--proxy", "127.0.0.1"], env=env).exit_code == 0
    assert calls[0]["proxy_headers"] is False
    assert calls[1]["proxy_headers"] is True and calls[1]["forwarded_allow_ips"] == "127.0.0.1"


@pytest.mark.parametrize("target", ["//evil.example", "/\\evil.example", "/\\/evil.example", "https://evil.example",
                                    "/\t/evil.example", "javascript:alert(1)"])
def test_sign_in_never_redirects_to_another_site(world: World, target: str) -> None:
    browser = Browser(TestClient(world.app))
    browser.page("/account/signin")
    response = browser.submit("/account/signin", {"username": "bob", "password": PASSWORD, "next": target})
    assert response.status_code == 303
    assert response.headers["location"] == "/"


def test_a_cross_site_write_is_refused_even_without_cookies(tmp_path: Path, sqlite_db: Database) -> None:
    app = create_app(web_settings(tmp_path, "local"), accounts=Accounts(sqlite_db, hasher=FAST_HASHER),
                     secure_cookies=False)
    client = TestClient(app, base_url="http://127.0.0.1:8000")
    body = {"kind": "note", "name": "from another site"}
    evil = client.post("/api/v1/entries", json=body, headers={"Origin": "http://evil.example"})
    assert evil.status_code == 403
    assert client.get("/api/v1/entries").json()["count"] == 0
    same = client.post("/api/v1/entries", json=body, headers={"Origin": "http://127.0.0.1:8000"})
    assert same.status_code == 201
