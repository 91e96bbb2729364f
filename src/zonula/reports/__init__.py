"""Clinician reports: `build_report` gathers the data through the facade, `render` makes HTML or PDF."""

from __future__ import annotations

from zonula.reports.build import build_report, default_period
from zonula.reports.data import ReportData
from zonula.reports.render import render, render_html, render_pdf

__all__ = ["ReportData", "build_report", "default_period", "render", "render_html", "render_pdf"]
