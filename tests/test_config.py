"""Settings: typed, documented, secure defaults refused in multi-user mode."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from zonula.config import SETTINGS_DOCS, load_settings
from zonula.errors import ConfigError

ROOT = Path(__file__).parent.parent


def test_sqlite_is_the_default_and_postgres_is_one_variable(tmp_path: Path) -> None:
    s = load_settings({"ZONULA_DATA_DIR": str(tmp_path)})
    assert s.database_url == f"sqlite:///{tmp_path / 'zonula.sqlite3'}" and s.is_sqlite
    pg = load_settings({"ZONULA_DATABASE_URL": "postgresql+psycopg://u@h/db"})
    assert not pg.is_sqlite


def test_multi_user_mode_refuses_the_default_secret() -> None:
    with pytest.raises(ConfigError, match="ZONULA_SECRET_KEY"):
        load_settings({"ZONULA_MODE": "multi"}).check_secure()
    load_settings({"ZONULA_MODE": "multi", "ZONULA_SECRET_KEY": "x" * 32}).check_secure()


def test_every_setting_is_documented() -> None:
    docs = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    for setting in SETTINGS_DOCS:
        assert setting.env in docs, setting.env
    fields = {f.name for f in dataclasses.fields(load_settings({}))} - {"extra"}
    documented = {d.env.removeprefix("ZONULA_").lower() for d in SETTINGS_DOCS}
    assert fields - {"database_url", "data_dir"} <= documented | {"user", "language", "timezone"}
