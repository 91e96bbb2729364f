"""Learn, Assess and Plan: the graded knowledge base, the questionnaire with red flags, the repair plan."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Request
from starlette.datastructures import FormData
from starlette.responses import RedirectResponse, Response

from zonula.domain.entries import SYMPTOM_KEYS
from zonula.domain.timeparse import not_future, parse_date
from zonula.errors import ConflictError, FieldProblem, NotFoundError, SafetyLockError, ValidationError, ZonulaError
from zonula.i18n import _
from zonula.knowledge.questionnaire import AnswerType, Question
from zonula.knowledge.redflags import safety_rules
from zonula.knowledge.wording import (
    because_text,
    caution_text,
    grade_label,
    grade_meaning,
    no_red_flags_text,
    score_label,
    see_doctor_headline,
    stance_label,
    supervised_headline,
    symptom_name,
)
from zonula.protocol.days import Phase
from zonula.protocol.events import CHANGE_VERBS, EventKind
from zonula.protocol.groups import GROUPS
from zonula.protocol.labels import change_label, phase_label
from zonula.protocol.repair import REPAIR_STEPS
from zonula.protocol.settings import Mode, Suspect
from zonula.service import Diary, PlanStatus, SavedAssessment, assessment_questions, learn
from zonula.web.deps import CurrentUser, Form, OwnDiary, RendererDep, RowId, csrf_checked
from zonula.web.errors import status_of
from zonula.web.forms import field_errors, text
from zonula.web.templating import Renderer

router = APIRouter(dependencies=[Depends(csrf_checked)])


def items_by_id() -> dict[str, Any]:
    """Every knowledge item by id."""
    return {item.id: item for item in learn()}


def knowledge_helpers() -> dict[str, Any]:
    """Wording helpers the knowledge templates use."""
    return {"grade_label": grade_label, "grade_meaning": grade_meaning, "stance_label": stance_label,
            "caution_text": caution_text, "because_text": because_text, "symptom_name": symptom_name,
            "score_label": score_label}


@router.get("/learn")
def learn_page(request: Request, user: CurrentUser, render: RendererDep) -> Response:
    """The article's claims with their evidence grades, searchable by topic."""
    topic = request.query_params.get("q", "").strip()
    items = learn(topic) if topic else learn()
    categories: dict[str, list[Any]] = {}
    for item in items:
        categories.setdefault(item.category.value, []).append(item)
    return render.page(request, "learn/index.html", {"categories": categories, "topic": topic,
                                                     "count": len(items), **knowledge_helpers()})


def answers_from_form(form: FormData, questions: tuple[Question, ...]) -> dict[str, object]:
    """The questionnaire's answers as the facade takes them; unanswered questions are left out."""
    answers: dict[str, object] = {}
    for q in questions:
        if q.type is AnswerType.MULTI:
            answers[q.id] = [v for v in form.getlist(q.id) if isinstance(v, str)]
            continue
        value = form.get(q.id)
        if isinstance(value, str) and value.strip():
            answers[q.id] = value.strip()
    return answers


def sections(questions: tuple[Question, ...]) -> list[tuple[str, list[Question]]]:
    """Questions grouped by section, in asking order."""
    grouped: dict[str, list[Question]] = {}
    for q in questions:
        grouped.setdefault(q.section, []).append(q)
    return list(grouped.items())


def assess_context(diary: Diary, **extra: Any) -> dict[str, Any]:
    """The questionnaire, the latest result and the safety status."""
    return {"sections": sections(assessment_questions()), "latest": diary.latest_assessment(),
            "status": diary.safety_status(), "answers": {}, **extra}


@router.get("/assess")
def assess_page(request: Request, diary: OwnDiary, render: RendererDep) -> Response:
    """The questionnaire (and a link to the latest result)."""
    return render.page(request, "learn/assess.html", assess_context(diary))


@router.post("/assess")
def take_assessment(request: Request, diary: OwnDiary, render: RendererDep, form: Form) -> Response:
    """Score and store the answers; every bad or missing answer is named next to its question."""
    answers = answers_from_form(form, assessment_questions())
    try:
        saved = diary.save_assessment(answers)
    except ValidationError as err:
        return render.page(request, "learn/assess.html",
                           assess_context(diary, errors=field_errors(err), answers=keep(form)), status_code=422)
    return RedirectResponse(f"/assess/{saved.id}", status_code=303)


def keep(form: Mapping[str, Any] | FormData) -> dict[str, Any]:
    """The submitted answers, to fill the form again (lists for multi-choice questions)."""
    if isinstance(form, FormData):
        return {k: form.getlist(k) if len(form.getlist(k)) > 1 else form.get(k) for k in form}
    return dict(form)


def result_context(saved: SavedAssessment, diary: Diary) -> dict[str, Any]:
    """A stored result with the words and items it needs."""
    rules = safety_rules()
    result = saved.result
    latest = diary.latest_assessment()
    return {
        "saved": saved, "result": result, "items": items_by_id(), "status": diary.safety_status(),
        "is_latest": latest is not None and latest.id == saved.id,
        "red_flag_reasons": [str(rules.red_flag(k).reason) for k in result.red_flags],
        "supervised_reasons": [str(rules.supervision_rule(k).reason) for k in result.supervised_reasons],
        "see_doctor": see_doctor_headline(), "no_red_flags": no_red_flags_text(),
        "supervised_headline": supervised_headline(),
        "burden": sorted((s for s in result.symptoms if s.points > 0), key=lambda s: -s.points),
        **knowledge_helpers(),
    }


@router.get("/assess/{assessment_id}")
def assessment_result(assessment_id: RowId, request: Request, diary: OwnDiary, render: RendererDep) -> Response:
    """One stored result: red flags first, then score, causes and the plan."""
    return render.page(request, "learn/result.html", result_context(diary.assessment(assessment_id), diary))


@router.post("/assess/acknowledge")
def acknowledge(request: Request, diary: OwnDiary, render: RendererDep) -> Response:
    """Record that the person has seen, or will see, a doctor about the latest red flags."""
    latest = diary.latest_assessment()
    try:
        diary.acknowledge_red_flags()
    except ConflictError as err:
        if latest is None:
            return render.page(request, "learn/assess.html", assess_context(diary, message=str(err)),
                               status_code=409)
        return render.page(request, "learn/result.html", {**result_context(latest, diary), "message": str(err)},
                           status_code=409)
    assert latest is not None
    return RedirectResponse(f"/assess/{latest.id}", status_code=303)


def plan_state(status: PlanStatus | None) -> dict[str, Any] | None:
    """Where the elimination plan stands today: phase, pause, and its change log (newest first)."""
    if status is None:
        return None
    last = status.timeline.last
    pause = next((e for e in reversed(status.events) if e.kind is EventKind.PAUSED), None)
    return {"phase": phase_label(last.phase.value), "day": last.day_in_phase,
            "paused": last.paused_in is not None,
            "paused_in": phase_label(last.paused_in.value) if last.paused_in is not None else "",
            "paused_on": pause.on if pause else None, "pause_reason": pause.reason if pause else "",
            "running": last.phase is not Phase.STOPPED,
            "changes": [(change_label(e.kind.value), e) for e in reversed(status.events)]}


def plan_context(diary: Diary, **extra: Any) -> dict[str, Any]:
    """The elimination plan's day and state, the adopted repair steps, and the assessment's repair plan."""
    try:
        status: PlanStatus | None = diary.plan_status()
    except NotFoundError:
        status = None
    reports = diary.repair_status()
    running = {r.item.step for r in reports if r.item.stop is None}
    return {"latest": diary.latest_assessment(), "items": items_by_id(), "status": diary.safety_status(),
            "extras": {"protocol": status.today if status else None}, "plan": plan_state(status),
            "repair": reports, "groups": challenge_groups(),
            "symptoms": SYMPTOM_KEYS, "form": {}, "today": diary.now().date().isoformat(),
            "steps": [(s.id, s.name()) for s in REPAIR_STEPS if s.id not in running],
            "loggable": {s.id for s in REPAIR_STEPS if s.loggable},
            **knowledge_helpers(), **extra}


@router.get("/plan")
def plan_page(request: Request, diary: OwnDiary, render: RendererDep) -> Response:
    """The elimination plan, the repair steps with adherence, and the assessment's repair plan."""
    return render.page(request, "learn/plan.html", plan_context(diary))


def plan_refused(request: Request, diary: Diary, render: Renderer, err: ZonulaError, errors: dict[str, str],
                 values: dict[str, Any] | None = None) -> Response:
    """The Plan page again, each message next to its field and the form refilled, at the error's status."""
    return render.page(request, "learn/plan.html", plan_context(diary, errors=errors, form=values or {}),
                       status_code=status_of(err))


@router.post("/plan/steps")
def adopt_step(request: Request, diary: OwnDiary, render: RendererDep, form: Form) -> Response:
    """Start a repair step (a self-measured experiment)."""
    try:
        diary.adopt_step(text(form, "step"), dose=text(form, "dose"))
    except ValidationError as err:
        return plan_refused(request, diary, render, err, field_errors(err))
    except ConflictError as err:
        return plan_refused(request, diary, render, err, {"step": str(err)})
    return RedirectResponse("/plan#repair", status_code=303)


def challenge_groups() -> list[tuple[str, str]]:
    """The food groups a plan can eliminate and test: (id, name)."""
    seen: dict[str, str] = {}
    for group in GROUPS.values():
        seen.setdefault(group.id, group.name())
    return list(seen.items())


@router.post("/plan/start")
def start_plan(request: Request, diary: OwnDiary, render: RendererDep, form: Form) -> Response:
    """Start a targeted elimination of 1-3 suspects (after the safety gate)."""
    suspects = [Suspect(k) for k in form.getlist("suspects") if isinstance(k, str)]
    symptom = text(form, "main_symptom")
    values = {"suspects": [s.key for s in suspects], "main_symptom": symptom}
    try:
        diary.start_plan(mode=Mode.TARGETED, suspects=suspects, main_symptoms=[symptom] if symptom else [])
    except ValidationError as err:
        return plan_refused(request, diary, render, err, field_errors(err), values)
    except (SafetyLockError, ConflictError) as err:
        return plan_refused(request, diary, render, err, {"suspects": str(err)}, values)
    return RedirectResponse("/plan", status_code=303)


@router.post("/plan/steps/{step}/stop")
def stop_step(step: str, request: Request, diary: OwnDiary, render: RendererDep) -> Response:
    """Stop a running repair step (its history is kept); a step that starts later cannot stop today."""
    try:
        diary.stop_step(step)
    except ValidationError as err:
        return plan_refused(request, diary, render, err, {"repair": err.problems[0].message})
    return RedirectResponse("/plan#repair", status_code=303)


@router.post("/plan/steps/{step}/done")
def step_done(step: str, request: Request, diary: OwnDiary, render: RendererDep) -> Response:
    """Log that a running supplement or practice step was done today (adherence counts it)."""
    try:
        diary.log_step_done(step)
    except (ValidationError, ConflictError) as err:
        message = err.problems[0].message if isinstance(err, ValidationError) else str(err)
        return plan_refused(request, diary, render, err, {"repair": message})
    return RedirectResponse("/plan#repair", status_code=303)


# The form fields each change has; any other problem is shown above the change forms.
CHANGE_FIELDS: dict[str, tuple[str, ...]] = {"pause": ("reason", "on"), "resume": ("on",), "extend": ("days", "on"),
                                             "skip": ("reason", "on"), "restart": ("on",)}


@router.post("/plan/change/{action}")
def change_plan(action: str, request: Request, diary: OwnDiary, render: RendererDep, form: Form) -> Response:
    """Pause (optional reason), resume, extend, skip (with a reason) or restart the plan, on a day up to today."""
    kind = CHANGE_VERBS.get(action)
    if kind is None:
        raise NotFoundError(_("there is no plan change called {action!r}").format(action=action))
    reason, raw_days, raw_on = text(form, "reason"), text(form, "days"), text(form, "on")
    values = {f"{action}-reason": reason, f"{action}-days": raw_days, f"{action}-on": raw_on}
    try:
        days = whole_days(raw_days) if kind is EventKind.EXTENDED else None
        on = past_day(raw_on, today=diary.now().date())
        diary.change_plan(kind, on=on, days=days, reason=reason)
    except ValidationError as err:
        errors = {f"{action}-{k}" if k in CHANGE_FIELDS.get(action, ()) else "change": v
                  for k, v in field_errors(err).items()}
        return plan_refused(request, diary, render, err, errors, values)
    except (ConflictError, SafetyLockError) as err:
        return plan_refused(request, diary, render, err, {"change": str(err)}, values)
    return RedirectResponse("/plan#plan-state", status_code=303)


def whole_days(raw: str) -> int:
    """The extension in days from a form field; ValidationError when it is missing or not a whole number."""
    try:
        return int(raw)
    except ValueError:
        raise ValidationError([FieldProblem("days", _("enter a whole number of days"))]) from None


def past_day(raw: str, *, today: date) -> date | None:
    """The day a change applies from (None, meaning today, when empty); ValidationError when unreadable or future."""
    if not raw:
        return None
    return not_future(parse_date(raw, field="on"), today=today, field="on")
