"""Soak test: the web app under a steady write load for minutes, at half its measured peak rate.

Starts uvicorn on loopback over a fresh SQLite store (or PostgreSQL with `--backend postgres`),
measures the peak write rate for `--peak-seconds` (clients sending as fast as they can), then
offers half that rate for `--minutes`. Prints, per minute, writes, p50/p99 latency and errors;
the server's resident memory at the start and end; and checks that every acknowledged write is
stored. A healthy run has 0 errors, a flat p99 and a flat resident size. The clients are the
lean keep-alive HTTP clients of webload.py.

    python benchmarks/soak_web.py --minutes 10
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from webload import Tally, account_with_token, missing_writes, percentile, run_load, start_app, store


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


def per_minute(tally: Tally, minutes: int) -> dict[int, tuple[list[float], int]]:
    """Latencies and error counts per minute of the run (a last partial minute joins the one before)."""
    last = max(0, minutes - 1)
    buckets: dict[int, tuple[list[float], int]] = {}
    for latency, at in zip(tally.latencies, tally.finished, strict=True):
        buckets.setdefault(min(int(at // 60), last), ([], 0))[0].append(latency)
    for at, _kind in tally.errors:
        index = min(int(at // 60), last)
        latencies, errors = buckets.get(index, ([], 0))
        buckets[index] = (latencies, errors + 1)
    return buckets


def soak(url: str, data_dir: Path, args: argparse.Namespace) -> int:
    """Measure the peak, soak at half of it, print the figures; return the number of problems."""
    db, accounts, user, token = account_with_token(url, "soak")
    server = start_app(url, data_dir)
    try:
        peak = run_load(server, token, clients=args.clients, seconds=args.peak_seconds, rate=0)
        peak_rate = len(peak.acknowledged) / args.peak_seconds
        rate = args.rate or peak_rate / 2
        print(f"peak: {peak_rate:.0f} writes/s over {args.peak_seconds:g} s with {args.clients} clients; "
              f"soaking at {rate:.0f} writes/s for {args.minutes:g} min", flush=True)
        rss_start = rss_kib(server.proc.pid)
        tally = run_load(server, token, clients=args.clients, seconds=args.minutes * 60, rate=rate)
        rss_end = rss_kib(server.proc.pid)
    finally:
        server.stop()
    missing = missing_writes(accounts, user, {**peak.acknowledged, **tally.acknowledged})
    db.dispose()
    print(f"{'minute':>6} {'writes':>7} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6}")
    for index, (latencies, errors) in sorted(per_minute(tally, max(1, int(args.minutes))).items()):
        print(f"{index + 1:>6} {len(latencies):>7} {percentile(latencies, 0.5) * 1000:>7.1f} "
              f"{percentile(latencies, 0.99) * 1000:>7.1f} {errors:>6}")
    print(f"acknowledged={len(tally.acknowledged)} errors={len(tally.errors)} {tally.error_kinds() or ''} "
          f"missing_after={missing}")
    print(f"server RSS: start {rss_start / 1024:.1f} MiB, end {rss_end / 1024:.1f} MiB "
          f"({(rss_end - rss_start) / 1024:+.1f} MiB)")
    return len(tally.errors) + missing


def main() -> None:
    """Parse options and run the soak."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=10.0, help="soak length (default 10)")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients (default 20)")
    parser.add_argument("--peak-seconds", type=float, default=20.0, help="peak measurement length (default 20)")
    parser.add_argument("--rate", type=float, default=0.0, help="writes/s to offer (default: half the peak)")
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="zonula-soak-") as tmp, store(args.backend, Path(tmp), "soak") as url:
        problems = soak(url, Path(tmp), args)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
