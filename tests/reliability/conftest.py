"""Reliability fixtures: a second empty store on the same engine as `db`, for restores."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.conftest import _fresh_pg_url
from zonula.storage import Database


@pytest.fixture
def other_db(db: Database, request: pytest.FixtureRequest, tmp_path: os.PathLike[str]) -> Iterator[Database]:
    """A second, empty store on the same engine as `db`."""
    if db.is_sqlite:
        database = Database(f"sqlite:///{tmp_path}/other.sqlite3")
    else:
        database = Database(_fresh_pg_url(request.getfixturevalue("pg_server")))
    yield database
    database.dispose()
