"""`zonula token` and `zonula serve`: tokens made on the command line open the API; serve checks its host."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from zonula.cli import main
from zonula.config import load_settings
from zonula.service.accounts import Accounts
from zonula.storage import Database
from zonula.web import create_app


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


@pytest.mark.usefixtures("cli_env")
def test_a_token_created_on_the_command_line_opens_the_api_until_revoked() -> None:
    code, out = run("token", "create", "--name", "phone")
    assert code == 0
    secret = out.strip().splitlines()[-1]
    assert secret.startswith("zt_")
    settings = load_settings()
    accounts = Accounts(Database.from_settings(settings), token_cache_seconds=0)
    client = TestClient(create_app(settings, accounts=accounts, secure_cookies=False), base_url="http://127.0.0.1:8000",
                        headers={"Authorization": f"Bearer {secret}"})  # local mode answers loopback names only
    assert client.get("/api/v1/me").json()["username"] == "local"
    code, listing = run("token", "list")
    assert code == 0 and "phone" in listing and secret not in listing
    token_id = listing.split()[0]
    assert run("token", "revoke", token_id)[0] == 0
    assert client.get("/api/v1/me").status_code == 401
    assert run("token", "revoke", token_id)[0] == 3


@pytest.mark.usefixtures("cli_env")
def test_local_mode_refuses_to_serve_beyond_loopback() -> None:
    code, out = run("serve", "--host", "0.0.0.0")
    assert code == 2
    assert "127.0.0.1" in out


@pytest.mark.usefixtures("cli_env")
def test_multi_mode_refuses_to_serve_with_the_default_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZONULA_MODE", "multi")
    monkeypatch.delenv("ZONULA_SECRET_KEY", raising=False)
    code, out = run("serve")
    assert code == 8
    assert "ZONULA_SECRET_KEY" in out
