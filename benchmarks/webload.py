"""The write-load generator shared by bench_web.py and soak_web.py: a server, a store, lean HTTP clients.

Each simulated phone is one asyncio task with its own keep-alive HTTP/1.1 connection. It sends
real requests (`POST /api/v1/entries`, a JSON body, `Authorization: Bearer`), reads each whole
response, parses its JSON and counts a write as acknowledged only on `201` with an `id`.

The client is written against asyncio streams instead of httpx because the load generator shares
the machine's two cores with the server it measures: httpx spent about 0.8 ms of CPU per request
(more than the server's write), and every millisecond the client burns is a millisecond the server
waits for a core, which shows up as server latency. This one spends about a quarter of that. It
speaks only what the benchmark needs (Content-Length bodies, keep-alive, reconnect on close) and
treats anything else as an error.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.pg import start_server  # noqa: E402
from tests.reliability.live import LiveServer, free_port  # noqa: E402

from zonula.service.accounts import Accounts, User  # noqa: E402
from zonula.storage import Database  # noqa: E402

SECRET = "benchmark-secret-key-0123456789"
ENTRIES_PATH = "/api/v1/entries"


# --- results -------------------------------------------------------------------------------------------

@dataclass
class Tally:
    """What the clients saw: every answered request's latency and when it finished, acknowledged writes, errors."""

    started: float = field(default_factory=time.monotonic)
    ended: float = 0.0  # when the last client finished
    latencies: list[float] = field(default_factory=list)
    finished: list[float] = field(default_factory=list)  # seconds after `started`, one per latency
    acknowledged: dict[int, str] = field(default_factory=dict)  # entry id -> the note the client sent
    errors: list[tuple[float, str]] = field(default_factory=list)  # (seconds after `started`, kind)

    def error_kinds(self) -> dict[str, int]:
        """How many errors of each kind."""
        kinds: dict[str, int] = {}
        for _at, kind in self.errors:
            kinds[kind] = kinds.get(kind, 0) + 1
        return kinds

    def error(self, kind: str) -> None:
        """Record one failed request."""
        self.errors.append((time.monotonic() - self.started, kind))


def percentile(values: list[float], q: float) -> float:
    """The q-quantile (0..1) of values, nearest rank."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def cpu_seconds(pid: int) -> tuple[float, float]:
    """(user, system) CPU seconds of a process and all its live descendants (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    user = system = 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        user, system = int(fields[11]) / tick, int(fields[12]) / tick
        children = " ".join(p.read_text() for p in Path(f"/proc/{pid}/task").glob("*/children")).split()
    except OSError:
        return user, system
    for child in children:
        cu, cs = cpu_seconds(int(child))
        user, system = user + cu, system + cs
    return user, system


def own_cpu_seconds() -> float:
    """CPU seconds (user + system) this process has used so far."""
    times = os.times()
    return times.user + times.system


# --- the server and the store --------------------------------------------------------------------------

class Server(LiveServer):
    """A uvicorn process serving zonula on loopback, and the address the clients connect to."""

    @property
    def host(self) -> str:
        """The server's address."""
        return urlsplit(self.base).hostname or "127.0.0.1"

    @property
    def port(self) -> int:
        """The server's port."""
        return urlsplit(self.base).port or 80


def start_app(url: str, data_dir: Path, *, workers: int = 1) -> Server:
    """uvicorn (as `zonula serve` runs it: uvloop and httptools when installed) over the store at `url`."""
    port = free_port()
    env = {**os.environ, "ZONULA_DATABASE_URL": url, "ZONULA_DATA_DIR": str(data_dir), "ZONULA_MODE": "multi",
           "ZONULA_SECRET_KEY": SECRET, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "zonula.web.asgi:app", "--host", "127.0.0.1",
                             "--port", str(port), "--workers", str(workers), "--log-level", "warning",
                             "--no-access-log", "--timeout-keep-alive", "120", "--backlog", "4096"], env=env)
    server = Server(proc, f"http://127.0.0.1:{port}")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("the app exited during start-up")
        try:
            status, _body = asyncio.run(_get(server, "/api/v1/openapi.json"))
            if status == 200:
                return server
        except OSError:
            pass
        time.sleep(0.2)
    server.stop()
    raise RuntimeError("the app did not start")


async def _get(server: Server, path: str) -> tuple[int, bytes]:
    conn = Connection(server.host, server.port)
    try:
        return await conn.request("GET", path, b"", {})
    finally:
        conn.close()


@contextmanager
def store(backend: str, folder: Path, name: str) -> Iterator[str]:
    """The URL of a fresh store: a SQLite file in `folder`, or a database on a throwaway PostgreSQL (fsync on)."""
    if backend == "sqlite":
        yield f"sqlite:///{folder}/{name}.sqlite3"
        return
    server = start_server(fsync=True)
    try:
        with psycopg.connect(host=server.host, port=server.port, user="zonula", dbname="postgres",
                             autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        yield server.url(name)
    finally:
        server.stop()


def account_with_token(url: str, username: str) -> tuple[Database, Accounts, User, str]:
    """Open the store, create a person and an API token for them."""
    db = Database(url)
    accounts = Accounts(db)
    user = accounts.sign_up(username, "benchmark password", timezone="Asia/Shanghai")
    token, _ = accounts.create_token(user, username)
    return db, accounts, user, token


def missing_writes(accounts: Accounts, user: User, acknowledged: dict[int, str]) -> int:
    """How many acknowledged writes are not in the store with the note the client sent."""
    stored = {e.id: e.note for e in accounts.diary_of(user).entries()}
    return sum(1 for entry_id, note in acknowledged.items() if stored.get(entry_id) != note)


# --- the HTTP client -----------------------------------------------------------------------------------

class HttpError(Exception):
    """A response the client cannot read (malformed, or a framing it does not speak)."""


class Connection:
    """One keep-alive HTTP/1.1 connection; reopened after the server closes it."""

    def __init__(self, host: str, port: int) -> None:
        self.host = host
        self.port = port
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def request(self, method: str, path: str, body: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
        """Send one request and read the whole response; return (status, body)."""
        if self._writer is None:
            self._reader, self._writer = await asyncio.open_connection(self.host, self.port)
        reader, writer = self._reader, self._writer
        assert reader is not None
        head = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
        writer.write(f"{method} {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n{head}"
                     f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
        try:
            raw = await reader.readuntil(b"\r\n\r\n")
            status_line, *lines = raw.decode("latin-1").split("\r\n")
            status = int(status_line.split(" ", 2)[1])
            length, close = None, False
            for line in lines:
                name, _sep, value = line.partition(":")
                name = name.strip().lower()
                if name == "content-length":
                    length = int(value)
                elif name == "connection" and value.strip().lower() == "close":
                    close = True
                elif name == "transfer-encoding":
                    raise HttpError(f"unsupported transfer-encoding {value.strip()}")
            if length is None:
                raise HttpError("response without Content-Length")
            payload = await reader.readexactly(length) if length else b""
        except BaseException:
            self.close()
            raise
        if close:
            self.close()
        return status, payload

    def close(self) -> None:
        """Drop the connection (the next request opens a new one)."""
        if self._writer is not None:
            self._writer.close()
        self._reader = self._writer = None


async def write_entries(n: int, server: Server, token: str, until: float, interval: float, tally: Tally) -> None:
    """One client: log symptom entries until `until`, `interval` seconds apart (0: back to back)."""
    conn = Connection(server.host, server.port)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    next_at = time.monotonic() + (n % 100) * interval / 100
    seq = 0
    try:
        while True:
            now = time.monotonic()
            if now >= until:
                return
            if interval and next_at > now:
                await asyncio.sleep(next_at - now)
            next_at += interval
            seq += 1
            note = f"c{n}-{seq}"
            body = json.dumps({"kind": "symptom", "name": "bloating", "value": seq % 11, "note": note}).encode()
            started = time.perf_counter()
            try:
                async with asyncio.timeout(30):
                    status, payload = await conn.request("POST", ENTRIES_PATH, body, headers)
            except (OSError, TimeoutError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, HttpError,
                    ValueError) as err:
                tally.error(type(err).__name__)
                continue
            done = time.perf_counter()
            tally.latencies.append(done - started)
            tally.finished.append(time.monotonic() - tally.started)
            if status != 201:
                tally.error(f"HTTP {status}")
                continue
            try:
                answer = json.loads(payload)
                tally.acknowledged[int(answer["id"])] = note
            except (ValueError, KeyError, TypeError):
                tally.error("bad JSON")
    finally:
        conn.close()


async def load(server: Server, token: str, *, clients: int, seconds: float, rate: float) -> Tally:
    """Run `clients` clients for `seconds`, offering `rate` writes/s together (0: as fast as they can)."""
    tally = Tally()
    interval = clients / rate if rate > 0 else 0.0
    until = tally.started + seconds
    await asyncio.gather(*(write_entries(n, server, token, until, interval, tally) for n in range(clients)))
    tally.ended = time.monotonic()
    return tally


def run_loop(main: Callable[[], Coroutine[Any, Any, Tally]]) -> Tally:
    """Run the clients on uvloop when installed (as the server does), else on asyncio's own loop."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(main())
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        return runner.run(main())


def run_load(server: Server, token: str, *, clients: int, seconds: float, rate: float) -> Tally:
    """`load` on its own event loop."""
    return run_loop(lambda: load(server, token, clients=clients, seconds=seconds, rate=rate))
