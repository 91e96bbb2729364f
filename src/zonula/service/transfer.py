"""Facade: imports (all or nothing, idempotent) and exports through the format registries."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from zonula.domain.entries import Entry, validate
from zonula.domain.timeparse import zone
from zonula.errors import FieldProblem, ImportFileError, NotFoundError, ValidationError
from zonula.i18n import _
from zonula.service.entries import EntriesMixin
from zonula.storage import entries as store
from zonula.storage.users import User, update_user

if TYPE_CHECKING:  # the format modules load only when a file is imported or exported: light commands start fast
    from zonula.exporters import ExportBundle
    from zonula.importers import ImportedRow
    from zonula.importers.base import Progress

PREVIEW_SIZE = 10


def _located(file: str, problems: list[FieldProblem]) -> list[FieldProblem]:
    return [FieldProblem(p.field, p.message, f"{file}:{p.location}" if file else p.location) for p in problems]


@dataclass(slots=True)
class ImportReport:
    """What an import did (or, with dry_run, would do)."""

    format: str
    rows_read: int
    added: int
    duplicates: int
    skipped: list[FieldProblem] = field(default_factory=list)
    dry_run: bool = False
    by_kind: dict[str, int] = field(default_factory=dict)
    preview: list[Entry] = field(default_factory=list)
    sections: dict[str, int] = field(default_factory=dict)


@dataclass(slots=True)
class ExtraImport:
    """What the `_import_extra` hooks found in a full JSON export: problems, and items added per section.

    Problems are located `section[index]` (the facade prefixes the file name).
    """

    problems: list[FieldProblem] = field(default_factory=list)
    added: dict[str, int] = field(default_factory=dict)
    user: User | None = None

    def problem(self, where: str, name: str, message: str) -> None:
        """Record one located problem."""
        self.problems.append(FieldProblem(name, message, where))

    def count(self, section: str, n: int = 1) -> None:
        """Count items added (or, in a dry run, that would be added) to a section."""
        if n:
            self.added[section] = self.added.get(section, 0) + n


def section_list(extra: dict[str, Any], name: str, out: ExtraImport) -> list[tuple[str, dict[str, Any]]]:
    """The objects of a list section with their locations; problems for a non-list or non-objects."""
    raw = extra.get(name, [])
    if not isinstance(raw, list):
        out.problem(name, name, _("is not a list"))
        return []
    items = []
    for index, item in enumerate(raw):
        where = f"{name}[{index}]"
        if isinstance(item, dict):
            items.append((where, item))
        else:
            out.problem(where, name, _("is not an object"))
    return items


def section_object(item: dict[str, Any], name: str, where: str, out: ExtraImport) -> dict[str, Any] | None:
    """An object-valued field of a section item; a located problem (and None) when it is not one."""
    value = item.get(name)
    if isinstance(value, dict):
        return value
    out.problem(where, name, _("is not an object"))
    return None


def section_date(item: dict[str, Any], name: str, where: str, out: ExtraImport) -> date | None:
    """An ISO date field of a section item; a located problem (and None) when missing or bad."""
    try:
        return date.fromisoformat(str(item[name]))
    except (KeyError, ValueError):
        out.problem(where, name, _("is not an ISO date (YYYY-MM-DD)"))
        return None


def section_time(item: dict[str, Any], name: str, where: str, out: ExtraImport) -> datetime | None:
    """An optional ISO timestamp field, as naive UTC for storage; a located problem when bad."""
    raw = item.get(name)
    if raw is None:
        return None
    try:
        parsed = datetime.fromisoformat(str(raw))
    except ValueError:
        out.problem(where, name, _("is not an ISO timestamp"))
        return None
    return parsed.astimezone(UTC).replace(tzinfo=None) if parsed.tzinfo else parsed


def content_key(*parts: Any) -> str:
    """A stable hash of JSON-ready content, the natural key of items without one of their own."""
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


class TransferMixin(EntriesMixin):
    """Bringing a history in, taking everything out."""

    def import_file(self, fmt: str, path: Path, *, dry_run: bool = False, skip_bad_rows: bool = False,
                    progress: Progress | None = None) -> ImportReport:
        """Import a file of a registered format.

        All or nothing: any bad row aborts the import with every problem listed (ImportFileError),
        unless `skip_bad_rows`, which imports the good rows and reports the bad. Rows already
        imported (same source key) are skipped, so importing a file twice adds nothing. A full JSON
        export's other sections (foods, assessments, plans...) go through `_import_extra`: checked
        before anything is written, then stored in the entries' transaction; a bad section always
        aborts the whole import, even with `skip_bad_rows`.
        """
        from zonula.importers import IMPORTERS, ImportedRow

        importer = IMPORTERS.get(fmt)
        if importer is None:
            raise NotFoundError(_("unknown import format {fmt!r} (one of {formats})").format(
                fmt=fmt, formats=", ".join(sorted(IMPORTERS))))
        parsed = importer.parse(path, tz=self.tz, progress=progress)
        problems = list(parsed.problems)
        good: list[ImportedRow] = []
        for row in parsed.rows:
            try:
                valid = validate(row.entry)
                good.append(row if valid is row.entry else ImportedRow(valid, row.location))
            except ValidationError as err:
                problems += [FieldProblem(p.field, p.message, row.location) for p in err.problems]
        section_problems: list[FieldProblem] = []
        if parsed.extra:  # a full JSON export: its other sections are checked before anything is written
            with self.db.reading() as session:
                checked = self._import_extra(session, parsed.extra, dry_run=True)
            section_problems = _located(path.name, checked.problems)
        if section_problems or (problems and not skip_bad_rows):  # a bad section always aborts
            raise ImportFileError(problems + section_problems)
        return self._store_imported(fmt, parsed.lines_read, good, problems, dry_run=dry_run,
                                    extra=parsed.extra, file=path.name)

    def _store_imported(self, fmt: str, rows_read: int, good: list[ImportedRow],
                        problems: list[FieldProblem], *, dry_run: bool, extra: dict[str, Any] | None = None,
                        file: str = "") -> ImportReport:
        keys = [r.entry.source_key for r in good if r.entry.source_key]
        with self.db.transaction() as session:
            existing = store.existing_source_keys(session, self.user.id, keys)
            fresh, seen = [], set(existing)
            for row in good:
                key = row.entry.source_key
                if key is not None and key in seen:
                    continue
                if key is not None:
                    seen.add(key)
                fresh.append(row.entry)
            by_kind: dict[str, int] = {}
            for e in fresh:
                by_kind[e.kind.value] = by_kind.get(e.kind.value, 0) + 1
            if not dry_run and fresh:
                ids = store.add_entries(session, self.user.id, fresh)
                self._after_add(session, fresh, ids)
            done = self._import_extra(session, extra, dry_run=dry_run) if extra else ExtraImport()
            if done.problems:  # raising rolls back the entries too: all or nothing
                raise ImportFileError(_located(file, done.problems))
        if done.user is not None:
            self.user = done.user
        if done.added and not dry_run:
            self._after_import_extra()
        return ImportReport(format=fmt, rows_read=rows_read, added=len(fresh),
                            duplicates=len(good) - len(fresh), skipped=problems, dry_run=dry_run,
                            by_kind=by_kind, preview=fresh[:PREVIEW_SIZE], sections=done.added)

    def _import_extra(self, session: Any, extra: dict[str, Any], *, dry_run: bool) -> ExtraImport:
        """Hook: restore the sections of a full JSON export, in the entries' transaction.

        Each area overrides it (calling super() first), validates its own section, records located
        problems, and writes only when `dry_run` is false and it found none. Items already present
        (same natural key) are skipped, so re-importing an export adds nothing. This base restores the
        person's preferences (language, time zone) when they have none set yet.
        """
        out = ExtraImport()
        prefs = extra.get("user", {})
        if not isinstance(prefs, dict):
            out.problem("user", "user", _("is not an object"))
            return out
        changes: dict[str, str | None] = {}
        language, timezone = prefs.get("language"), prefs.get("timezone")
        if language is not None and language not in ("en", "zh"):
            out.problem("user", "language", _("must be en or zh"))
        elif language and self.user.language is None:
            changes["language"] = language
        if timezone is not None:
            try:
                zone(str(timezone))
            except ValidationError as err:
                out.problems += [FieldProblem(p.field, p.message, "user") for p in err.problems]
            else:
                if self.user.timezone is None:
                    changes["timezone"] = str(timezone)
        if changes and not out.problems:
            out.count("user")
            if not dry_run:
                out.user = update_user(session, self.user.id, **changes)
        return out

    def _after_import_extra(self) -> None:
        """Hook: refresh what depends on imported sections (the foods area re-parses meals)."""

    def export_bundle(self) -> ExportBundle:
        """Everything of this person, for an exporter."""
        from zonula.exporters import ExportBundle

        bundle = ExportBundle(username=self.user.username, display_name=self.user.display_name,
                              timezone=self.user.timezone, language=self.user.language,
                              entries=self.entries())
        self._extend_export(bundle.extra)
        return bundle

    def _extend_export(self, extra: dict[str, Any]) -> None:
        """Hook: other areas add their data (parsed items, foods, assessments, plans...)."""

    def export(self, fmt: str, out: IO[bytes]) -> int:
        """Write the whole diary in format `fmt`; return the number of entries written."""
        from zonula.exporters import EXPORTERS

        exporter = EXPORTERS.get(fmt)
        if exporter is None:
            raise NotFoundError(_("unknown export format {fmt!r} (one of {formats})").format(
                fmt=fmt, formats=", ".join(sorted(EXPORTERS))))
        bundle = self.export_bundle()
        exporter.write(bundle, out)
        return len(bundle.entries)
