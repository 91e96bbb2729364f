"""Shared helpers for report tests: an HTML outline parser and a fully populated report."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from html.parser import HTMLParser

from zonula.charts import TrendData
from zonula.reports.data import (
    MedicationRow,
    PhaseRow,
    RedFlags,
    RepairRow,
    ReportData,
    SuspectRow,
    SymptomRow,
    VerdictRow,
)

START = date(2026, 1, 1)
END = date(2026, 3, 31)


class Outline(HTMLParser):
    """Section ids, h2 titles, svg count and table rows per table class of an HTML document."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.sections: list[str] = []
        self.h2: list[str] = []
        self.svgs = 0
        self.rows: dict[str, int] = {}
        self.text: list[str] = []
        self._in_h2 = False
        self._table = ""
        self.lang = ""
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang") or ""
        elif tag == "section":
            self.sections.append(a.get("id") or "")
        elif tag == "h2":
            self._in_h2 = True
            self.h2.append("")
        elif tag == "svg":
            self.svgs += 1
        elif tag == "table":
            self._table = a.get("class") or ""
            self.rows[self._table] = 0
        elif tag == "tr" and self._table:
            self.rows[self._table] += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "h2":
            self._in_h2 = False
        elif tag == "table":
            self._table = ""

    def handle_data(self, data: str) -> None:
        if self._in_h2:
            self.h2[-1] += data
        self.text.append(data)


def full_report() -> ReportData:
    """A report with every section filled, as the areas would fill it."""
    days = [START + timedelta(days=k) for k in range(90)]
    values = [3.0 + (k % 5) / 2 for k in range(90)]
    return ReportData(
        person="王小明", timezone="Asia/Shanghai", date_from=START, date_to=END,
        generated_at=datetime(2026, 4, 1, 9, 0, tzinfo=UTC),
        days_logged=84, entries=1234, by_kind={"symptom": 500, "meal": 400, "stool": 120},
        symptoms=[SymptomRow("bloating", 250, 3.4), SymptomRow("abdominal_pain", 250, 2.1)],
        trends=[TrendData("bloating", days, values)],
        stool_types={1: 0, 2: 3, 3: 20, 4: 50, 5: 30, 6: 10, 7: 1},
        medications=[MedicationRow("ibuprofen", "medication", 4, "nsaid")],
        phases=[PhaseRow("run_in", START, date(2026, 1, 14)), PhaseRow("elimination", date(2026, 1, 15),
                                                                        date(2026, 2, 11)),
                PhaseRow("reintroduction", date(2026, 2, 12), date(2026, 3, 31), "lactose")],
        plan_symptoms=("bloating",),
        verdicts=[VerdictRow("reintroduction", "lactose", "possible_trigger", delta=1.8),
                  VerdictRow("confirmation", "lactose", "likely_trigger", prob_trigger=0.93, cycles=3,
                             randomisation_p=0.031)],
        suspects=[SuspectRow("milk", "bloating", 1.9, 1.1, 2.7, 0.004, 40, 120, "suspect"),
                  SuspectRow("wheat", "bloating", 0.2, -0.4, 0.8, 0.61, 60, 100, "no_evidence")],
        screened_symptom="bloating", screened={"suspect": 1, "no_evidence": 30, "insufficient_data": 12},
        repair=[RepairRow("Probiotics", date(2026, 2, 1), None, "1 capsule", 40, 59, 3.6, 3.1, -0.5, -1.1, 0.1,
                          28, 28, ("uncontrolled",), "C")],
        red_flags=RedFlags(date(2026, 1, 2), ("blood_in_stool",), None, 42.0),
    )
