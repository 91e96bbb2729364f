"""Facade: adopt and stop the article's repair steps; adherence and before/after per step."""

from __future__ import annotations

from datetime import UTC, date
from typing import TYPE_CHECKING, Any

from zonula.domain.entries import EntryKind
from zonula.errors import ConflictError, FieldProblem, NotFoundError, ValidationError
from zonula.i18n import _
from zonula.service.protocol import ProtocolMixin
from zonula.service.transfer import ExtraImport, section_date, section_list, section_time
from zonula.storage import protocol as store

if TYPE_CHECKING:  # the repair statistics load only when a step is used: light commands start fast
    from zonula.protocol.repair import ItemReport, RepairItem


class RepairMixin(ProtocolMixin):
    """Repair steps as self-measured experiments (uncontrolled, and labelled so)."""

    def _extend_export(self, extra: dict[str, Any]) -> None:
        """Exports carry every adopted repair step with its dose and dates."""
        super()._extend_export(extra)
        extra["repair_items"] = [
            {"id": i.id, "step": i.step, "dose": i.dose, "start": i.start.isoformat(),
             "stop": i.stop.isoformat() if i.stop else None,
             "recorded_at": i.recorded_at.isoformat() if i.recorded_at else None}
            for i in self.repair_items()
        ]

    def _import_extra(self, session: Any, extra: dict[str, Any], *, dry_run: bool) -> ExtraImport:
        """Restore repair steps (key: step, start, stop and dose)."""
        from zonula.protocol.repair import RepairItem, step_for

        out = super()._import_extra(session, extra, dry_run=dry_run)
        have = {(i.step, i.start, i.stop, i.dose) for i in store.list_repair_items(session, self.user.id)}
        fresh: list[RepairItem] = []
        for where, item in section_list(extra, "repair_items", out):
            start = section_date(item, "start", where, out)
            stop = section_date(item, "stop", where, out) if item.get("stop") is not None else None
            try:
                step = step_for(str(item.get("step", ""))).id
            except ValidationError as err:
                out.problems += [FieldProblem(p.field, p.message, where) for p in err.problems]
                continue
            dose = str(item.get("dose") or "")
            recorded = section_time(item, "recorded_at", where, out)
            if start is None or (item.get("stop") is not None and stop is None):
                continue
            if (step, start, stop, dose) not in have:
                have.add((step, start, stop, dose))
                fresh.append(RepairItem(step, start, dose, stop,
                                        recorded_at=recorded.replace(tzinfo=UTC) if recorded else None))
        out.count("repair_items", len(fresh))
        if not dry_run and not out.problems:
            for adopted in fresh:
                store.add_repair_item(session, self.user.id, adopted)
        return out

    def adopt_step(self, step: str, *, dose: str = "", start: date | None = None) -> RepairItem:
        """Start a repair step; ConflictError when it is already running."""
        from zonula.protocol.repair import RepairItem, step_for

        key = step_for(step).id
        with self.db.transaction() as session:
            if any(i.step == key and i.stop is None for i in store.list_repair_items(session, self.user.id)):
                raise ConflictError(_("{step} is already running").format(step=key))
            return store.add_repair_item(
                session, self.user.id, RepairItem(key, start or self.now().date(), dose.strip())
            )

    def stop_step(self, step: str, *, on: date | None = None) -> RepairItem:
        """Stop a running repair step (its history is kept)."""
        from zonula.protocol.repair import step_for

        key = step_for(step).id
        with self.db.transaction() as session:
            return store.stop_repair_item(session, self.user.id, key, on or self.now().date())

    def repair_items(self) -> list[RepairItem]:
        """Every adopted step, oldest first."""
        with self.db.reading() as session:
            return store.list_repair_items(session, self.user.id)

    def _score_symptoms(self, on: date) -> list[str]:
        try:
            settings = self._plan().events[0].settings
        except NotFoundError:
            settings = None
        return list(settings.main_symptoms) if settings else [self.usual_symptom(on=on)]

    def repair_status(self, *, on: date | None = None) -> list[ItemReport]:
        """For each adopted step: adherence, before/after change of the main symptom, caveats."""
        from zonula.protocol.repair import item_report

        items = self.repair_items()
        if not items:
            return []
        today = on or self.now().date()
        first = min(i.start for i in items)
        entries = self.entries(
            date_from=first, date_to=today, kinds=[EntryKind.SUPPLEMENT, EntryKind.PRACTICE, EntryKind.MEDICATION]
        )
        scores: dict[date, float | None] = dict(self.daily_scores(self._score_symptoms(today), date_to=today))
        return [item_report(i, entries=entries, scores=scores, today=today, others=items) for i in items]
