"""Soak test: the web app under a steady write load for minutes, at half its measured peak rate.

Starts uvicorn on loopback over a fresh SQLite store (or PostgreSQL with `--backend postgres`),
measures the peak write rate for `--peak-seconds` (clients sending as fast as they can), then
offers half that rate for `--minutes`. Prints, per minute, writes, p50/p99 latency and errors;
the server's resident memory at the start and end; and checks that every acknowledged write is
stored. A healthy run has 0 errors, a flat p99 and a flat resident size.

    python benchmarks/soak_web.py --minutes 10
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from tests.pg import start_server  # noqa: E402
from tests.reliability.live import start_app  # noqa: E402

from bench_web import percentile  # noqa: E402
from zonula.service.accounts import Accounts  # noqa: E402
from zonula.storage import Database  # noqa: E402


@dataclass
class Minute:
    """What the clients saw in one minute of the soak."""

    latencies: list[float] = field(default_factory=list)
    errors: int = 0


@dataclass
class Tally:
    """Per-minute results and the acknowledged writes (id -> note)."""

    started: float
    last_minute: int = 10**9
    minutes: dict[int, Minute] = field(default_factory=dict)
    acknowledged: dict[int, str] = field(default_factory=dict)
    error_kinds: dict[str, int] = field(default_factory=dict)

    def minute(self) -> Minute:
        """The bucket for the current minute."""
        index = min(int((time.monotonic() - self.started) // 60), self.last_minute)
        return self.minutes.setdefault(index, Minute())


def rss_kib(pid: int) -> int:
    """Resident memory of a process in KiB (psutil when installed, else /proc)."""
    try:
        import psutil
    except ImportError:  # pragma: no cover - psutil is in the shared environment
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        return 0
    return int(psutil.Process(pid).memory_info().rss // 1024)


async def client(n: int, base: str, token: str, until: float, interval: float, tally: Tally,
                 http: httpx.AsyncClient) -> None:
    """One client writing symptom entries until `until`, one every `interval` seconds (0: flat out)."""
    headers = {"Authorization": f"Bearer {token}"}
    next_at = time.monotonic() + (n % 50) * interval / 50
    seq = 0
    while time.monotonic() < until:
        if interval:
            delay = next_at - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            next_at += interval
        seq += 1
        note = f"c{n}-{seq}"
        started = time.perf_counter()
        bucket = tally.minute()
        try:
            response = await http.post(base + "/api/v1/entries", headers=headers,
                                       json={"kind": "symptom", "name": "bloating", "value": seq % 11, "note": note})
        except httpx.HTTPError as err:
            bucket.errors += 1
            tally.error_kinds[type(err).__name__] = tally.error_kinds.get(type(err).__name__, 0) + 1
            continue
        bucket.latencies.append(time.perf_counter() - started)
        if response.status_code == 201:
            tally.acknowledged[int(response.json()["id"])] = note
        else:
            bucket.errors += 1
            key = f"HTTP {response.status_code}"
            tally.error_kinds[key] = tally.error_kinds.get(key, 0) + 1


async def load(base: str, token: str, *, clients: int, seconds: float, rate: float) -> Tally:
    """Run `clients` clients for `seconds` offering `rate` writes/s together (0: as fast as possible)."""
    tally = Tally(started=time.monotonic(), last_minute=max(0, int(seconds // 60) - 1) if seconds >= 60 else 0)
    interval = clients / rate if rate > 0 else 0.0
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(limits=limits, timeout=30) as http:
        until = time.monotonic() + seconds
        await asyncio.gather(*(client(n, base, token, until, interval, tally, http) for n in range(clients)))
    return tally


def soak(url: str, data_dir: Path, args: argparse.Namespace) -> int:
    """Measure the peak, soak at half of it, print the figures; return the number of problems."""
    db = Database(url)
    accounts = Accounts(db)
    user = accounts.sign_up("soak", "soak test password", timezone="Asia/Shanghai")
    token, _ = accounts.create_token(user, "soak")
    server = start_app(url, data_dir)
    try:
        peak = asyncio.run(load(server.base, token, clients=args.clients, seconds=args.peak_seconds, rate=0))
        peak_rate = len(peak.acknowledged) / args.peak_seconds
        rate = args.rate or peak_rate / 2
        print(f"peak: {peak_rate:.0f} writes/s over {args.peak_seconds:g} s with {args.clients} clients; "
              f"soaking at {rate:.0f} writes/s for {args.minutes:g} min", flush=True)
        rss_start = rss_kib(server.proc.pid)
        tally = asyncio.run(load(server.base, token, clients=args.clients, seconds=args.minutes * 60, rate=rate))
        rss_end = rss_kib(server.proc.pid)
    finally:
        server.stop()
    stored = {e.id: e.note for e in accounts.diary_of(user).entries()}
    missing = sum(1 for i, note in {**peak.acknowledged, **tally.acknowledged}.items() if stored.get(i) != note)
    db.dispose()
    errors = sum(m.errors for m in tally.minutes.values())
    print(f"{'minute':>6} {'writes':>7} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6}")
    for index, bucket in sorted(tally.minutes.items()):
        print(f"{index + 1:>6} {len(bucket.latencies):>7} {percentile(bucket.latencies, 0.5) * 1000:>7.1f} "
              f"{percentile(bucket.latencies, 0.99) * 1000:>7.1f} {bucket.errors:>6}")
    print(f"acknowledged={len(tally.acknowledged)} errors={errors} {tally.error_kinds or ''} "
          f"missing_after={missing}")
    print(f"server RSS: start {rss_start / 1024:.1f} MiB, end {rss_end / 1024:.1f} MiB "
          f"({(rss_end - rss_start) / 1024:+.1f} MiB)")
    return errors + missing


def main() -> None:
    """Parse options and run the soak."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=10.0, help="soak length (default 10)")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients (default 20)")
    parser.add_argument("--peak-seconds", type=float, default=20.0, help="peak measurement length (default 20)")
    parser.add_argument("--rate", type=float, default=0.0, help="writes/s to offer (default: half the peak)")
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="zonula-soak-") as tmp:
        folder = Path(tmp)
        if args.backend == "sqlite":
            problems = soak(f"sqlite:///{folder}/soak.sqlite3", folder, args)
        else:
            server = start_server(fsync=True)
            try:
                with psycopg.connect(host=server.host, port=server.port, user="zonula", dbname="postgres",
                                     autocommit=True) as conn:
                    conn.execute("CREATE DATABASE soak")
                problems = soak(server.url("soak"), folder, args)
            finally:
                server.stop()
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
