"""API: the elimination plan (protocol) and the repair steps."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel

from zonula.web.deps import ApiDiary

router = APIRouter(prefix="/api/v1")


class TodayOut(BaseModel):
    """The plan's guidance for one day, in the caller's language."""

    on: date
    headline: str
    food: list[str]
    portion: str | None
    log: list[str]
    next: list[str]
    notices: list[str]


class RepairStepOut(BaseModel):
    """An adopted repair step with adherence and the before/after change of the main symptom."""

    step: str
    name: str
    start: date
    stop: date | None
    dose: str
    days: int | None
    done: int | None
    difference: float | None
    low: float | None
    high: float | None
    notes: list[str]


@router.get("/protocol", tags=["protocol"])
def protocol(diary: ApiDiary) -> dict[str, Any]:
    """The elimination plan as of today, with its change log (404 when no plan was started)."""
    result: dict[str, Any] = diary.plan_status().to_dict()
    return result


@router.get("/protocol/today", response_model=TodayOut, tags=["protocol"])
def protocol_today(diary: ApiDiary) -> TodayOut:
    """Today's guidance of the elimination plan (404 when no plan was started)."""
    t = diary.today_guidance()
    return TodayOut(on=t.on, headline=t.headline, food=list(t.food), portion=t.portion, log=list(t.log),
                    next=list(t.next), notices=list(t.notices))


@router.get("/protocol/verdicts", tags=["protocol"])
def verdicts(diary: ApiDiary) -> list[dict[str, Any]]:
    """Every verdict of the plan so far."""
    return diary.plan_verdicts()


@router.get("/plan", response_model=list[RepairStepOut], tags=["plan"])
def repair_plan(diary: ApiDiary) -> list[RepairStepOut]:
    """The repair steps adopted, with adherence and the uncontrolled before/after change."""
    out = []
    for r in diary.repair_status():
        a, c = r.adherence, r.change
        out.append(RepairStepOut(step=r.item.step, name=r.name, start=r.item.start, stop=r.item.stop,
                                 dose=r.item.dose, days=a.days if a else None, done=a.done if a else None,
                                 difference=c.difference if c else None, low=c.low if c else None,
                                 high=c.high if c else None, notes=list(r.notes)))
    return out
