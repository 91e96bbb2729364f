"""API: the elimination plan (protocol) and the repair steps."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from zonula.protocol.events import CHANGE_VERBS
from zonula.protocol.repair import ItemReport, step_for
from zonula.service.protocol import MAX_REASON
from zonula.service.repair import MAX_DOSE
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


class PlanAction(StrEnum):
    """A change to the running plan (the CLI's `zonula protocol pause|resume|extend|skip|restart`)."""

    PAUSE = "pause"
    RESUME = "resume"
    EXTEND = "extend"
    SKIP = "skip"
    RESTART = "restart"


class PlanChangeIn(BaseModel):
    """A plan change: from `on` (default today); `days` to extend by; `reason` (required to skip)."""

    model_config = ConfigDict(extra="forbid")

    on: date | None = None
    days: int | None = None
    reason: str = Field(default="", max_length=MAX_REASON)


class RepairStepIn(BaseModel):
    """A repair step to adopt, with an optional dose and first day (default today)."""

    model_config = ConfigDict(extra="forbid")

    step: str = Field(max_length=64)
    dose: str = Field(default="", max_length=MAX_DOSE)
    start: date | None = None


class RepairStopIn(BaseModel):
    """The day a repair step stops, or was done (default today)."""

    model_config = ConfigDict(extra="forbid")

    on: date | None = None


@router.post("/protocol/{action}", tags=["protocol"])
def change_protocol(action: PlanAction, diary: ApiDiary, body: PlanChangeIn | None = None) -> dict[str, Any]:
    """Pause, resume, extend, skip or restart the plan (422 with the bad field, 409 when not possible now)."""
    change = body or PlanChangeIn()
    result: dict[str, Any] = diary.change_plan(CHANGE_VERBS[action.value], on=change.on, days=change.days,
                                               reason=change.reason).to_dict()
    return result


def _step_out(r: ItemReport) -> RepairStepOut:
    a, c = r.adherence, r.change
    return RepairStepOut(step=r.item.step, name=r.name, start=r.item.start, stop=r.item.stop,
                         dose=r.item.dose, days=a.days if a else None, done=a.done if a else None,
                         difference=c.difference if c else None, low=c.low if c else None,
                         high=c.high if c else None, notes=list(r.notes))


@router.get("/plan", response_model=list[RepairStepOut], tags=["plan"])
def repair_plan(diary: ApiDiary) -> list[RepairStepOut]:
    """The repair steps adopted, with adherence and the uncontrolled before/after change."""
    return [_step_out(r) for r in diary.repair_status()]


def _report_of(diary: ApiDiary, item_id: int | None) -> RepairStepOut:
    return _step_out(next(r for r in diary.repair_status() if r.item.id == item_id))


@router.post("/plan", response_model=RepairStepOut, status_code=201, tags=["plan"])
def adopt_step(body: RepairStepIn, diary: ApiDiary) -> RepairStepOut:
    """Adopt a repair step (422 for an unknown step, 409 when it is already running)."""
    item = diary.adopt_step(body.step, dose=body.dose, start=body.start)
    return _report_of(diary, item.id)


@router.post("/plan/{step}/stop", response_model=RepairStepOut, tags=["plan"])
def stop_step(step: str, diary: ApiDiary, body: RepairStopIn | None = None) -> RepairStepOut:
    """Stop a running repair step (its history is kept; 404 when it is not running)."""
    item = diary.stop_step(step, on=(body or RepairStopIn()).on)
    return _report_of(diary, item.id)


@router.post("/plan/{step}/done", response_model=RepairStepOut, status_code=201, tags=["plan"])
def step_done(step: str, diary: ApiDiary, body: RepairStopIn | None = None) -> RepairStepOut:
    """Log that a running supplement or practice step was done on `on` (default now); adherence counts it."""
    on = (body or RepairStopIn()).on
    diary.log_step_done(step, on=on)
    key = step_for(step).id
    return _step_out(next(r for r in reversed(diary.repair_status()) if r.item.step == key))
