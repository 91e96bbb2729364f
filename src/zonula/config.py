"""Typed settings read from ZONULA_* environment variables by load_settings(), never at import."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_data_path

from zonula.errors import ConfigError

DEFAULT_SECRET = "change-me"


@dataclass(frozen=True, slots=True)
class SettingDoc:
    """One documented setting: its variable, default and help text."""

    env: str
    default: str
    help: str


SETTINGS_DOCS: tuple[SettingDoc, ...] = (
    SettingDoc("ZONULA_DATABASE_URL", "sqlite:///<data dir>/zonula.sqlite3",
               "SQLAlchemy URL of the store; postgresql+psycopg://user:pass@host/db for PostgreSQL."),
    SettingDoc("ZONULA_DATA_DIR", "<platform user data dir>/zonula",
               "Folder for the default SQLite file and backups."),
    SettingDoc("ZONULA_USER", "local", "The person the CLI acts for (a username)."),
    SettingDoc("ZONULA_LANG", "from the locale", "Default language: en or zh."),
    SettingDoc("ZONULA_TIMEZONE", "the system's", "IANA time zone used for naive timestamps."),
    SettingDoc("ZONULA_MODE", "local", "local (one person, no login) or multi (accounts, for a clinic)."),
    SettingDoc("ZONULA_SECRET_KEY", DEFAULT_SECRET,
               "Signs session cookies and CSRF tokens; must be changed in multi-user mode."),
    SettingDoc("ZONULA_SQLITE_SYNCHRONOUS", "FULL", "SQLite synchronous pragma (FULL or NORMAL)."),
    SettingDoc("ZONULA_ALLOWED_HOSTS", "loopback names in local mode, any in multi",
               "Comma-separated host names the web app answers to; other Host headers get 400."),
)


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything configurable, in one typed object passed to whoever needs it."""

    database_url: str
    data_dir: Path
    user: str = "local"
    language: str | None = None
    timezone: str | None = None
    mode: str = "local"
    secret_key: str = DEFAULT_SECRET
    sqlite_synchronous: str = "FULL"
    allowed_hosts: tuple[str, ...] = ()
    extra: Mapping[str, str] = field(default_factory=dict)

    @property
    def is_sqlite(self) -> bool:
        """True when the store is a SQLite file."""
        return self.database_url.startswith("sqlite")

    def check_secure(self) -> None:
        """Refuse to run a multi-user server with a default secret."""
        if self.mode == "multi" and (self.secret_key == DEFAULT_SECRET or len(self.secret_key) < 16):
            raise ConfigError(
                "ZONULA_SECRET_KEY must be set to a random value of at least 16 characters in multi mode"
            )


def load_settings(env: Mapping[str, str] | None = None, **overrides: str) -> Settings:
    """Build Settings from environment variables (or a given mapping) plus explicit overrides."""
    source = dict(os.environ if env is None else env)
    source.update({f"ZONULA_{k.upper()}": v for k, v in overrides.items() if v is not None})
    data_dir = Path(source.get("ZONULA_DATA_DIR") or user_data_path("zonula", appauthor=False))
    url = source.get("ZONULA_DATABASE_URL") or f"sqlite:///{data_dir / 'zonula.sqlite3'}"
    mode = source.get("ZONULA_MODE", "local")
    if mode not in ("local", "multi"):
        raise ConfigError(f"ZONULA_MODE must be local or multi, got {mode!r}")
    sync = source.get("ZONULA_SQLITE_SYNCHRONOUS", "FULL").upper()
    if sync not in ("FULL", "NORMAL", "EXTRA"):
        raise ConfigError(f"ZONULA_SQLITE_SYNCHRONOUS must be FULL, NORMAL or EXTRA, got {sync!r}")
    return Settings(
        database_url=url,
        data_dir=data_dir,
        user=source.get("ZONULA_USER", "local") or "local",
        language=source.get("ZONULA_LANG") or None,
        timezone=source.get("ZONULA_TIMEZONE") or None,
        mode=mode,
        secret_key=source.get("ZONULA_SECRET_KEY", DEFAULT_SECRET),
        sqlite_synchronous=sync,
        allowed_hosts=tuple(h.strip().lower() for h in source.get("ZONULA_ALLOWED_HOSTS", "").split(",") if h.strip()),
    )
