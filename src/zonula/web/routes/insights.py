"""Insights: what the diary shows (summary, suspects with effect and interval)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from zonula.analysis.labels import status_label
from zonula.service import Diary
from zonula.web.deps import OwnDiary, RendererDep

router = APIRouter()
TREND_DAYS = 56
MAX_ROWS = 15


def insights_context(diary: Diary) -> dict[str, Any]:
    """The last eight weeks: the summary and the suspect screen (suspects first)."""
    today = diary.now().date()
    start = today - timedelta(days=TREND_DAYS - 1)
    screen = diary.analyze(date_from=start, date_to=today)
    order = {"suspect": 0, "no_evidence": 1, "insufficient_data": 2}
    rows = sorted(screen.results, key=lambda r: (order.get(r.status.value, 3), -(r.effect or 0.0)))
    return {"summary": diary.summary(date_from=start, date_to=today), "screen": screen,
            "rows": [r for r in rows if r.effect is not None][:MAX_ROWS], "status_label": status_label,
            "date_from": start, "date_to": today}


@router.get("/insights")
def insights_page(request: Request, diary: OwnDiary, render: RendererDep) -> Response:
    """The Insights page of the person's own diary."""
    return render.page(request, "insights/index.html", {**insights_context(diary), "owner": None})
