"""Web fixtures: the app over a fresh store (SQLite and PostgreSQL), clients in local and multi mode."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.web.html import Element, parse
from zonula.config import Settings, load_settings
from zonula.service.accounts import Accounts
from zonula.storage import Database
from zonula.web import create_app

SECRET = "a-test-secret-that-is-long-enough"
PASSWORD = "correct horse battery"


def web_settings(tmp_path: os.PathLike[str], mode: str = "local") -> Settings:
    """Settings for a test app: a private data dir, Shanghai time, English."""
    return load_settings({"ZONULA_DATA_DIR": str(tmp_path), "ZONULA_MODE": mode, "ZONULA_SECRET_KEY": SECRET,
                          "ZONULA_USER": "alice", "ZONULA_TIMEZONE": "Asia/Shanghai", "ZONULA_LANG": "en",
                          # local mode answers only to these names (TestClient's is "testserver")
                          "ZONULA_ALLOWED_HOSTS": "testserver,127.0.0.1,localhost" if mode == "local" else ""})


class Browser:
    """A TestClient that also reads pages and carries the CSRF token into forms."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        self.csrf = ""

    def page(self, path: str, *, status: int = 200, **kwargs: object) -> Element:
        """GET a page, check its status, parse it and remember its CSRF token."""
        response = self.client.get(path, **kwargs)  # type: ignore[arg-type]
        assert response.status_code == status, response.text[:500]
        doc = parse(response.text)
        tokens = doc.find_all("input", name="csrf_token")
        if tokens:
            self.csrf = tokens[0].attrs["value"]
        return doc

    def submit(self, path: str, data: dict[str, str] | None = None, **kwargs: object):  # type: ignore[no-untyped-def]
        """POST a form with the CSRF token (redirects not followed)."""
        if not self.csrf:
            self.page("/account/signin" if path.startswith("/account") else "/log")
        body = {"csrf_token": self.csrf, **(data or {})}
        return self.client.post(path, data=body, follow_redirects=False, **kwargs)  # type: ignore[arg-type]


# Cheap hashing for tests (the real parameters are argon2-cffi's defaults).
FAST_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@pytest.fixture
def accounts(db: Database) -> Accounts:
    """The accounts facade over the fixture store (the same object the app uses)."""
    return Accounts(db, hasher=FAST_HASHER)


@pytest.fixture
def make_app(accounts: Accounts, tmp_path: os.PathLike[str]) -> Callable[..., FastAPI]:
    """Build an app over the fixture store in local or multi mode."""
    def build(mode: str = "local") -> FastAPI:
        return create_app(web_settings(tmp_path, mode), accounts=accounts, secure_cookies=False)
    return build


@pytest.fixture
def local(make_app: Callable[..., FastAPI]) -> Iterator[Browser]:
    """A browser on a local-mode app (no sign-in, acts for alice)."""
    with TestClient(make_app("local")) as client:
        yield Browser(client)


@pytest.fixture
def multi_app(make_app: Callable[..., FastAPI]) -> FastAPI:
    """A multi-user app."""
    return make_app("multi")


def signed_in(app: FastAPI, accounts: Accounts, username: str, *, role: str = "person") -> Browser:
    """A browser signed in as a new account."""
    accounts.sign_up(username, PASSWORD, role=role, timezone="Asia/Shanghai")
    browser = Browser(TestClient(app))
    browser.page("/account/signin")
    response = browser.submit("/account/signin", {"username": username, "password": PASSWORD})
    assert response.status_code == 303, response.text[:300]
    browser.page("/")
    return browser
