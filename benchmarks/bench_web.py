"""Web write benchmark: many concurrent clients logging entries through the REST API.

Starts uvicorn in a subprocess on loopback over SQLite and/or PostgreSQL (a throwaway server
with fsync on), creates an API token, then runs `--clients` asyncio+httpx clients for
`--seconds`. Each client paces itself so that together they offer `--rate` writes per second
(`--rate 0`: every client sends as fast as it can, to find the ceiling). Reports acknowledged
writes/s, p50/p99 latency, errors, and checks that every acknowledged write is in the store.

    python benchmarks/bench_web.py --seconds 20 --backend both
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psycopg

# httpcore tries `import sniffio` on every request; when sniffio is not installed each failed import
# walks sys.path, which costs the client more CPU than the server spends on the write. Mark the
# module absent once so the probe fails at once (httpcore then assumes asyncio, which is right).
if "sniffio" not in sys.modules:
    try:
        import sniffio  # noqa: F401
    except ImportError:
        sys.modules["sniffio"] = None  # type: ignore[assignment]

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.pg import start_server  # noqa: E402

from zonula.service.accounts import Accounts  # noqa: E402
from zonula.storage import Database  # noqa: E402

SECRET = "benchmark-secret-key-0123456789"


@dataclass
class Tally:
    """What the clients saw."""

    latencies: list[float] = field(default_factory=list)
    acknowledged: dict[int, str] = field(default_factory=dict)
    errors: int = 0
    error_kinds: dict[str, int] = field(default_factory=dict)


def free_port() -> int:
    """A free loopback port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_app(url: str, data_dir: Path, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    """uvicorn serving the app over `url`; returns the process and its base URL."""
    port = free_port()
    env = {**os.environ, "ZONULA_DATABASE_URL": url, "ZONULA_DATA_DIR": str(data_dir), "ZONULA_MODE": "multi",
           "ZONULA_SECRET_KEY": SECRET, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "zonula.web.asgi:app", "--host", "127.0.0.1",
                             "--port", str(port), "--workers", str(workers), "--log-level", "warning",
                             "--no-access-log", "--timeout-keep-alive", "120", "--backlog", "4096"], env=env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/api/v1/openapi.json", timeout=2).status_code == 200:
                return proc, base
        except httpx.TransportError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("the app did not start")


async def client(n: int, base: str, token: str, until: float, interval: float, tally: Tally) -> None:
    """One client (its own connection): log symptom entries until the deadline, `interval` seconds apart.

    Each client has its own httpx pool of one connection: one shared pool of 200 connections
    scans every connection on every request in httpcore, which costs more than the server's work.
    """
    # Plain HTTP on loopback: no TLS context to build (loading CA files per client is slow).
    async with httpx.AsyncClient(limits=httpx.Limits(max_connections=1), timeout=30, verify=False,
                                 trust_env=False) as http:
        await _send_until(n, http, base, token, until, interval, tally)


async def _send_until(n: int, http: httpx.AsyncClient, base: str, token: str, until: float, interval: float,
                      tally: Tally) -> None:
    seq = 0
    next_at = time.monotonic() + (n % 100) * interval / 100
    headers = {"Authorization": f"Bearer {token}"}
    while True:
        now = time.monotonic()
        if now >= until:
            return
        if interval and next_at > now:
            await asyncio.sleep(next_at - now)
        next_at += interval
        seq += 1
        note = f"c{n}-{seq}"
        started = time.perf_counter()
        try:
            response = await http.post(base + "/api/v1/entries", headers=headers,
                                       json={"kind": "symptom", "name": "bloating", "value": seq % 11, "note": note})
        except httpx.HTTPError as err:
            tally.errors += 1
            tally.error_kinds[type(err).__name__] = tally.error_kinds.get(type(err).__name__, 0) + 1
            continue
        tally.latencies.append(time.perf_counter() - started)
        if response.status_code == 201:
            tally.acknowledged[int(response.json()["id"])] = note
        else:
            tally.errors += 1
            key = f"HTTP {response.status_code}"
            tally.error_kinds[key] = tally.error_kinds.get(key, 0) + 1


async def load(base: str, token: str, *, clients: int, seconds: float, rate: float) -> tuple[Tally, float]:
    """Run the clients; return what they saw and the elapsed time."""
    tally = Tally()
    interval = clients / rate if rate > 0 else 0.0
    started = time.monotonic()
    until = started + seconds
    await asyncio.gather(*(client(n, base, token, until, interval, tally) for n in range(clients)))
    elapsed = time.monotonic() - started
    return tally, elapsed


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


def percentile(values: list[float], q: float) -> float:
    """The q-quantile (0..1) of values, nearest rank."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def run(backend: str, url: str, data_dir: Path, args: argparse.Namespace) -> None:
    """One benchmark run against one store."""
    db = Database(url)
    accounts = Accounts(db)
    user = accounts.sign_up("bench", "benchmark password", timezone="Asia/Shanghai")
    token, _ = accounts.create_token(user, "bench")
    proc, base = start_app(url, data_dir, args.workers)
    try:
        cpu_before = cpu_seconds(proc.pid)
        client_before = os.times()
        tally, elapsed = asyncio.run(load(base, token, clients=args.clients, seconds=args.seconds, rate=args.rate))
        cpu_after = cpu_seconds(proc.pid)
        client_after = os.times()
        client_cpu = (client_after.user - client_before.user) + (client_after.system - client_before.system)
        user_cpu, system_cpu = cpu_after[0] - cpu_before[0], cpu_after[1] - cpu_before[1]
        server_cpu = user_cpu + system_cpu
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    stored = {e.id: e.note for e in accounts.diary_of(user).entries()}
    missing = [i for i, note in tally.acknowledged.items() if stored.get(i) != note]
    db.dispose()
    writes = len(tally.acknowledged)
    print(f"{backend:10s} clients={args.clients} offered={'max' if not args.rate else f'{args.rate:g}/s'} "
          f"seconds={elapsed:.1f} workers={args.workers}")
    print(f"{'':10s} writes/s={writes / elapsed:.0f} acknowledged={writes} "
          f"p50={percentile(tally.latencies, 0.5) * 1000:.1f} ms p99={percentile(tally.latencies, 0.99) * 1000:.1f} ms "
          f"errors={tally.errors} {tally.error_kinds or ''} missing_after={len(missing)}")
    per_write = max(server_cpu, 1e-9) / max(1, len(tally.latencies)) * 1000
    print(f"{'':10s} server CPU {server_cpu:.1f} s (user {user_cpu:.1f}, system {system_cpu:.1f}) "
          f"= {per_write:.2f} ms per request "
          f"(one uvicorn process tops out near {1000 / per_write:.0f} requests/s on a free core); "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'':10s} client CPU {client_cpu:.1f} s = {client_cpu / max(1, len(tally.latencies)) * 1000:.2f} ms "
          f"per request (the load generator shares the same cores)")


def main() -> None:
    """Parse options and run the chosen backends."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60.0, help="how long the clients write (default 60)")
    parser.add_argument("--clients", type=int, default=200, help="concurrent clients (default 200)")
    parser.add_argument("--rate", type=float, default=500.0,
                        help="writes/s offered by all clients together; 0 = as fast as possible (default 500)")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes (default 1)")
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="zonula-bench-") as tmp:
        folder = Path(tmp)
        if args.backend in ("sqlite", "both"):
            run("sqlite", f"sqlite:///{folder}/bench.sqlite3", folder, args)
        if args.backend in ("postgres", "both"):
            server = start_server(fsync=True)
            try:
                with psycopg.connect(host=server.host, port=server.port, user="zonula", dbname="postgres",
                                     autocommit=True) as conn:
                    conn.execute("CREATE DATABASE bench")
                run("postgres", server.url("bench"), folder, args)
            finally:
                server.stop()


if __name__ == "__main__":
    main()
