"""Insights: what the diary shows (trend with protocol phases, suspects, verdicts, repair steps).

The charts are the clinician report's (`zonula.reports`, drawn by `zonula.charts`): one chart
definition, as SVG, for the screen and the PDF.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from zonula.analysis.labels import believed_labels, exposure_label, status_label
from zonula.i18n import current_language
from zonula.labels import symptom_label
from zonula.protocol.labels import outcome_label, stage_label
from zonula.reports import build_report, render
from zonula.reports.render import charts_for
from zonula.service import Diary
from zonula.web.deps import OwnDiary, RendererDep

router = APIRouter()
TREND_DAYS = 56
MAX_ROWS = 15


def insights_context(diary: Diary) -> dict[str, Any]:
    """The last eight weeks: charts and verdicts as the report builds them, and the screen's results."""
    today = diary.now().date()
    start = today - timedelta(days=TREND_DAYS - 1)
    screen = diary.analyze(date_from=start, date_to=today)
    order = {"suspect": 0, "no_evidence": 1, "insufficient_data": 2}
    rows = sorted(screen.results, key=lambda r: (order.get(r.status.value, 3), -(r.effect or 0.0)))
    report = build_report(diary, start, today)
    return {"summary": diary.summary(date_from=start, date_to=today), "screen": screen,
            "rows": [r for r in rows if r.effect is not None][:MAX_ROWS], "status_label": status_label,
            "exposure_label": exposure_label, "believed_names": believed_labels(screen),
            "main_names": [symptom_label(k) for k in screen.summary.main_symptoms],
            "report": report, "charts": charts_for(report), "outcome_label": outcome_label,
            "stage_label": stage_label, "date_from": start, "date_to": today}


@router.get("/insights")
def insights_page(request: Request, diary: OwnDiary, render_page: RendererDep) -> Response:
    """The Insights page of the person's own diary."""
    return render_page.page(request, "insights/index.html", {**insights_context(diary), "owner": None})


@router.get("/insights/report.pdf")
async def report_pdf(diary: OwnDiary) -> Response:
    """The clinician report of the last eight weeks as a PDF."""
    today = diary.now().date()
    report = await run_in_threadpool(build_report, diary, today - timedelta(days=TREND_DAYS - 1), today)
    pdf = await run_in_threadpool(render, report, "pdf", current_language())
    return Response(pdf, media_type="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="zonula-report-{today:%Y%m%d}.pdf"'})
