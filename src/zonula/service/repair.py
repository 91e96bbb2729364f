"""Facade: adopt and stop the article's repair steps; adherence and before/after per step."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING, Any

from zonula.domain.entries import Entry, EntryKind
from zonula.domain.timeparse import localise, not_future, plausible_day
from zonula.errors import ConflictError, FieldProblem, NotFoundError, ValidationError
from zonula.i18n import _
from zonula.service.protocol import ProtocolMixin
from zonula.service.transfer import ExtraImport, section_date, section_list, section_time
from zonula.storage import protocol as store

if TYPE_CHECKING:  # the repair statistics load only when a step is used: light commands start fast
    from zonula.protocol.repair import ItemReport, RepairItem

MAX_DOSE = 200


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
            # The same limits as adopting and stopping a step by hand: plausible days, stop not
            # before start, a dose that fits its column.
            problems = self._repair_item_problems(start, stop, dose)
            if problems:
                out.problems += [FieldProblem(p.field, p.message, where) for p in problems]
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

    def _repair_item_problems(self, start: date, stop: date | None, dose: str) -> list[FieldProblem]:
        """What is wrong with a repair step's dates and dose, adopted or restored (empty when nothing)."""
        today = self.now().date()
        problems: list[FieldProblem] = []
        for field, day in (("start", start), ("stop", stop)):
            if day is None:
                continue
            try:
                plausible_day(day, today=today, field=field)
            except ValidationError as err:
                problems += err.problems
        if not problems and stop is not None and stop < start:
            problems.append(FieldProblem("stop", _("must not be before the step's start ({start})")
                                         .format(start=start.isoformat())))
        if len(dose) > MAX_DOSE or "\x00" in dose:
            problems.append(FieldProblem("dose", _("must be at most {n} characters, without NUL").format(n=MAX_DOSE)))
        return problems

    def adopt_step(self, step: str, *, dose: str = "", start: date | None = None) -> RepairItem:
        """Start a repair step; ConflictError when it is already running."""
        from zonula.protocol.repair import RepairItem, step_for

        key = step_for(step).id
        first = start or self.now().date()
        dose = dose.strip()
        problems = self._repair_item_problems(first, None, dose)
        if problems:
            raise ValidationError(problems)
        with self.db.transaction() as session:
            if any(i.step == key and i.stop is None for i in store.list_repair_items(session, self.user.id)):
                raise ConflictError(_("{step} is already running").format(step=key))
            return store.add_repair_item(
                session, self.user.id, RepairItem(key, first, dose)
            )

    def stop_step(self, step: str, *, on: date | None = None) -> RepairItem:
        """Stop a running repair step (its history is kept)."""
        from zonula.protocol.repair import step_for

        key = step_for(step).id
        when = plausible_day(on, today=self.now().date(), field="on") if on else self.now().date()
        with self.db.transaction() as session:
            running = [i for i in store.list_repair_items(session, self.user.id) if i.step == key and i.stop is None]
            if running and when < running[-1].start:
                raise ValidationError([FieldProblem("on", _("must not be before the step's start ({start})")
                                                    .format(start=running[-1].start.isoformat()))])
            return store.stop_repair_item(session, self.user.id, key, when)

    def log_step_done(self, step: str, *, on: date | None = None) -> Entry:
        """Log that a running supplement or practice step was done on `on` (default now); adherence counts it.

        The entry is the supplement (named so the step recognises it, the dose as its note) or the practice.

        Raises:
            ValidationError: an unknown step, a step the diary follows by itself (NSAIDs, the elimination
                diet), or a day in the future.
            ConflictError: the step is not running on that day.
        """
        from zonula.protocol.repair import Tracking, step_for

        found = step_for(step)
        if not found.loggable:
            raise ValidationError([FieldProblem("step", _("{step} is followed from the diary and the plan; "
                                                          "there is nothing to log").format(step=found.name()))])
        now = self.now()
        day = now.date()
        if on:
            day = not_future(plausible_day(on, today=day, field="on"), today=day, field="on")
        running = [i for i in self.repair_items()
                   if i.step == found.id and i.start <= day and (i.stop is None or day < i.stop)]
        if not running:
            raise ConflictError(_("{step} is not running on {day}").format(step=found.name(), day=day.isoformat()))
        at = now if day == now.date() else localise(datetime.combine(day, time(12)), self.tz)
        if found.tracking is Tracking.SUPPLEMENT:
            return self.add(Entry(EntryKind.SUPPLEMENT, at, name=found.name_en, note=running[-1].dose))
        return self.add(Entry(EntryKind.PRACTICE, at, name=found.practices[0].value, note=running[-1].dose))

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
