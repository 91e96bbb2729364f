"""Importers: one module per source format, one registry. Each parses a file into entries."""

from __future__ import annotations

from zonula.importers.base import ImportedRow, Importer, ParseResult
from zonula.importers.zonula_csv import ZonulaCsvImporter
from zonula.importers.zonula_json import ZonulaJsonImporter

IMPORTERS: dict[str, Importer] = {
    imp.name: imp
    for imp in (
        ZonulaCsvImporter(),
        ZonulaJsonImporter(),
    )
}

__all__ = ["IMPORTERS", "ImportedRow", "Importer", "ParseResult"]
