"""Facade: add, list, edit and delete diary entries, with validation; a diary summary."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from zonula.domain.entries import Entry, EntryKind, validate
from zonula.domain.timeparse import day_bounds
from zonula.service.core import DiaryBase
from zonula.storage import entries as store


@dataclass(frozen=True, slots=True)
class DiarySummary:
    """Counts and averages over a span of the diary."""

    first_day: date | None
    last_day: date | None
    days_logged: int
    entries: int
    by_kind: dict[str, int] = field(default_factory=dict)
    symptom_means: dict[str, float] = field(default_factory=dict)
    stool_types: dict[int, int] = field(default_factory=dict)


class EntriesMixin(DiaryBase):
    """Entries: the heart of the diary."""

    def add(self, entry: Entry) -> Entry:
        """Validate and store one entry; return it with its id."""
        return self.add_many([entry])[0]

    def add_many(self, entries: list[Entry]) -> list[Entry]:
        """Validate every entry, then store all in one transaction (all or nothing)."""
        checked = [validate(e) for e in entries]
        with self.db.transaction() as session:
            ids = store.add_entries(session, self.user.id, checked)
            self._after_add(session, checked, ids)
        return [e.with_changes(id=i, user_id=self.user.id) for e, i in zip(checked, ids, strict=True)]

    def _after_add(self, session: Any, entries: list[Entry], ids: list[int]) -> None:
        """Hook for areas that derive data from new entries (meal parsing). Same transaction."""

    def _after_edit(self, session: Any, entry: Entry) -> None:
        """Hook for areas that derive data from an edited entry. Same transaction."""

    def get(self, entry_id: int) -> Entry:
        """One entry; NotFoundError when it is not this person's."""
        with self.db.reading() as session:
            return store.get_entry(session, self.user.id, entry_id)

    def entries(self, *, date_from: date | None = None, date_to: date | None = None,
                kinds: list[EntryKind] | None = None, limit: int | None = None,
                newest_first: bool = False) -> list[Entry]:
        """Entries between two local dates (inclusive), oldest first."""
        start, end = day_bounds(date_from, date_to, self.tz)
        with self.db.reading() as session:
            return store.list_entries(session, self.user.id, start=start, end=end, kinds=kinds,
                                      limit=limit, newest_first=newest_first)

    def edit(self, entry_id: int, **changes: Any) -> Entry:
        """Change fields of an entry (kind, at, name, value, unit, note, quality); validated again."""
        with self.db.transaction() as session:
            current = store.get_entry(session, self.user.id, entry_id)
            updated = validate(current.with_changes(**changes))
            store.update_entry(session, self.user.id, updated)
            self._after_edit(session, updated)
        return updated

    def delete(self, entry_id: int) -> None:
        """Delete one entry (NotFoundError when it is not this person's)."""
        with self.db.transaction() as session:
            store.delete_entry(session, self.user.id, entry_id)

    def clear(self) -> int:
        """Delete every entry of this person (one transaction); return how many."""
        with self.db.transaction() as session:
            return store.delete_all_entries(session, self.user.id)

    def summary(self, *, date_from: date | None = None, date_to: date | None = None) -> DiarySummary:
        """Days logged, counts per kind, mean severity per symptom, Bristol distribution."""
        items = self.entries(date_from=date_from, date_to=date_to)
        days = {e.at.date() for e in items}
        sums: dict[str, list[float]] = {}
        stools: Counter[int] = Counter()
        for e in items:
            if e.kind is EntryKind.SYMPTOM and e.value is not None:
                sums.setdefault(e.name, []).append(e.value)
            elif e.kind is EntryKind.STOOL and e.value is not None:
                stools[int(e.value)] += 1
        return DiarySummary(
            first_day=min(days) if days else None,
            last_day=max(days) if days else None,
            days_logged=len(days),
            entries=len(items),
            by_kind=dict(Counter(e.kind.value for e in items)),
            symptom_means={k: round(sum(v) / len(v), 2) for k, v in sorted(sums.items())},
            stool_types=dict(sorted(stools.items())),
        )
