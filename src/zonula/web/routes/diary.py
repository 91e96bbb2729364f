"""Diary: the timeline grouped by day, with editing and deleting."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import groupby
from typing import Any

from fastapi import APIRouter, Depends, Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from zonula.domain.entries import Entry, EntryKind
from zonula.domain.timeparse import parse_date
from zonula.errors import ValidationError
from zonula.service import Diary
from zonula.web.deps import Form, OwnDiary, RendererDep, RowId, csrf_checked
from zonula.web.forms import edit_changes, field_errors

router = APIRouter(dependencies=[Depends(csrf_checked)])
DEFAULT_DAYS = 14


def by_day(entries: list[Entry]) -> list[tuple[date, list[Entry]]]:
    """Entries grouped by local day, newest day first, each day in time order."""
    ordered = sorted(entries, key=lambda e: (e.at.date(), e.at, e.id or 0), reverse=True)
    return [(day, sorted(items, key=lambda e: e.at)) for day, items in groupby(ordered, key=lambda e: e.at.date())]


def timeline(request: Request, diary: Diary) -> dict[str, Any]:
    """Filters from the query string and the entries they select (the last two weeks by default)."""
    params = request.query_params
    errors: dict[str, str] = {}
    today = diary.now().date()
    date_to, date_from = today, today - timedelta(days=DEFAULT_DAYS - 1)
    try:
        if params.get("to"):
            date_to = parse_date(params["to"], field="to")
        if params.get("from"):
            date_from = parse_date(params["from"], field="from")
    except ValidationError as err:
        errors = field_errors(err)
    kind_text = params.get("kind", "")
    kinds = [EntryKind(kind_text)] if kind_text in {k.value for k in EntryKind} else None
    entries = diary.entries(date_from=date_from, date_to=date_to, kinds=kinds)
    return {"days": by_day(entries), "date_from": date_from, "date_to": date_to, "kind": kind_text,
            "kinds": list(EntryKind), "errors": errors, "count": len(entries)}


@router.get("/diary")
def diary_page(request: Request, diary: OwnDiary, render: RendererDep) -> Response:
    """The timeline, grouped by day."""
    context = timeline(request, diary)
    return render.page(request, "diary/index.html", {**context, "read_only": False, "owner": None},
                       status_code=422 if context["errors"] else 200)


@router.get("/diary/{entry_id}/edit")
def edit_page(entry_id: RowId, request: Request, diary: OwnDiary, render: RendererDep) -> Response:
    """The edit form of one entry."""
    entry = diary.get(entry_id)
    return render.page(request, "diary/edit.html", {"entry": entry, "form": form_of(entry)})


def form_of(entry: Entry) -> dict[str, str]:
    """An entry's fields as form values."""
    return {"at": entry.at.strftime("%Y-%m-%dT%H:%M"), "name": entry.name, "note": entry.note,
            "unit": entry.unit, "value": "" if entry.value is None else f"{entry.value:g}",
            "quality": "" if entry.quality is None else f"{entry.quality:g}"}


@router.post("/diary/{entry_id}/edit")
def edit_entry(entry_id: RowId, request: Request, diary: OwnDiary, render: RendererDep, form: Form) -> Response:
    """Save an edit; re-render with messages next to the fields on bad input."""
    entry = diary.get(entry_id)
    try:
        diary.edit(entry_id, **edit_changes(entry, form, tz=diary.tz, now=diary.now()))
    except ValidationError as err:
        values = {k: v for k, v in form.items() if isinstance(v, str)}
        return render.page(request, "diary/edit.html", {"entry": entry, "form": values,
                                                        "errors": field_errors(err)}, status_code=422)
    return RedirectResponse(f"/diary?from={entry.at.date().isoformat()}#entry-{entry_id}", status_code=303)


@router.post("/diary/{entry_id}/delete")
def delete_entry(entry_id: RowId, request: Request, diary: OwnDiary) -> Response:
    """Delete one entry; HTMX removes its row, a plain form goes back to the diary."""
    diary.delete(entry_id)
    if request.headers.get("hx-request"):
        return HTMLResponse("")
    return RedirectResponse("/diary", status_code=303)
