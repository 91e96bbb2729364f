"""Charts shared by the web pages and the PDF report: plain dataclasses in, SVG strings out.

Pure: matplotlib only (no pyplot, no global state), no web or template imports. Every chart is
defined once here, so the page and the report show the same picture.
"""

from __future__ import annotations

from zonula.charts.before_after import before_after_chart
from zonula.charts.data import (
    BeforeAfter,
    PhaseSpan,
    StoolCounts,
    SuspectEffect,
    TrendData,
    rolling_mean,
    stool_counts_from_entries,
    trend_from_entries,
)
from zonula.charts.forest import suspects_forest_chart
from zonula.charts.stool import stool_chart
from zonula.charts.style import cjk_font_chain
from zonula.charts.trend import symptom_trend_chart

__all__ = [
    "BeforeAfter",
    "PhaseSpan",
    "StoolCounts",
    "SuspectEffect",
    "TrendData",
    "before_after_chart",
    "cjk_font_chain",
    "rolling_mean",
    "stool_chart",
    "stool_counts_from_entries",
    "suspects_forest_chart",
    "symptom_trend_chart",
    "trend_from_entries",
]
