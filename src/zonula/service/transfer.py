"""Facade: imports (all or nothing, idempotent) and exports through the format registries."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from zonula.domain.entries import Entry, validate
from zonula.errors import FieldProblem, ImportFileError, NotFoundError, ValidationError
from zonula.exporters import EXPORTERS, ExportBundle
from zonula.i18n import _
from zonula.importers import IMPORTERS, ImportedRow
from zonula.importers.base import Progress
from zonula.service.entries import EntriesMixin
from zonula.storage import entries as store

PREVIEW_SIZE = 10


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


class TransferMixin(EntriesMixin):
    """Bringing a history in, taking everything out."""

    def import_file(self, fmt: str, path: Path, *, dry_run: bool = False, skip_bad_rows: bool = False,
                    progress: Progress | None = None) -> ImportReport:
        """Import a file of a registered format.

        All or nothing: any bad row aborts the import with every problem listed (ImportFileError),
        unless `skip_bad_rows`, which imports the good rows and reports the bad. Rows already
        imported (same source key) are skipped, so importing a file twice adds nothing.
        """
        importer = IMPORTERS.get(fmt)
        if importer is None:
            raise NotFoundError(_("unknown import format {fmt!r} (one of {formats})").format(
                fmt=fmt, formats=", ".join(sorted(IMPORTERS))))
        parsed = importer.parse(path, tz=self.tz, progress=progress)
        problems = list(parsed.problems)
        good: list[ImportedRow] = []
        for row in parsed.rows:
            try:
                good.append(ImportedRow(validate(row.entry), row.location))
            except ValidationError as err:
                problems += [FieldProblem(p.field, p.message, row.location) for p in err.problems]
        if problems and not skip_bad_rows:
            raise ImportFileError(problems)
        return self._store_imported(fmt, parsed.lines_read, good, problems, dry_run=dry_run)

    def _store_imported(self, fmt: str, rows_read: int, good: list[ImportedRow],
                        problems: list[FieldProblem], *, dry_run: bool) -> ImportReport:
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
        return ImportReport(format=fmt, rows_read=rows_read, added=len(fresh),
                            duplicates=len(good) - len(fresh), skipped=problems, dry_run=dry_run,
                            by_kind=by_kind, preview=fresh[:PREVIEW_SIZE])

    def export_bundle(self) -> ExportBundle:
        """Everything of this person, for an exporter."""
        bundle = ExportBundle(username=self.user.username, display_name=self.user.display_name,
                              timezone=self.user.timezone, language=self.user.language,
                              entries=self.entries())
        self._extend_export(bundle.extra)
        return bundle

    def _extend_export(self, extra: dict[str, Any]) -> None:
        """Hook: other areas add their data (parsed items, foods, assessments, plans...)."""

    def export(self, fmt: str, out: IO[bytes]) -> int:
        """Write the whole diary in format `fmt`; return the number of entries written."""
        exporter = EXPORTERS.get(fmt)
        if exporter is None:
            raise NotFoundError(_("unknown export format {fmt!r} (one of {formats})").format(
                fmt=fmt, formats=", ".join(sorted(EXPORTERS))))
        bundle = self.export_bundle()
        exporter.write(bundle, out)
        return len(bundle.entries)
