"""Facade: back up and restore the whole store (every person's diary), for the CLI and operators."""

from __future__ import annotations

from pathlib import Path

from zonula.config import Settings
from zonula.storage import Database
from zonula.storage import backup as store
from zonula.storage.backup import BackupInfo

__all__ = ["BackupInfo", "backup_store", "inspect_backup", "restore_store"]


def backup_store(settings: Settings, path: Path) -> BackupInfo:
    """Write a consistent online backup of the store the settings name (the app may keep running)."""
    db = Database.from_settings(settings)
    try:
        return store.backup(db, path)
    finally:
        db.dispose()


def inspect_backup(path: Path) -> BackupInfo:
    """What a backup file holds (kind, schema revision, rows per table)."""
    return store.inspect_backup(path)


def restore_store(settings: Settings, path: Path, *, force: bool = False) -> BackupInfo:
    """Replace the store's content with a backup, all or nothing; refuses a non-empty store unless `force`."""
    db = Database.from_settings(settings)
    try:
        return store.restore(db, path, force=force)
    finally:
        db.dispose()
