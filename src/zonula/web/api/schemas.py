"""API schemas: inputs (what a client may send) separate from outputs (what it gets back)."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from zonula.domain.entries import Entry, EntryKind


class EntryIn(BaseModel):
    """A new diary entry. A naive `at` is read in the person's time zone; omitted means now."""

    model_config = ConfigDict(extra="forbid")

    kind: EntryKind
    at: datetime | None = None
    name: str = Field(default="", max_length=10_000)
    value: float | None = Field(default=None, allow_inf_nan=False)
    unit: str = Field(default="", max_length=32)
    note: str = Field(default="", max_length=10_000)
    quality: float | None = Field(default=None, allow_inf_nan=False)


class EntryPatch(BaseModel):
    """Changes to an entry; only the fields sent are changed."""

    model_config = ConfigDict(extra="forbid")

    kind: EntryKind | None = None
    at: datetime | None = None
    name: str | None = Field(default=None, max_length=10_000)
    value: float | None = Field(default=None, allow_inf_nan=False)
    unit: str | None = Field(default=None, max_length=32)
    note: str | None = Field(default=None, max_length=10_000)
    quality: float | None = Field(default=None, allow_inf_nan=False)


class EntryOut(BaseModel):
    """A stored entry."""

    id: int
    kind: EntryKind
    at: datetime
    recorded_at: datetime | None
    name: str
    value: float | None
    unit: str
    note: str
    quality: float | None
    source: str
    backfilled: bool

    @classmethod
    def of(cls, entry: Entry) -> EntryOut:
        """The output form of a domain entry."""
        assert entry.id is not None
        return cls(id=entry.id, kind=entry.kind, at=entry.at, recorded_at=entry.recorded_at, name=entry.name,
                   value=entry.value, unit=entry.unit, note=entry.note, quality=entry.quality,
                   source=entry.source, backfilled=entry.backfilled)


class EntryList(BaseModel):
    """A page of entries."""

    count: int
    entries: list[EntryOut]


class SummaryOut(BaseModel):
    """Counts and averages over a span of the diary."""

    first_day: date | None
    last_day: date | None
    days_logged: int
    entries: int
    by_kind: dict[str, int]
    symptom_means: dict[str, float]
    stool_types: dict[int, int]


class MeOut(BaseModel):
    """The caller."""

    username: str
    display_name: str
    role: str
    language: str | None
    timezone: str | None
