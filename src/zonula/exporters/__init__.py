"""Exporters: one module per output format, one registry."""

from __future__ import annotations

from zonula.exporters.base import ExportBundle, Exporter
from zonula.exporters.fhir import FhirExporter
from zonula.exporters.zonula_csv import ZonulaCsvExporter
from zonula.exporters.zonula_json import ZonulaJsonExporter

EXPORTERS: dict[str, Exporter] = {
    exp.name: exp
    for exp in (
        ZonulaCsvExporter(),
        ZonulaJsonExporter(),
        FhirExporter(),
    )
}

__all__ = ["EXPORTERS", "ExportBundle", "Exporter"]
