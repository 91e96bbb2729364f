"""A throwaway PostgreSQL server for the test session, started from the Debian binaries."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass
class PgServer:
    """A running test server: where it listens and how to stop it."""

    host: str
    port: int
    datadir: Path
    bindir: Path
    run_as: str | None

    def url(self, dbname: str) -> str:
        """The SQLAlchemy URL of one database on this server."""
        return f"postgresql+psycopg://zonula@{self.host}:{self.port}/{dbname}"

    def stop(self) -> None:
        """Stop the server and remove its files."""
        _run([str(self.bindir / "pg_ctl"), "-D", str(self.datadir), "-m", "immediate", "stop"], self.run_as,
             check=False)
        shutil.rmtree(self.datadir.parent, ignore_errors=True)


def pg_bindir() -> Path | None:
    """The newest installed PostgreSQL bin folder, or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return Path(found[-1]).parent if found else None


def _run(cmd: list[str], run_as: str | None, *, check: bool = True) -> None:
    if run_as:
        cmd = ["runuser", "-u", run_as, "--", *cmd]
    subprocess.run(cmd, check=check, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(*, fsync: bool = False) -> PgServer:
    """initdb + pg_ctl start on a free loopback port; as the `postgres` user when we are root."""
    bindir = pg_bindir()
    if bindir is None:
        raise RuntimeError("PostgreSQL binaries not found (install the Debian package postgresql)")
    run_as = None
    base = Path(tempfile.mkdtemp(prefix="zonula-pg-"))
    if os.geteuid() == 0:
        run_as = "postgres"
        try:
            info = pwd.getpwnam(run_as)
        except KeyError:
            subprocess.run(["useradd", "--system", "--no-create-home", run_as], check=True)
            info = pwd.getpwnam(run_as)
        os.chown(base, info.pw_uid, info.pw_gid)
    base.chmod(0o755)
    datadir = base / "data"
    _run([str(bindir / "initdb"), "-D", str(datadir), "-A", "trust", "-U", "zonula", "-E", "UTF8",
          "--locale=C"], run_as)
    port = _free_port()
    opts = f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c max_connections=300"
    if not fsync:
        opts += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    _run([str(bindir / "pg_ctl"), "-D", str(datadir), "-o", opts, "-l", str(base / "log"), "-w", "start"],
         run_as)
    return PgServer("127.0.0.1", port, datadir, bindir, run_as)
