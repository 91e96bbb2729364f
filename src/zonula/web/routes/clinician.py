"""The clinician dashboard: only the people who granted access, read-only."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from zonula.web.deps import AccountsDep, Clinician, RendererDep
from zonula.web.routes.diary import timeline
from zonula.web.routes.insights import insights_context

router = APIRouter(prefix="/clinician")


@router.get("")
def dashboard(request: Request, clinician: Clinician, accounts: AccountsDep, render: RendererDep) -> Response:
    """The people who granted this clinician access."""
    return render.page(request, "clinician/index.html", {"people": accounts.people_of(clinician)})


@router.get("/{username}")
def person_diary(username: str, request: Request, clinician: Clinician, accounts: AccountsDep,
                 render: RendererDep) -> Response:
    """A granted person's diary, read-only (404 without a grant)."""
    diary = accounts.diary_for_reader(clinician, username)
    return render.page(request, "diary/index.html", {**timeline(request, diary), "read_only": True,
                                                     "owner": diary.user})


@router.get("/{username}/insights")
def person_insights(username: str, request: Request, clinician: Clinician, accounts: AccountsDep,
                    render: RendererDep) -> Response:
    """A granted person's insights, read-only (404 without a grant)."""
    diary = accounts.diary_for_reader(clinician, username)
    return render.page(request, "insights/index.html", {**insights_context(diary), "owner": diary.user})
