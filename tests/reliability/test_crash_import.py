"""A CLI import killed with SIGKILL while it writes leaves all rows or none, and a re-run adds each row once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import text

from tests.conftest import make_diary
from tests.reliability.live import ROOT
from zonula.storage import Database

ROWS = 8_000
pytestmark = pytest.mark.slow


def big_csv(path: Path) -> Path:
    """A zonula CSV of ROWS symptom entries, one every 7 minutes."""
    start = datetime(2020, 1, 1, tzinfo=timezone(timedelta(hours=8)))
    with path.open("w", encoding="utf-8") as out:
        out.write("timestamp,kind,name,value,unit,note\n")
        for i in range(ROWS):
            out.write(f"{(start + timedelta(minutes=7 * i)).isoformat()},symptom,bloating,{i % 11},,row {i}\n")
    return path


def import_process(db: Database, csv: Path, data_dir: Path) -> subprocess.Popen[bytes]:
    """`zonula --user alice import csv FILE` in a subprocess."""
    env = {**os.environ, "ZONULA_DATABASE_URL": db.url, "ZONULA_DATA_DIR": str(data_dir), "ZONULA_LANG": "en",
           "ZONULA_TIMEZONE": "Asia/Shanghai", "PYTHONPATH": str(ROOT / "src")}
    return subprocess.Popen([sys.executable, "-c", "from zonula.cli import main; main()", "--user", "alice",
                             "import", "csv", str(csv)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def writing_probe(db: Database) -> Callable[[], bool]:
    """A check that turns true once the import has begun writing rows (before it commits)."""
    if db.is_sqlite:
        wal = Path(db.url.split("///", 1)[1] + "-wal")
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        return lambda: wal.exists() and wal.stat().st_size > 0
    info = db.engine.url

    def inserting() -> bool:
        with psycopg.connect(host=info.host, port=info.port, user=info.username, dbname="postgres",
                             autocommit=True) as conn:
            found = conn.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND "
                                 "query ILIKE 'INSERT INTO entries%%'", (info.database,)).fetchone()
        return bool(found and found[0])
    return inserting


def count(db: Database) -> int:
    """Entries in the store."""
    with db.engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM entries")).scalar_one())


def test_a_killed_import_leaves_all_rows_or_none(db: Database, tmp_path: Path) -> None:
    make_diary(db, "alice")  # the person exists with a time zone: the import's only writes are its rows
    csv = big_csv(tmp_path / "big.csv")
    killed_while_writing = left_nothing = 0
    for delay in (0.0, 0.05, 0.2):
        probe = writing_probe(db)
        proc = import_process(db, csv, tmp_path)
        while proc.poll() is None and not probe():
            time.sleep(0.002)
        if proc.poll() is None:
            time.sleep(delay)
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                killed_while_writing += 1
        proc.wait(timeout=120)
        assert count(db) in (0, ROWS)
        assert db.integrity_ok()
        left_nothing += count(db) == 0
        if count(db) == ROWS or left_nothing:
            break
    assert killed_while_writing >= 1 and left_nothing >= 1, "no kill landed while the import was writing"
    rerun = import_process(db, csv, tmp_path)
    _out, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, err.decode()
    assert count(db) == ROWS
    again = make_diary(db, "alice").import_file("csv", csv)  # a third run adds nothing
    assert (again.added, again.duplicates) == (0, ROWS)
    assert count(db) == ROWS
    with db.engine.connect() as conn:
        notes = conn.execute(text("SELECT count(DISTINCT note) FROM entries")).scalar_one()
    assert notes == ROWS
