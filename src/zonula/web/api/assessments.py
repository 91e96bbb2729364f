"""API: the knowledge base, assessments (take, list, read) and red-flag acknowledgements."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict

from zonula.service import SavedAssessment, learn
from zonula.web.deps import ApiDiary, ApiUser, RowId

router = APIRouter(prefix="/api/v1", tags=["assessments"])


class AnswersIn(BaseModel):
    """Answers by question id (see `zonula assess --help` and docs/assessment.md)."""

    model_config = ConfigDict(extra="forbid")

    answers: dict[str, Any]
    taken_on: date | None = None


class AssessmentOut(BaseModel):
    """A stored assessment and its result (red flags first)."""

    id: int
    taken_on: date
    recorded_at: datetime
    version: int
    see_doctor: bool
    answers: dict[str, Any]
    result: dict[str, Any]

    @classmethod
    def of(cls, saved: SavedAssessment) -> AssessmentOut:
        """The output form of a stored assessment."""
        return cls(id=saved.id, taken_on=saved.taken_on, recorded_at=saved.recorded_at, version=saved.version,
                   see_doctor=saved.result.see_doctor, answers=saved.answers, result=saved.result.to_dict())


class AckOut(BaseModel):
    """A red-flag acknowledgement."""

    acknowledged_on: date
    red_flags: list[str]


class SafetyOut(BaseModel):
    """Whether diet tools are locked, and why."""

    red_flags: list[str]
    red_flags_acknowledged_on: date | None
    diet_tools_locked: bool
    supervised_only: bool
    supervised_reasons: list[str]
    coeliac_tested: bool


@router.get("/knowledge", tags=["knowledge"])
def knowledge(user: ApiUser, topic: Annotated[str | None, Query(max_length=200)] = None) -> list[dict[str, object]]:
    """The article's claims with their evidence grades (both languages), optionally about a topic."""
    return [item.as_dict() for item in learn(topic)]


@router.get("/assessments", response_model=list[AssessmentOut])
def assessments(diary: ApiDiary) -> list[AssessmentOut]:
    """Every stored assessment, oldest first."""
    return [AssessmentOut.of(a) for a in diary.assessment_history()]


@router.post("/assessments", response_model=AssessmentOut, status_code=201)
def take_assessment(body: AnswersIn, diary: ApiDiary) -> AssessmentOut:
    """Score and store answers (422 naming every bad or missing answer; nothing stored)."""
    return AssessmentOut.of(diary.save_assessment(body.answers, on=body.taken_on))


@router.get("/assessments/{assessment_id}", response_model=AssessmentOut)
def assessment(assessment_id: RowId, diary: ApiDiary) -> AssessmentOut:
    """One stored assessment."""
    return AssessmentOut.of(diary.assessment(assessment_id))


@router.post("/assessments/acknowledge", response_model=AckOut, status_code=201)
def acknowledge(diary: ApiDiary) -> AckOut:
    """Record that the person has seen, or will see, a doctor about the latest red flags (409 if none)."""
    ack = diary.acknowledge_red_flags()
    return AckOut(acknowledged_on=ack.on, red_flags=list(ack.red_flags))


@router.get("/safety", response_model=SafetyOut)
def safety(diary: ApiDiary) -> SafetyOut:
    """The safety status that gates diet tools."""
    s = diary.safety_status()
    return SafetyOut(red_flags=list(s.red_flags), red_flags_acknowledged_on=s.red_flags_acknowledged_on,
                     diet_tools_locked=s.diet_tools_locked, supervised_only=s.supervised_only,
                     supervised_reasons=list(s.supervised_reasons), coeliac_tested=s.coeliac_tested)
