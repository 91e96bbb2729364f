"""`zonula backup` and `zonula restore`: a consistent copy of the whole store, and putting it back."""

from __future__ import annotations

from pathlib import Path

import click

from zonula.cli.common import console, state
from zonula.i18n import _
from zonula.service.backup import backup_store, inspect_backup, restore_store


@click.command("backup")
@click.argument("path", metavar="FILE", type=click.Path(dir_okay=False, path_type=Path))
def backup_cmd(path: Path) -> None:
    """Back up the whole store (every person) to FILE, safely while zonula is running.

    SQLite stores are copied as a SQLite file; PostgreSQL stores are dumped as compressed JSON.
    Both record the schema revision.
    """
    info = backup_store(state().settings, path)
    console.print(_("Backed up {rows} rows ({kind}, schema {rev}) to {path}.").format(
        rows=info.total_rows, kind=info.kind, rev=info.schema_revision, path=path), markup=False)


@click.command("restore")
@click.argument("path", metavar="FILE", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace a store that already holds data.")
@click.option("--check", is_flag=True, help="Only show what the backup holds; change nothing.")
def restore_cmd(path: Path, force: bool, check: bool) -> None:
    """Restore the whole store from FILE (made by `zonula backup`), all or nothing.

    Refuses a backup from a newer zonula, and a store that is not empty unless --force.
    """
    if check:
        info = inspect_backup(path)
        console.print(_("{path}: {kind} backup, schema {rev}, {rows} rows.").format(
            path=path, kind=info.kind, rev=info.schema_revision, rows=info.total_rows), markup=False)
        for table, count in sorted(info.rows.items()):
            console.print(f"  {table}: {count}", markup=False)
        return
    info = restore_store(state().settings, path, force=force)
    console.print(_("Restored {rows} rows from {path}.").format(rows=info.total_rows, path=path), markup=False)
