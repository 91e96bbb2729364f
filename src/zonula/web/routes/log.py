"""Today and Log: quick logging on a phone right after a meal, with a live meal preview."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from starlette.responses import RedirectResponse, Response

from zonula.domain.entries import EntryKind, PracticeKind
from zonula.errors import NotFoundError, ValidationError
from zonula.foods import ParsedMeal
from zonula.foods.groups import GROUP_LABELS
from zonula.i18n import pick
from zonula.service import Diary
from zonula.web.deps import Form, OwnDiary, RendererDep, csrf_checked
from zonula.web.forms import SLIDER_SYMPTOMS, entries_from_form, field_errors, text

router = APIRouter(dependencies=[Depends(csrf_checked)])

# The Log page's forms, in page order: (kind, anchor).
LOG_FORMS: tuple[EntryKind, ...] = (
    EntryKind.MEAL, EntryKind.SYMPTOM, EntryKind.STOOL, EntryKind.STRESS, EntryKind.SLEEP,
    EntryKind.MEDICATION, EntryKind.SUPPLEMENT, EntryKind.PRACTICE, EntryKind.MENSTRUATION, EntryKind.NOTE,
)


def log_context(diary: Any, **extra: Any) -> dict[str, Any]:
    """What the Log page needs besides errors."""
    return {"now_local": diary.now().strftime("%Y-%m-%dT%H:%M"), "kinds": LOG_FORMS,
            "sliders": SLIDER_SYMPTOMS, "practices": [p.value for p in PracticeKind],
            "failed": None, "saved": None, **extra}


@router.get("/")
def today(request: Request, diary: OwnDiary, render: RendererDep) -> Response:
    """Today: quick-log buttons and what was logged today."""
    today_date = diary.now().date()
    items = diary.entries(date_from=today_date, date_to=today_date)
    return render.page(request, "log/today.html", {"entries": items, "today": today_date,
                                                   "extras": today_extras(diary)})


def today_extras(diary: Diary) -> dict[str, Any]:
    """The protocol day's guidance, when a plan runs."""
    try:
        return {"protocol": diary.today_guidance()}
    except NotFoundError:
        return {"protocol": None}


@router.get("/log")
def log_page(request: Request, diary: OwnDiary, render: RendererDep) -> Response:
    """Every kind of entry, one small form each."""
    saved = request.query_params.get("saved")
    return render.page(request, "log/index.html", log_context(diary, saved=saved))


@router.post("/log/preview")
def meal_preview(request: Request, diary: OwnDiary, render: RendererDep, form: Form) -> Response:
    """The foods and groups the parser reads in the meal text (HTMX, live)."""
    meal = text(form, "name")[:2000]
    parsed = preview_of(diary.parse_meal(meal)) if meal else None
    return render.page(request, "log/_preview.html", {"meal": meal, "parsed": parsed})


def group_name(group: str) -> str:
    """A food group's name in the current language."""
    en, zh = GROUP_LABELS.get(group, (group, group))
    return pick(en, zh)


def preview_of(parsed: ParsedMeal) -> dict[str, Any]:
    """The recognised foods (with the groups they contain) and the words not recognised."""
    items = [{"label": pick(item.name_en or item.text, item.name_zh or "") + (" ✗" if item.negated else ""),
              "groups": [group_name(g) for g, level in item.groups.items() if level.contained]}
             for item in parsed.items if item.known]
    return {"items": items, "unknown": [item.text for item in parsed.items if not item.known]}


@router.post("/log/{kind}")
def log_entry(kind: EntryKind, request: Request, diary: OwnDiary, render: RendererDep, form: Form) -> Response:
    """Store one form's entries; re-render with messages next to the fields on bad input."""
    try:
        diary.add_many(entries_from_form(kind, form, tz=diary.tz, now=diary.now()))
    except ValidationError as err:
        values = {k: v for k, v in form.items() if isinstance(v, str)}
        return render.page(request, "log/index.html",
                           log_context(diary, failed=kind.value, errors=field_errors(err), form=values),
                           status_code=422)
    return RedirectResponse(f"/log?saved={kind.value}#{kind.value}", status_code=303)
