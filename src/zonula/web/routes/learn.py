"""Learn, Assess and Plan: the knowledge base, the questionnaire with red flags, the repair plan."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from zonula.web.deps import CurrentUser, RendererDep

router = APIRouter()


@router.get("/learn")
def learn_page(request: Request, user: CurrentUser, render: RendererDep) -> Response:
    """The article's claims with their evidence grades."""
    return render.page(request, "learn/index.html")


@router.get("/assess")
def assess_page(request: Request, user: CurrentUser, render: RendererDep) -> Response:
    """The symptom questionnaire and the red-flag check."""
    return render.page(request, "learn/assess.html")


@router.get("/plan")
def plan_page(request: Request, user: CurrentUser, render: RendererDep) -> Response:
    """The repair plan and its adherence."""
    return render.page(request, "learn/plan.html")
