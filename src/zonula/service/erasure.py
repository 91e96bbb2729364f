"""Facade: a person's right to everything (a complete export) and to be forgotten (account deletion)."""

from __future__ import annotations

from typing import Any

from zonula.service.transfer import TransferMixin
from zonula.storage import erasure as store


class ErasureMixin(TransferMixin):
    """Every row about the person, to take out or to delete."""

    def stored_records(self) -> dict[str, list[dict[str, Any]]]:
        """Every stored row about this person, table by table (secrets such as password hashes left out)."""
        with self.db.reading() as session:
            return store.rows_of(session, self.user.id, self.user.username)

    def _extend_export(self, extra: dict[str, Any]) -> None:
        """Add every table's rows to the export, so "export everything" means everything."""
        super()._extend_export(extra)
        # Entries are already the export's top-level "entries"; every other table goes here.
        extra["records"] = {name: rows for name, rows in self.stored_records().items() if name != "entries"}

    def delete_account(self) -> dict[str, int]:
        """Delete the person and every row about them in one transaction; return the rows deleted per table."""
        with self.db.transaction() as session:
            return store.erase(session, self.user.id, self.user.username)
