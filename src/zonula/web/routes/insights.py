"""Insights: what the diary shows (summary, symptom trend, suspects, verdicts)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from zonula.service import Diary
from zonula.web.deps import OwnDiary, RendererDep

router = APIRouter()
TREND_DAYS = 56


def insights_context(diary: Diary) -> dict[str, Any]:
    """The summary of the last eight weeks and whatever the analysis areas provide."""
    today = diary.now().date()
    start = today - timedelta(days=TREND_DAYS - 1)
    summary = diary.summary(date_from=start, date_to=today)
    return {"summary": summary, "date_from": start, "date_to": today}


@router.get("/insights")
def insights_page(request: Request, diary: OwnDiary, render: RendererDep) -> Response:
    """The Insights page of the person's own diary."""
    return render.page(request, "insights/index.html", {**insights_context(diary), "owner": None})
