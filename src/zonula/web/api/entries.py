"""API: diary entries (create, read, list with from/to/kind, update, delete) and the summary."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from zonula.domain.entries import Entry, EntryKind
from zonula.domain.timeparse import localise
from zonula.service.group_commit import add_grouped
from zonula.web.api.schemas import EntryIn, EntryList, EntryOut, EntryPatch, MeOut, SummaryOut
from zonula.web.deps import ApiDiary, ApiUser, RowId

router = APIRouter(prefix="/api/v1", tags=["entries"])


def _aware(diary: ApiDiary, moment: Any) -> Any:
    if moment is not None and moment.tzinfo is None:
        return localise(moment, diary.tz)
    return moment


@router.get("/me", response_model=MeOut, tags=["account"])
def me(user: ApiUser) -> MeOut:
    """Who the token belongs to."""
    return MeOut(username=user.username, display_name=user.display_name, role=user.role,
                 language=user.language, timezone=user.timezone)


@router.get("/entries", response_model=EntryList)
def list_entries(diary: ApiDiary,
                 date_from: Annotated[date | None, Query(alias="from")] = None,
                 date_to: Annotated[date | None, Query(alias="to")] = None,
                 kind: Annotated[list[EntryKind] | None, Query()] = None,
                 limit: Annotated[int, Query(ge=1, le=10_000)] = 1000) -> EntryList:
    """Entries between two local dates (inclusive), oldest first, optionally of some kinds."""
    items = diary.entries(date_from=date_from, date_to=date_to, kinds=kind, limit=limit)
    return EntryList(count=len(items), entries=[EntryOut.of(e) for e in items])


@router.post("/entries", response_model=EntryOut, status_code=201)
async def create_entry(body: EntryIn, diary: ApiDiary) -> Response:
    """Add one entry (validated; 422 with the bad fields, nothing written).

    Runs on the event loop: the entry waits there for the next group commit, which alone goes to a
    worker thread (see `service/group_commit.py`). The answer is serialised here: it is built from
    the stored entry, so FastAPI's second validation against `EntryOut` would only cost time.
    """
    now = diary.now()
    entry = Entry(kind=body.kind, at=_aware(diary, body.at) or now, name=body.name, value=body.value,
                  unit=body.unit, note=body.note, quality=body.quality, source="api", recorded_at=now)
    return Response(EntryOut.of(await add_grouped(diary, entry)).model_dump_json(), status_code=201,
                    media_type="application/json")


@router.post("/entries/batch", response_model=EntryList, status_code=201)
def create_entries(body: list[EntryIn], diary: ApiDiary) -> EntryList:
    """Add several entries in one transaction: all or nothing."""
    now = diary.now()
    added = diary.add_many([Entry(kind=b.kind, at=_aware(diary, b.at) or now, name=b.name, value=b.value,
                                  unit=b.unit, note=b.note, quality=b.quality, source="api") for b in body])
    return EntryList(count=len(added), entries=[EntryOut.of(e) for e in added])


@router.get("/entries/{entry_id}", response_model=EntryOut)
def get_entry(entry_id: RowId, diary: ApiDiary) -> EntryOut:
    """One entry (404 when it is not the caller's)."""
    return EntryOut.of(diary.get(entry_id))


@router.patch("/entries/{entry_id}", response_model=EntryOut)
def update_entry(entry_id: RowId, body: EntryPatch, diary: ApiDiary) -> EntryOut:
    """Change some fields of an entry; validated again."""
    # null clears value or quality; for the other fields it means "unchanged".
    changes = {k: v for k, v in body.model_dump(exclude_unset=True).items()
               if v is not None or k in ("value", "quality")}
    if "at" in changes:
        changes["at"] = _aware(diary, changes["at"])
    return EntryOut.of(diary.edit(entry_id, **changes))


@router.delete("/entries/{entry_id}", status_code=204)
def delete_entry(entry_id: RowId, diary: ApiDiary) -> Response:
    """Delete one entry."""
    diary.delete(entry_id)
    return Response(status_code=204)


@router.get("/summary", response_model=SummaryOut, tags=["analysis"])
def summary(diary: ApiDiary,
            date_from: Annotated[date | None, Query(alias="from")] = None,
            date_to: Annotated[date | None, Query(alias="to")] = None) -> SummaryOut:
    """Days logged, counts per kind, mean severity per symptom, Bristol distribution."""
    s = diary.summary(date_from=date_from, date_to=date_to)
    return SummaryOut(first_day=s.first_day, last_day=s.last_day, days_logged=s.days_logged, entries=s.entries,
                      by_kind=s.by_kind, symptom_means=s.symptom_means, stool_types=s.stool_types)
