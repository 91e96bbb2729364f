"""Importers: one module per source format, one registry. Each parses a file into entries."""

from __future__ import annotations

from zonula.importers.apple_health import AppleHealthImporter
from zonula.importers.base import ImportedRow, Importer, ParseResult
from zonula.importers.bearable import BearableImporter
from zonula.importers.cronometer import CronometerImporter
from zonula.importers.myfitnesspal import MyFitnessPalImporter
from zonula.importers.mysymptoms import MySymptomsImporter
from zonula.importers.zonula_csv import ZonulaCsvImporter
from zonula.importers.zonula_json import ZonulaJsonImporter

IMPORTERS: dict[str, Importer] = {
    imp.name: imp
    for imp in (
        ZonulaCsvImporter(),
        ZonulaJsonImporter(),
        CronometerImporter(),
        BearableImporter(),
        MySymptomsImporter(),
        MyFitnessPalImporter(),
        AppleHealthImporter(),
    )
}

__all__ = ["IMPORTERS", "ImportedRow", "Importer", "ParseResult"]
