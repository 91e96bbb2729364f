"""API: the suspect screen (hypotheses to test, never diagnoses)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query

from zonula.web.deps import ApiDiary

router = APIRouter(prefix="/api/v1", tags=["analysis"])


@router.get("/analysis")
def analysis(diary: ApiDiary, symptom: Annotated[str | None, Query(max_length=80)] = None,
             date_from: Annotated[date | None, Query(alias="from")] = None,
             date_to: Annotated[date | None, Query(alias="to")] = None) -> dict[str, Any]:
    """The screen over the diary: `{"data": ..., "results": [...]}`, each result with its effect,
    95% interval, q value, status (suspect, no_evidence, insufficient_data) and notes."""
    result: dict[str, Any] = diary.analyze(symptom, date_from, date_to).as_dict()
    return result
