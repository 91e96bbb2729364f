"""`zonula import`, `export` and `demo`: bringing a history in and taking everything out."""

from __future__ import annotations

from pathlib import Path

import click
from rich.progress import Progress
from rich.table import Table

from zonula.cli.common import console, state
from zonula.cli.diary import describe_value
from zonula.demo import demo_entries
from zonula.domain.entries import Entry, EntryKind
from zonula.exporters import EXPORTERS
from zonula.i18n import _
from zonula.importers import IMPORTERS
from zonula.labels import kind_label

PROGRESS_FROM_BYTES = 2_000_000


def _size(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return path.stat().st_size


def _print_preview(entries: list[Entry], total: int) -> None:
    table = Table(title=_("First {n} of {total} entries").format(n=len(entries), total=total))
    table.add_column(_("When"), no_wrap=True)
    table.add_column(_("Kind"))
    table.add_column(_("What"))
    table.add_column(_("Note"))
    for e in entries:
        table.add_row(e.at.strftime("%Y-%m-%d %H:%M %z"), kind_label(e.kind.value), describe_value(e),
                      e.note if e.kind is not EntryKind.NOTE else "")
    console.print(table)


def _list_formats() -> None:
    for name, imp in sorted(IMPORTERS.items()):
        console.print(f"  [bold]{name}[/]  {imp.description}")


@click.command("import")
@click.argument("fmt", metavar="FORMAT", required=False)
@click.argument("path", metavar="FILE", required=False,
                type=click.Path(exists=True, dir_okay=True, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Show what would be imported; write nothing.")
@click.option("--skip-bad-rows", is_flag=True,
              help="Import the good rows and list the bad ones (default: all or nothing).")
@click.option("--list", "list_formats", is_flag=True, help="List the formats zonula can import.")
def import_cmd(fmt: str | None, path: Path | None, dry_run: bool, skip_bad_rows: bool,
               list_formats: bool) -> None:
    """Import FILE of FORMAT (see --list). Re-importing the same file adds nothing.

    FILE may be a folder or a zip for formats that come as several files (Cronometer, MyFitnessPal,
    Apple Health). Nothing is written if any row is bad, unless --skip-bad-rows.
    """
    if list_formats or fmt is None:
        console.print(_("Formats zonula can import:"))
        _list_formats()
        return
    if path is None:
        raise click.UsageError(_("Give the file to import."))
    diary = state().diary
    if _size(path) > PROGRESS_FROM_BYTES:
        with Progress(console=console, transient=True) as bar:
            task = bar.add_task(_("Reading {name}").format(name=path.name), total=None)
            report = diary.import_file(fmt, path, dry_run=dry_run, skip_bad_rows=skip_bad_rows,
                                       progress=lambda done, total: bar.update(task, completed=done,
                                                                               total=total))
    else:
        report = diary.import_file(fmt, path, dry_run=dry_run, skip_bad_rows=skip_bad_rows)
    if report.dry_run:
        console.print(_("Dry run: {added} entries would be added, {dup} already present; nothing written.")
                      .format(added=report.added, dup=report.duplicates))
    else:
        console.print(_("Imported {added} entries ({dup} already present).")
                      .format(added=report.added, dup=report.duplicates))
    for kind, count in sorted(report.by_kind.items()):
        console.print(f"  {kind_label(kind)}: {count}")
    if report.sections:
        console.print(_("Other data restored (or, in a dry run, to restore):"))
        for section, count in report.sections.items():
            console.print(f"  {_section_label(section)}: {count}")
    if report.dry_run and report.preview:
        _print_preview(report.preview, report.added)
    if report.skipped:
        console.print(_("Skipped {n} bad rows:").format(n=len(report.skipped)))
        for problem in report.skipped[:200]:
            console.print(f"  {problem}", markup=False)


def _section_label(section: str) -> str:
    """A translated name for a section of a full JSON export."""
    labels = {
        "user": _("preferences (language, time zone)"),
        "user_foods": _("your foods and recipes"),
        "assessments": _("assessments"),
        "red_flag_acks": _("red-flag acknowledgements"),
        "plans": _("protocol plans"),
        "plan_events": _("plan events"),
        "repair_items": _("repair steps"),
    }
    return labels.get(section, section)


@click.command("export")
@click.argument("fmt", metavar="FORMAT", type=click.Choice(sorted(EXPORTERS)))
@click.argument("path", metavar="FILE", type=click.Path(dir_okay=False, path_type=Path))
def export_cmd(fmt: str, path: Path) -> None:
    """Export the whole diary to FILE as FORMAT (a new file is written atomically)."""
    tmp = path.with_name(path.name + ".part")
    try:
        with tmp.open("wb") as out:
            count = state().diary.export(fmt, out)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    console.print(_("Exported {n} entries to {path}.").format(n=count, path=path))


@click.command("demo")
@click.option("--days", type=click.IntRange(14, 366), default=56, show_default=True, help="Diary length.")
@click.option("--seed", type=int, default=7, show_default=True, help="Random seed.")
@click.option("--replace", is_flag=True, help="Delete the person's existing entries first.")
def demo_cmd(days: int, seed: int, replace: bool) -> None:
    """Fill the diary with a realistic demo (English and Chinese meals, a hidden milk sensitivity)."""
    diary = state().diary
    if diary.entries(limit=1) and not replace:
        raise click.UsageError(
            _("This diary already has entries; use --replace to start over, or --user demo."))
    if replace:
        diary.clear()
    added = diary.add_many(demo_entries(days=days, seed=seed, tz=diary.tz))
    console.print(_("Added a {days}-day demo diary: {n} entries.").format(days=days, n=len(added)))
