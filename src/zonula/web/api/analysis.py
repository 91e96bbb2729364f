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
             date_to: Annotated[date | None, Query(alias="to")] = None,
             main: Annotated[list[str] | None, Query()] = None,
             suspected: Annotated[str | None, Query(max_length=2000)] = None) -> dict[str, Any]:
    """The screen over the diary: `{"data": ..., "results": [...]}`, each result with its effect,
    95% interval, q value, status (suspect, no_evidence, insufficient_data) and notes.

    `main` (repeatable, up to 3) names the main symptoms and `suspected` (comma-separated groups or
    foods) what the person already suspected; both default to the running plan's."""
    result: dict[str, Any] = diary.analyze(
        symptom, date_from, date_to, main_symptoms=main,
        suspected=suspected.split(",") if suspected is not None else None).as_dict()
    return result
