"""Accounts in multi-user mode: sign-up/in/out, sessions, rate limits, and who may read whose diary.

Alice and Bob keep diaries; Charlie is a clinician whom Alice lets read hers; Dana is a clinician
nobody granted anything.
"""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.web.conftest import PASSWORD, Browser, signed_in, web_settings
from tests.web.html import parse
from zonula.errors import ConfigError
from zonula.service.accounts import Accounts
from zonula.web import create_app


def test_pages_send_anonymous_visitors_to_sign_in(multi_app: FastAPI) -> None:
    client = TestClient(multi_app)
    response = client.get("/diary", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/account/signin?next=/diary"


def test_sign_up_then_sign_in_opens_the_diary(multi_app: FastAPI) -> None:
    browser = Browser(TestClient(multi_app))
    browser.page("/account/signup")
    response = browser.submit("/account/signup", {"username": "alice", "password": PASSWORD,
                                                  "password2": PASSWORD, "role": "person"})
    assert response.status_code == 303
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    doc = browser.page("/diary")
    assert doc.find("h1").text == "Diary"


def test_sign_up_names_every_bad_field(multi_app: FastAPI) -> None:
    browser = Browser(TestClient(multi_app))
    browser.page("/account/signup")
    response = browser.submit("/account/signup", {"username": "A!", "password": "short", "password2": "short"})
    assert response.status_code == 422
    doc = parse(response.text)
    assert doc.find("p", id="username-error").text
    assert doc.find("p", id="password-error").text
    assert doc.find("input", name="username").attrs["value"] == "A!"


def test_a_taken_username_is_refused(multi_app: FastAPI, accounts: Accounts) -> None:
    accounts.sign_up("alice", PASSWORD)
    browser = Browser(TestClient(multi_app))
    browser.page("/account/signup")
    response = browser.submit("/account/signup", {"username": "alice", "password": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 409


def test_signing_in_rotates_the_session_and_signing_out_ends_it(multi_app: FastAPI, accounts: Accounts) -> None:
    browser = signed_in(multi_app, accounts, "alice")
    first = browser.client.cookies.get("zonula_session")
    browser.page("/account/signin")
    again = browser.submit("/account/signin", {"username": "alice", "password": PASSWORD})
    assert again.status_code == 303
    second = browser.client.cookies.get("zonula_session")
    assert first and second and first != second
    stale = TestClient(multi_app, cookies={"zonula_session": first})
    assert stale.get("/diary", follow_redirects=False).status_code == 303
    browser.page("/")
    out = browser.submit("/account/signout")
    assert out.status_code == 303
    reuse = TestClient(multi_app, cookies={"zonula_session": second})
    assert reuse.get("/diary", follow_redirects=False).status_code == 303


def test_a_tampered_session_cookie_is_ignored(multi_app: FastAPI, accounts: Accounts) -> None:
    browser = signed_in(multi_app, accounts, "alice")
    value = browser.client.cookies.get("zonula_session")
    assert value
    forged = TestClient(multi_app, cookies={"zonula_session": value[:-2] + "xx"})
    assert forged.get("/diary", follow_redirects=False).status_code == 303


def test_sign_in_is_rate_limited_after_five_failures(multi_app: FastAPI, accounts: Accounts) -> None:
    accounts.sign_up("alice", PASSWORD)
    browser = Browser(TestClient(multi_app))
    browser.page("/account/signin")
    for _ in range(5):
        wrong = browser.submit("/account/signin", {"username": "alice", "password": "wrong password!"})
        assert wrong.status_code == 401
    blocked = browser.submit("/account/signin", {"username": "alice", "password": PASSWORD})
    assert blocked.status_code == 429
    assert "15" in parse(blocked.text).find("p", class_="error").text


def test_a_wrong_name_and_a_wrong_password_read_the_same(multi_app: FastAPI, accounts: Accounts) -> None:
    accounts.sign_up("alice", PASSWORD)
    browser = Browser(TestClient(multi_app))
    browser.page("/account/signin")
    a = browser.submit("/account/signin", {"username": "alice", "password": "not it at all"})
    b = browser.submit("/account/signin", {"username": "nobody", "password": "not it at all"})
    assert parse(a.text).find("p", class_="error").text == parse(b.text).find("p", class_="error").text


def test_sign_in_never_redirects_to_another_site(multi_app: FastAPI, accounts: Accounts) -> None:
    accounts.sign_up("alice", PASSWORD)
    browser = Browser(TestClient(multi_app))
    browser.page("/account/signin")
    response = browser.submit("/account/signin", {"username": "alice", "password": PASSWORD,
                                                  "next": "//evil.example/x"})
    assert response.headers["location"] == "/"


def test_people_only_ever_see_their_own_diary(multi_app: FastAPI, accounts: Accounts) -> None:
    alice = signed_in(multi_app, accounts, "alice")
    alice.submit("/log/meal", {"name": "alice's porridge", "at": "2026-11-20T08:00"})
    bob = signed_in(multi_app, accounts, "bob")
    doc = bob.page("/diary?from=2026-11-20&to=2026-11-20")
    assert doc.find_all("li", class_="entry") == []
    entry_id = alice.page("/diary?from=2026-11-20&to=2026-11-20").find("li", class_="entry").attrs["id"][6:]
    assert bob.client.get(f"/diary/{entry_id}/edit").status_code == 404
    assert bob.submit(f"/diary/{entry_id}/delete").status_code == 404
    assert len(alice.page("/diary?from=2026-11-20&to=2026-11-20").find_all("li", class_="entry")) == 1


def test_a_clinician_reads_a_granted_diary_and_nothing_else(multi_app: FastAPI, accounts: Accounts) -> None:
    alice = signed_in(multi_app, accounts, "alice")
    alice.submit("/log/meal", {"name": "milk tea", "at": "2026-11-20T15:00"})
    bob = signed_in(multi_app, accounts, "bob")
    bob.submit("/log/meal", {"name": "bob's secret", "at": "2026-11-20T15:00"})
    charlie = signed_in(multi_app, accounts, "charlie", role="clinician")
    dana = signed_in(multi_app, accounts, "dana", role="clinician")
    alice.page("/settings")
    assert alice.submit("/settings/grants", {"clinician": "charlie"}).status_code == 303
    people = [li.find("strong").text for li in charlie.page("/clinician").find("ul", class_="people").find_all("li")]
    assert people == ["alice"]
    diary = charlie.page("/clinician/alice?from=2026-11-20&to=2026-11-20")
    assert [r.find("span", class_="what").text for r in diary.find_all("li", class_="entry")] == ["milk tea"]
    assert not [a for a in diary.find_all("a") if a.attrs.get("href", "").endswith("/edit")]
    assert charlie.client.get("/clinician/alice/insights").status_code == 200
    assert charlie.client.get("/clinician/bob").status_code == 404
    assert charlie.client.get("/clinician/nobody").status_code == 404
    assert dana.client.get("/clinician/alice").status_code == 404
    assert bob.client.get("/clinician").status_code == 403


def test_revoking_a_grant_takes_effect_at_once(multi_app: FastAPI, accounts: Accounts) -> None:
    alice = signed_in(multi_app, accounts, "alice")
    charlie = signed_in(multi_app, accounts, "charlie", role="clinician")
    alice.page("/settings")
    alice.submit("/settings/grants", {"clinician": "charlie"})
    assert charlie.client.get("/clinician/alice").status_code == 200
    assert alice.submit("/settings/grants/charlie/revoke").status_code == 303
    assert charlie.client.get("/clinician/alice").status_code == 404
    assert alice.page("/settings").find("section", id="grants").find_all("li") == []


def test_granting_to_someone_who_is_not_a_clinician_is_refused(multi_app: FastAPI, accounts: Accounts) -> None:
    alice = signed_in(multi_app, accounts, "alice")
    accounts.sign_up("bob", PASSWORD)
    alice.page("/settings")
    response = alice.submit("/settings/grants", {"clinician": "bob"})
    assert response.status_code == 422
    assert parse(response.text).find("p", id="clinician-error").text


def test_a_password_change_needs_the_current_password(multi_app: FastAPI, accounts: Accounts) -> None:
    alice = signed_in(multi_app, accounts, "alice")
    alice.page("/settings")
    bad = alice.submit("/settings/password", {"current_password": "nope", "new_password": "another long one",
                                              "new_password2": "another long one"})
    assert bad.status_code == 422
    assert parse(bad.text).find("p", id="current_password-error").text
    good = alice.submit("/settings/password", {"current_password": PASSWORD, "new_password": "another long one",
                                               "new_password2": "another long one"})
    assert good.status_code == 303
    assert accounts.sign_in("alice", "another long one", ip="127.0.0.1").session.user.username == "alice"


def test_the_language_setting_is_stored_on_the_user(multi_app: FastAPI, accounts: Accounts) -> None:
    alice = signed_in(multi_app, accounts, "alice")
    alice.submit("/language", {"lang": "zh", "next": "/diary"})
    fresh = TestClient(multi_app, cookies={"zonula_session": alice.client.cookies.get("zonula_session") or ""})
    doc = parse(fresh.get("/diary", headers={"Accept-Language": "en"}).text)
    assert doc.find("h1").text == "日记"


def test_a_multi_user_app_refuses_the_default_secret(tmp_path: object) -> None:
    settings = web_settings(tmp_path, "multi")  # type: ignore[arg-type]
    from dataclasses import replace

    with pytest.raises(ConfigError):
        create_app(replace(settings, secret_key="change-me"))


def test_cookies_are_secure_off_loopback(accounts: Accounts, tmp_path: object) -> None:
    app = create_app(web_settings(tmp_path, "multi"), accounts=accounts)  # type: ignore[arg-type]
    remote = TestClient(app, base_url="https://clinic.example")
    assert "Secure" in remote.get("/account/signin").headers["set-cookie"]
    loopback = TestClient(app, base_url="http://127.0.0.1:8000")
    assert "Secure" not in loopback.get("/account/signin").headers["set-cookie"]
