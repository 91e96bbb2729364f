"""Fixtures: a fresh store per test, on SQLite and on a real PostgreSQL server (same tests)."""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import psycopg
import pytest
from hypothesis import settings as hypothesis_settings

from tests.pg import PgServer, pg_bindir, start_server
from zonula.service import Diary
from zonula.storage import Database
from zonula.storage.users import ensure_user

if TYPE_CHECKING:  # the engine (numpy, scipy) loads only in the tests that screen
    from zonula.analysis import ScreeningInput, ScreeningReport

# In CI, property tests and the API fuzz run derandomized: the same examples on every run, so a red
# CI is reproducible and never a coin toss. Locally they explore new random examples on each run.
hypothesis_settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
if os.environ.get("CI") == "true":
    hypothesis_settings.load_profile("ci")

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
_counter = itertools.count()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """One PostgreSQL server per test session (per xdist worker), with a migrated template."""
    if pg_bindir() is None:
        if IN_CI:
            pytest.fail("PostgreSQL is not installed; scripts/bootstrap.sh should have installed it")
        pytest.skip("PostgreSQL is not installed")
    server = start_server()
    with psycopg.connect(host=server.host, port=server.port, user="zonula", dbname="postgres",
                         autocommit=True) as conn:
        conn.execute("CREATE DATABASE zonula_template")
    template = Database(server.url("zonula_template"))
    template.dispose()
    yield server
    server.stop()


def _fresh_pg_url(server: PgServer) -> str:
    name = f"t_{os.getpid()}_{next(_counter)}"
    with psycopg.connect(host=server.host, port=server.port, user="zonula", dbname="postgres",
                         autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name} TEMPLATE zonula_template")
    return server.url(name)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db(request: pytest.FixtureRequest, tmp_path: os.PathLike[str]) -> Iterator[Database]:
    """A fresh, migrated store: a SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        database = Database(f"sqlite:///{tmp_path}/zonula.sqlite3")
    else:
        server = request.getfixturevalue("pg_server")
        database = Database(_fresh_pg_url(server))
    yield database
    database.dispose()


@pytest.fixture
def sqlite_db(tmp_path: os.PathLike[str]) -> Iterator[Database]:
    """A fresh SQLite store only (for tests about SQLite itself)."""
    database = Database(f"sqlite:///{tmp_path}/zonula.sqlite3")
    yield database
    database.dispose()


def make_diary(database: Database, username: str = "alice", timezone: str = "Asia/Shanghai") -> Diary:
    """The diary of a new person in `database`."""
    with database.transaction() as session:
        user = ensure_user(session, username)
    diary = Diary(database, user)
    diary.set_preferences(timezone=timezone)
    return diary


@pytest.fixture
def diary(db: Database) -> Diary:
    """Alice's diary (Asia/Shanghai) in a fresh store."""
    return make_diary(db)


@pytest.fixture
def cli_env(tmp_path: os.PathLike[str], monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Environment for CLI runs: a private data dir, English, Shanghai time."""
    env = {"ZONULA_DATA_DIR": str(tmp_path), "ZONULA_LANG": "en", "ZONULA_TIMEZONE": "Asia/Shanghai",
           "ZONULA_DATABASE_URL": ""}
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("ZONULA_USER", raising=False)
    return env


@pytest.fixture
def screened(monkeypatch: pytest.MonkeyPatch) -> list[ScreeningInput]:
    """Every input the screening engine is given, in order (the real engine still runs)."""
    import zonula.analysis

    seen: list[ScreeningInput] = []
    real: Callable[..., ScreeningReport] = zonula.analysis.screen

    def spy(data: ScreeningInput, **kwargs: Any) -> ScreeningReport:
        seen.append(data)
        return real(data, **kwargs)

    monkeypatch.setattr(zonula.analysis, "screen", spy)
    return seen
