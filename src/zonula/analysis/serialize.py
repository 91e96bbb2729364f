"""Screening reports to and from plain JSON data (language-free: notes keep keys and params)."""

from __future__ import annotations

from typing import Any

from zonula.analysis.notes import Note
from zonula.analysis.results import DataSummary, ScreeningReport, ScreeningResult, Status


def _note(data: dict[str, Any]) -> Note:
    return Note(str(data["key"]), dict(data.get("params", {})))


def _note_data(note: Note) -> dict[str, Any]:
    return {"key": note.key, "params": dict(note.params)}


def report_to_data(report: ScreeningReport) -> dict[str, Any]:
    """A JSON-ready dict of the report without translated text (for caching)."""
    return {
        "summary": report.summary.as_dict(),
        "needed": [_note_data(n) for n in report.needed],
        "engine_version": report.engine_version,
        "shifts": report.shifts,
        "settings": report.settings,
        "results": [
            {**{k: v for k, v in r.as_dict().items() if k != "notes"}, "label": r.label,
             "notes": [_note_data(n) for n in r.notes]}
            for r in report.results
        ],
    }


def report_from_data(data: dict[str, Any]) -> ScreeningReport:
    """Rebuild a report from `report_to_data` output."""
    s = data["summary"]
    summary = DataSummary(days=s["days"], rated_days=s["rated_days"], missing_days=s["missing_days"],
                          periods=s["periods"], rated_periods=s["rated_periods"], meals=s["meals"],
                          ratings=s["ratings"], symptoms=tuple(s.get("symptoms", ())),
                          main_symptoms=tuple(s.get("main_symptoms", ())), believed=tuple(s.get("believed", ())))
    results = tuple(
        ScreeningResult(
            exposure=r["exposure"], kind=r["kind"], symptom=r["symptom"], effect=r["effect"],
            ci_low=r["ci_low"], ci_high=r["ci_high"], p_effect_gt_0_5=r["p_effect_gt_0_5"],
            q_value=r["q_value"], exposed_periods=r["exposed_periods"],
            unexposed_periods=r["unexposed_periods"], status=Status(r["status"]),
            notes=tuple(_note(n) for n in r["notes"]), label=r.get("label", ""),
            p_suspect=r.get("p_suspect"),
        )
        for r in data["results"]
    )
    return ScreeningReport(summary, results, tuple(_note(n) for n in data.get("needed", [])),
                           data.get("engine_version", ""), int(data.get("shifts", 0)),
                           dict(data.get("settings", {})))
