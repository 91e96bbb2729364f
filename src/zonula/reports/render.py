"""Render a clinician report as HTML or PDF (WeasyPrint) from Jinja2 templates in templates/reports/.

The only module outside web/ that imports Jinja2 (STYLE: reports keep build and render apart).
"""

from __future__ import annotations

import contextvars
import re
from collections.abc import Callable
from datetime import date
from functools import cache
from typing import Any, Literal

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from zonula.analysis.labels import group_label, status_label
from zonula.charts import (
    BeforeAfter,
    StoolCounts,
    SuspectEffect,
    TrendData,
    before_after_chart,
    cjk_font_chain,
    stool_chart,
    suspects_forest_chart,
    symptom_trend_chart,
)
from zonula.cli.labels import kind_label, symptom_label
from zonula.i18n import _, gettext, ngettext, set_language
from zonula.protocol.labels import outcome_label, phase_label, stage_label
from zonula.reports.data import ReportData
from zonula.reports.labels import grade_text, red_flag_label
from zonula.reports.sources import phase_spans

Format = Literal["html", "pdf"]
MAX_FOREST_ROWS = 12
_SIZE = re.compile(r'\s(?:width|height)="[^"]*"')


@cache
def _environment() -> Environment:
    env = Environment(loader=PackageLoader("zonula", "templates"), autoescape=select_autoescape(["html"]),
                      extensions=["jinja2.ext.i18n"], trim_blocks=True, lstrip_blocks=True)
    env.install_gettext_callables(gettext=gettext, ngettext=ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(num=_num, signed=_signed, pct=_pct, day=_day)
    env.globals.update(kind_label=kind_label, symptom_label=symptom_label, phase_label=phase_label,
                       outcome_label=outcome_label, stage_label=stage_label, status_label=status_label,
                       red_flag_label=red_flag_label, group_label=group_label,
                       grade_text=grade_text)
    return env


def _num(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _signed(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "–"
    text = f"{value:+.{digits}f}"
    if float(text) == 0:  # no "−0.0" or "+0.0"
        return text[1:]
    return text.replace("-", "−")


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.0f} %"


def _day(value: date | None) -> str:
    return "–" if value is None else value.isoformat()


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _inline(svg: str) -> Markup:
    """An SVG chart sized by CSS (its own width/height dropped; the viewBox keeps the ratio)."""
    head, rest = svg.split(">", 1)
    return Markup(_SIZE.sub("", head) + ">" + rest)


def css_string(text: str) -> str:
    """A CSS string literal of `text` (for `content:` in the page margins)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ") + '"'


def css_counter_text(template: str) -> str:
    """CSS `content` for a translated 'Page {page} of {pages}' (placeholders become counters)."""
    parts = re.split(r"(\{page\}|\{pages\})", template)
    out = []
    for part in parts:
        if part == "{page}":
            out.append("counter(page)")
        elif part == "{pages}":
            out.append("counter(pages)")
        elif part:
            out.append(css_string(part))
    return " ".join(out)


def charts_for(report: ReportData) -> dict[str, Any]:
    """Every chart of the report as inline SVG, in the language in force."""
    spans = phase_spans(report.phases or [], phase_label)
    trends = [symptom_trend_chart(TrendData(_capital(symptom_label(t.symptom)), t.days, t.values, spans,
                                            report.date_from, report.date_to))
              for t in report.trends]
    charts: dict[str, Any] = {"trends": [_inline(s) for s in trends],
                              "stool": _inline(stool_chart(StoolCounts(report.stool_types)))}
    screened = [s for s in report.suspects or [] if s.symptom == report.screened_symptom
                and s.effect is not None and s.low is not None and s.high is not None]
    if screened:
        items = [SuspectEffect(s.exposure, s.effect or 0.0, s.low or 0.0, s.high or 0.0, s.status == "suspect")
                 for s in screened[:MAX_FOREST_ROWS]]
        symptom = _capital(symptom_label(report.screened_symptom))
        charts["forest"] = _inline(suspects_forest_chart(items, symptom=symptom))
    compared = [r for r in report.repair or [] if r.before is not None and r.after is not None]
    if compared:
        items_ba = [BeforeAfter(r.name, r.before or 0.0, None, None, r.after or 0.0, None, None,
                                note=_("change {d} (95% interval {lo} to {hi})").format(
                                    d=_signed(r.difference), lo=_signed(r.low), hi=_signed(r.high)))
                    for r in compared]
        charts["repair"] = _inline(before_after_chart(items_ba))
    return charts


def render_html(report: ReportData, *, lang: str = "en", for_print: bool = False) -> str:
    """The report as a standalone HTML document in `lang` (`en` or `zh`)."""
    def run() -> str:
        set_language(lang)
        template = _environment().get_template("reports/clinician.html")
        return template.render(r=report, charts=charts_for(report), lang=lang, for_print=for_print,
                               fonts=", ".join(f'"{f}"' for f in cjk_font_chain()),
                               page_counter=css_counter_text(_("Page {page} of {pages}")),
                               footer=css_string(_("Patient-reported diary data. Not a diagnosis.")))
    return contextvars.copy_context().run(run)


def render_pdf(report: ReportData, *, lang: str = "en") -> bytes:
    """The report as an A4 PDF (WeasyPrint), with page numbers and a running header."""
    from weasyprint import HTML  # imported here: it is slow to load, and only PDFs need it

    html = render_html(report, lang=lang, for_print=True)
    pdf: bytes = HTML(string=html).write_pdf()
    return pdf


RENDERERS: dict[str, Callable[[ReportData, str], bytes]] = {
    "html": lambda report, lang: render_html(report, lang=lang).encode("utf-8"),
    "pdf": lambda report, lang: render_pdf(report, lang=lang),
}


def render(report: ReportData, fmt: Format = "html", lang: str = "en") -> bytes:
    """The report as `fmt` (`html` or `pdf`) bytes in `lang`."""
    if fmt not in RENDERERS:
        raise ValueError(f"unknown report format {fmt!r}")
    return RENDERERS[fmt](report, lang)
