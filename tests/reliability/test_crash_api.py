"""Writes through the API survive a SIGKILL of the server: every acknowledged (2xx) write is there after a restart.

On PostgreSQL (a throwaway server with fsync on) the database server is also crashed
(`pg_ctl stop -m immediate`: no checkpoint, crash recovery on start) before both are restarted.
"""

from __future__ import annotations

import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import psycopg
import pytest
from sqlalchemy import text

from tests.pg import PgServer, start_server
from tests.reliability.live import LiveServer, start_app
from zonula.service.accounts import Accounts
from zonula.storage import Database
from zonula.storage.users import User

pytestmark = pytest.mark.slow
CLIENTS = 6
KILL_AFTER = 80


class Stream:
    """Clients writing entries until the server goes away; they remember what was acknowledged."""

    def __init__(self, base: str, token: str) -> None:
        self.base = base
        self.token = token
        self.acknowledged: dict[int, str] = {}
        self.lock = threading.Lock()
        self.stop = threading.Event()

    def client(self, n: int) -> None:
        """Write until a request fails (the server was killed) or `stop` is set."""
        headers = {"Authorization": f"Bearer {self.token}"}
        with httpx.Client(base_url=self.base, headers=headers, timeout=10) as http:
            seq = 0
            while not self.stop.is_set():
                seq += 1
                note = f"c{n}-{seq}"
                try:
                    response = http.post("/api/v1/entries", json={"kind": "symptom", "name": "bloating",
                                                                  "value": seq % 11, "note": note})
                except httpx.HTTPError:
                    return
                if 200 <= response.status_code < 300:
                    with self.lock:
                        self.acknowledged[int(response.json()["id"])] = note

    def run_until_killed(self, server: LiveServer, crash: list[object]) -> None:
        """Start the clients, SIGKILL the server mid-stream, run the extra crash steps, join the clients."""
        threads = [threading.Thread(target=self.client, args=(n,)) for n in range(CLIENTS)]
        for t in threads:
            t.start()
        deadline = time.monotonic() + 120
        while len(self.acknowledged) < KILL_AFTER and time.monotonic() < deadline:
            time.sleep(0.01)
        server.kill()
        for step in crash:
            assert callable(step)
            step()
        self.stop.set()
        for t in threads:
            t.join(timeout=30)


def person(db: Database) -> tuple[User, str]:
    """Alice with an API token."""
    accounts = Accounts(db)
    user = accounts.sign_up("alice", "a long enough password", timezone="Asia/Shanghai")
    token, _ = accounts.create_token(user, "crash")
    return user, token


def check_after_restart(db: Database, url: str, data_dir: Path, token: str, acknowledged: dict[int, str]) -> None:
    """Every acknowledged write is stored exactly once, the store is sound, and the app serves again."""
    assert len(acknowledged) >= KILL_AFTER
    with db.engine.connect() as conn:
        rows = {int(i): str(n) for i, n in conn.execute(text("SELECT id, note FROM entries"))}
        total = conn.execute(text("SELECT count(*) FROM entries")).scalar_one()
        distinct = conn.execute(text("SELECT count(DISTINCT note) FROM entries")).scalar_one()
    missing = {i: n for i, n in acknowledged.items() if rows.get(i) != n}
    assert missing == {}
    assert total == distinct >= len(acknowledged)  # unacknowledged writes may have landed, never twice
    assert db.integrity_ok()
    server = start_app(url, data_dir)
    try:
        headers = {"Authorization": f"Bearer {token}"}
        listed = httpx.get(server.base + "/api/v1/entries", params={"limit": 10_000}, headers=headers, timeout=30)
        assert listed.status_code == 200
        assert listed.json()["count"] == total
        again = httpx.post(server.base + "/api/v1/entries", headers=headers, timeout=30,
                           json={"kind": "stool", "value": 4})
        assert again.status_code == 201
    finally:
        server.stop()


def test_sqlite_keeps_every_acknowledged_write_through_a_sigkill(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/crash.sqlite3"
    db = Database(url)
    _user, token = person(db)
    server = start_app(url, tmp_path)
    stream = Stream(server.base, token)
    stream.run_until_killed(server, [])
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    check_after_restart(db, url, tmp_path, token, stream.acknowledged)
    db.dispose()


@pytest.fixture
def durable_pg() -> Iterator[PgServer]:
    """A PostgreSQL server of its own with fsync on (it gets crashed)."""
    server = start_server(fsync=True)
    with psycopg.connect(host=server.host, port=server.port, user="zonula", dbname="postgres",
                         autocommit=True) as conn:
        conn.execute("CREATE DATABASE crash")
    yield server
    server.stop()


def _pg_ctl(server: PgServer, *args: str) -> subprocess.CompletedProcess[bytes]:
    cmd = [str(server.bindir / "pg_ctl"), "-D", str(server.datadir), *args]
    if server.run_as:
        cmd = ["runuser", "-u", server.run_as, "--", *cmd]
    return subprocess.run(cmd, capture_output=True, check=False, timeout=120)


def crash_and_restart(server: PgServer) -> None:
    """Crash PostgreSQL (immediate stop: no checkpoint) and start it again through crash recovery."""
    assert _pg_ctl(server, "stop", "-m", "immediate").returncode == 0
    base = server.datadir.parent
    started = _pg_ctl(server, "-o", f"-p {server.port} -k {base} -c listen_addresses=127.0.0.1",
                      "-l", str(base / "log"), "-w", "start")
    assert started.returncode == 0, started.stderr.decode()


def test_postgresql_keeps_every_acknowledged_write_through_a_crash(durable_pg: PgServer, tmp_path: Path) -> None:
    url = durable_pg.url("crash")
    db = Database(url)
    _user, token = person(db)
    server = start_app(url, tmp_path)
    stream = Stream(server.base, token)
    db.dispose()
    stream.run_until_killed(server, [lambda: crash_and_restart(durable_pg)])
    log = (durable_pg.datadir.parent / "log").read_text(errors="replace")
    recovery = log.split("database system was not properly shut down", 1)
    assert len(recovery) == 2, "PostgreSQL did not go through crash recovery"
    assert "ready to accept connections" in recovery[1]
    db = Database(url)
    check_after_restart(db, url, tmp_path, token, stream.acknowledged)
    with db.engine.connect() as conn:
        users = conn.execute(text("SELECT count(*) FROM users")).scalar_one()
        tokens = conn.execute(text("SELECT count(*) FROM api_tokens")).scalar_one()
    assert (users, tokens) == (1, 1)
    db.dispose()
