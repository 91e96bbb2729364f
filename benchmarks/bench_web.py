"""Web write benchmark: many concurrent clients logging entries through the REST API.

Starts uvicorn in a subprocess on loopback over SQLite and/or PostgreSQL (a throwaway server
with fsync on), creates an API token, then runs `--clients` clients (each its own keep-alive
connection; see webload.py) for `--seconds`. Each client paces itself so that together they offer
`--rate` writes per second (`--rate 0`: every client sends as fast as it can, to find the
ceiling). Reports acknowledged writes/s, p50/p99 latency, errors, the CPU time the server and the
client spent per request, the load average, and checks that every acknowledged write is stored.

    python benchmarks/bench_web.py --seconds 60 --backend both
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from webload import (
    account_with_token,
    cpu_seconds,
    missing_writes,
    own_cpu_seconds,
    percentile,
    run_load,
    start_app,
    store,
)


def run(backend: str, url: str, data_dir: Path, args: argparse.Namespace) -> None:
    """One benchmark run against one store."""
    db, accounts, user, token = account_with_token(url, "bench")
    server = start_app(url, data_dir, workers=args.workers)
    load_before = os.getloadavg()[0]
    try:
        cpu_before, client_before = cpu_seconds(server.proc.pid), own_cpu_seconds()
        tally = run_load(server, token, clients=args.clients, seconds=args.seconds, rate=args.rate)
        cpu_after, client_after = cpu_seconds(server.proc.pid), own_cpu_seconds()
    finally:
        server.stop()
    elapsed = tally.ended - tally.started
    load_after = os.getloadavg()[0]
    missing = missing_writes(accounts, user, tally.acknowledged)
    db.dispose()
    user_cpu, system_cpu = cpu_after[0] - cpu_before[0], cpu_after[1] - cpu_before[1]
    server_cpu, client_cpu = user_cpu + system_cpu, client_after - client_before
    requests = max(1, len(tally.latencies))
    writes = len(tally.acknowledged)
    per_write = max(server_cpu, 1e-9) / requests * 1000
    print(f"{backend:10s} clients={args.clients} offered={'max' if not args.rate else f'{args.rate:g}/s'} "
          f"seconds={elapsed:.1f} workers={args.workers}")
    print(f"{'':10s} writes/s={writes / elapsed:.0f} acknowledged={writes} "
          f"p50={percentile(tally.latencies, 0.5) * 1000:.1f} ms p90={percentile(tally.latencies, 0.9) * 1000:.1f} ms "
          f"p99={percentile(tally.latencies, 0.99) * 1000:.1f} ms max={max(tally.latencies, default=0) * 1000:.0f} ms "
          f"errors={len(tally.errors)} {tally.error_kinds() or ''} missing_after={missing}")
    print(f"{'':10s} server CPU {server_cpu:.1f} s (user {user_cpu:.1f}, system {system_cpu:.1f}) "
          f"= {per_write:.2f} ms per request (about {1000 / per_write:.0f} requests/s per free core); "
          f"client CPU {client_cpu:.1f} s = {client_cpu / requests * 1000:.2f} ms per request "
          f"(the load generator shares the cores)")
    print(f"{'':10s} load average {load_before:.1f} before, {load_after:.1f} after, on {os.cpu_count()} cores")


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
    backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    with tempfile.TemporaryDirectory(prefix="zonula-bench-") as tmp:
        for backend in backends:
            with store(backend, Path(tmp), "bench") as url:
                run(backend, url, Path(tmp), args)


if __name__ == "__main__":
    main()
