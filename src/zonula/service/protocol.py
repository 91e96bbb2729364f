"""Facade: start and change a protocol plan, see today's instructions, verdicts and the sachet key."""

from __future__ import annotations

import secrets
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from zonula.domain.entries import EntryKind
from zonula.domain.safety import SafetyStatus
from zonula.domain.timeparse import plausible_day
from zonula.errors import ConflictError, FieldProblem, NotFoundError, ValidationError
from zonula.i18n import _
from zonula.service.transfer import ExtraImport, TransferMixin, content_key, section_list, section_time
from zonula.storage import protocol as store

if TYPE_CHECKING:  # the plan engine loads only when a plan is used: light commands start fast
    from zonula.protocol.events import EventKind, PlanEvent
    from zonula.protocol.sachets import SachetSheet
    from zonula.protocol.settings import Mode, PlanSettings, Suspect
    from zonula.protocol.timeline import Timeline
    from zonula.protocol.today import Today

DEFAULT_SYMPTOM = "abdominal_pain"
MAX_REASON = 1000


@dataclass(frozen=True, slots=True)
class PlanStatus:
    """A plan as of a date: its id, the replayed timeline, today's guidance and start notices."""

    plan_id: int
    timeline: Timeline
    today: Today
    notices: tuple[str, ...] = ()
    events: tuple[PlanEvent, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, with the full change log."""
        return {
            "plan_id": self.plan_id,
            **self.timeline.summary(),
            "notices": list(self.notices),
            "events": [e.to_dict() for e in self.events],
        }


class ProtocolMixin(TransferMixin):
    """Protocol plans: event-sourced, replayed against the daily main-symptom score."""

    def _extend_export(self, extra: dict[str, Any]) -> None:
        """Exports carry every plan: its creation time, full event log and last verdict snapshot."""
        super()._extend_export(extra)
        with self.db.reading() as session:
            extra["plans"] = [
                {"id": p.id, "created_at": p.created_at.isoformat(), "events": [e.to_dict() for e in p.events],
                 "verdicts": store.list_verdicts(session, p.id)}
                for p in store.all_plans(session, self.user.id)
            ]

    def _import_extra(self, session: Any, extra: dict[str, Any], *, dry_run: bool) -> ExtraImport:
        """Restore plans (key: creation time + first event); a known plan gets only its newer events."""
        out = super()._import_extra(session, extra, dry_run=dry_run)
        have = {content_key(p.created_at.isoformat(), p.events[0].to_dict()): p
                for p in store.all_plans(session, self.user.id) if p.events}
        todo: list[tuple[int | None, datetime | None, list[PlanEvent], list[Any]]] = []
        for where, item in section_list(extra, "plans", out):
            created = section_time(item, "created_at", where, out)
            events = _plan_events(item.get("events"), where, out)
            verdicts = _plan_verdicts(item.get("verdicts", []), where, out)
            if created is None or events is None or verdicts is None:
                if created is None and "created_at" not in item:
                    out.problem(where, "created_at", _("is missing"))
                continue
            mine = have.get(content_key(created.isoformat(), events[0].to_dict()))
            if mine is None:
                todo.append((None, created, events, verdicts))
                continue
            known = [e.to_dict() for e in mine.events]
            theirs = [e.to_dict() for e in events]
            if theirs[: len(known)] == known:
                if len(theirs) > len(known):
                    todo.append((mine.id, None, events[len(known):], verdicts))
            elif known[: len(theirs)] != theirs:
                out.problem(where, "events", _("this plan's log differs from the stored one; nothing was merged"))
        out.count("plans", sum(1 for t in todo if t[0] is None))
        out.count("plan_events", sum(len(t[2]) for t in todo))
        if dry_run or out.problems:
            return out
        for plan_id, created, events, verdicts in todo:
            if plan_id is None:
                plan_id = store.create_plan(session, self.user.id, events[0], created_at=created)
                events = events[1:]
            for event in events:
                store.add_event(session, plan_id, event)
            store.replace_verdicts(session, plan_id, verdicts)
        return out

    def plan_safety(self) -> SafetyStatus:
        """The safety status that gates plans: the assessment's, or no flags when none exists yet."""
        reader = getattr(self, "safety_status", None)
        status = reader() if callable(reader) else None
        return status if isinstance(status, SafetyStatus) else SafetyStatus()

    def daily_scores(
        self, symptoms: Sequence[str], *, date_from: date | None = None, date_to: date | None = None
    ) -> dict[date, float]:
        """Per local day, the mean of all ratings of the given symptoms (days without one are absent)."""
        wanted = set(symptoms)
        by_day: dict[date, list[float]] = defaultdict(list)
        for e in self.entries(date_from=date_from, date_to=date_to, kinds=[EntryKind.SYMPTOM]):
            if e.name in wanted and e.value is not None:
                by_day[e.at.date()].append(e.value)
        return {d: sum(v) / len(v) for d, v in by_day.items()}

    def usual_symptom(self, *, on: date | None = None) -> str:
        """The symptom rated most often in the 28 days up to `on` (else ever; abdominal pain when none)."""
        end = on or self.now().date()
        for since in (end - timedelta(days=28), None):
            counts = Counter(e.name for e in self.entries(date_from=since, date_to=end, kinds=[EntryKind.SYMPTOM]))
            if counts:
                return counts.most_common(1)[0][0]
        return DEFAULT_SYMPTOM

    def _plan(self) -> store.StoredPlan:
        with self.db.reading() as session:
            plan = store.latest_plan(session, self.user.id)
        if plan is None:
            raise NotFoundError(_("there is no plan yet: start one with `zonula protocol start`"))
        return plan

    def _replay(self, plan: store.StoredPlan, on: date) -> Timeline:
        first = plan.events[0].on
        until = max(on, first)
        events = [e for e in plan.events if e.on <= until]
        scores: dict[date, float | None] = dict(
            self.daily_scores(_all_symptoms(events), date_from=first, date_to=until)
        )
        from zonula.protocol.timeline import replay

        return replay(events, scores, until)

    def start_plan(
        self,
        *,
        mode: Mode | None = None,
        suspects: Sequence[Suspect] = (),
        main_symptoms: Sequence[str] = (),
        blinded: bool = False,
        supervised: bool = False,
        without_coeliac_test: bool = False,
        run_in_days: int = 14,
        elimination_days: int = 28,
        rechallenge_months: int = 3,
        on: date | None = None,
        seed: int | None = None,
    ) -> PlanStatus:
        """Start a plan (targeted mode by default) after the safety gate; ConflictError while another runs.

        Raises:
            SafetyLockError: red flags unacknowledged, supervision or coeliac testing needed first.
            ValidationError: bad settings. ConflictError: a plan is already running.
        """
        from zonula.protocol.days import Phase
        from zonula.protocol.events import EventKind, PlanEvent
        from zonula.protocol.randomise import with_recorded_order
        from zonula.protocol.safety_gate import check_safety
        from zonula.protocol.settings import Mode, PlanSettings, validate_settings

        start = plausible_day(on, today=self.now().date(), field="on") if on else self.now().date()
        with self.db.reading() as session:
            current = store.latest_plan(session, self.user.id)
        if current is not None and self._replay(current, start).last.phase is not Phase.STOPPED:
            raise ConflictError(_("a plan is already running: pause, skip or restart it instead"))
        settings = validate_settings(
            PlanSettings(
                mode=mode or Mode.TARGETED,
                seed=seed if seed is not None else secrets.randbelow(2**31),
                suspects=tuple(suspects),
                main_symptoms=tuple(main_symptoms) or (self.usual_symptom(on=start),),
                run_in_days=run_in_days,
                elimination_days=elimination_days,
                rechallenge_months=rechallenge_months,
                blinded=blinded,
                supervised=supervised,
                without_coeliac_test=without_coeliac_test,
            )
        )
        gate = check_safety(settings, self.plan_safety())
        event = PlanEvent(EventKind.STARTED, start, settings=with_recorded_order(gate.settings))
        with self.db.transaction() as session:
            plan_id = store.create_plan(session, self.user.id, event)
        status = self.plan_status(on=start)
        return PlanStatus(plan_id, status.timeline, status.today, gate.notices, status.events)

    def change_plan(
        self, kind: EventKind, *, on: date | None = None, days: int | None = None, reason: str = ""
    ) -> PlanStatus:
        """Pause, resume, extend, skip (with a reason) or restart the plan from `on` (default today)."""
        from zonula.protocol.events import EventKind, PlanEvent
        from zonula.protocol.randomise import with_recorded_order
        from zonula.protocol.safety_gate import check_safety
        from zonula.protocol.timeline import append_event

        if kind is EventKind.STARTED:
            raise ConflictError(_("use start_plan to start a plan"))
        reason = reason.strip()
        if len(reason) > MAX_REASON or "\x00" in reason:
            message = _("must be at most {n} characters, without NUL").format(n=MAX_REASON)
            raise ValidationError([FieldProblem("reason", message)])
        plan = self._plan()
        when = plausible_day(on, today=self.now().date(), field="on") if on else self.now().date()
        if when < plan.events[0].on:
            message = _("must not be before the plan started ({day})").format(day=plan.events[0].on)
            raise ValidationError([FieldProblem("on", message)])
        settings = next(e.settings for e in reversed(plan.events) if e.settings is not None)
        restart_settings = None
        if kind is EventKind.RESTARTED:
            epoch = sum(e.kind is EventKind.RESTARTED for e in plan.events) + 1
            restart_settings = with_recorded_order(check_safety(settings, self.plan_safety()).settings, epoch)
        event = PlanEvent(kind, when, settings=restart_settings, days=days, reason=reason)
        scores: dict[date, float | None] = dict(
            self.daily_scores(_all_symptoms(plan.events), date_from=plan.events[0].on, date_to=when)
        )
        append_event(plan.events, event, scores)
        with self.db.transaction() as session:
            store.add_event(session, plan.id, event)
        return self.plan_status(on=when)

    def plan_status(self, *, on: date | None = None) -> PlanStatus:
        """The plan replayed up to `on` (default today) with that day's guidance."""
        from zonula.protocol.today import today

        plan = self._plan()
        timeline = self._replay(plan, on or self.now().date())
        return PlanStatus(plan.id, timeline, today(timeline), events=plan.events)

    def current_plan_settings(self, *, on: date | None = None) -> PlanSettings | None:
        """The settings of the person's running plan as of `on` (default today); None when none runs."""
        from zonula.protocol.timeline import is_active

        with self.db.reading() as session:
            plan = store.latest_plan(session, self.user.id)
        if plan is None:
            return None
        timeline = self._replay(plan, on or self.now().date())
        return timeline.settings if is_active(timeline) else None

    def plan_events(self) -> list[PlanEvent]:
        """The plan's full change log, oldest first."""
        return list(self._plan().events)

    def plan_verdicts(self, *, on: date | None = None) -> list[dict[str, Any]]:
        """Every verdict so far (earlier runs first), stored as the plan's verdict snapshot."""
        status = self.plan_status(on=on)
        tl = status.timeline
        rows: list[tuple[int, str, str, str, dict[str, Any]]] = []
        for past in tl.history:
            rows += [(past.epoch, "reintroduction", v.group, v.outcome.value, v.to_dict()) for v in past.reintroduction]
            rows += [(past.epoch, "confirmation", v.group, v.outcome.value, v.to_dict()) for v in past.confirmation]
        epoch = tl.walker.epoch
        rows += [(epoch, "reintroduction", v.group, v.outcome.value, v.to_dict()) for v in tl.reintroduction]
        rows += [(epoch, "confirmation", v.group, v.outcome.value, v.to_dict()) for v in tl.confirmation]
        for i, row in enumerate(rows):
            source = tl.settings.source_of(row[2])
            rows[i] = (*row[:4], {**row[4], "source": source.value if source else "fodmap_subgroup"})
        with self.db.transaction() as session:
            store.replace_verdicts(session, status.plan_id, rows)
            return store.list_verdicts(session, status.plan_id)

    def plan_sachets(self, *, on: date | None = None) -> SachetSheet:
        """The blinded sachet key for a helper; ConflictError when the plan is not blinded."""
        from zonula.protocol.sachets import sachet_sheet

        status = self.plan_status(on=on)
        if not status.timeline.settings.blinded:
            raise ConflictError(_("this plan is not blinded; start it with --blinded to use sachets"))
        return sachet_sheet(status.timeline)

    def today_guidance(self, *, on: date | None = None) -> Today:
        """What to eat or avoid, the portion, what to log and what comes next for `on` (default today)."""
        return self.plan_status(on=on).today


def _plan_events(raw: Any, where: str, out: ExtraImport) -> list[PlanEvent] | None:
    """A plan's exported event log; problems when it is empty, bad, or does not start with `started`."""
    from zonula.protocol.events import EventKind, PlanEvent

    if not isinstance(raw, list) or not raw:
        out.problem(where, "events", _("is not a non-empty list of events"))
        return None
    events = []
    for i, item in enumerate(raw):
        try:
            if not isinstance(item, dict):
                raise TypeError(item)
            events.append(PlanEvent.from_dict(item))
        except (KeyError, TypeError, ValueError, ValidationError):
            out.problem(f"{where}.events[{i}]", "event", _("is not a plan event"))
            return None
    if events[0].kind is not EventKind.STARTED or events[0].settings is None:
        out.problem(f"{where}.events[0]", "kind", _("a plan's log must start with a started event"))
        return None
    return events


def _plan_verdicts(raw: Any, where: str, out: ExtraImport) -> list[tuple[int, str, str, str, dict[str, Any]]] | None:
    """A plan's exported verdict snapshot as stored rows; a problem when it is malformed."""
    rows = []
    for i, item in enumerate(raw if isinstance(raw, list) else [None]):
        try:
            detail = {k: v for k, v in item.items() if k not in ("epoch", "stage")}
            rows.append((int(item["epoch"]), str(item["stage"]), str(item["group"]), str(item["outcome"]), detail))
        except (AttributeError, KeyError, TypeError, ValueError):
            out.problem(f"{where}.verdicts[{i}]", "verdict", _("is not a verdict"))
            return None
    return rows


def _all_symptoms(events: Sequence[PlanEvent]) -> list[str]:
    """The main symptoms of every run of the plan (a restart may change them)."""
    out: list[str] = []
    for e in events:
        if e.settings is not None:
            out += [s for s in e.settings.main_symptoms if s not in out]
    return out


def suspects_from(own: Sequence[str] = (), igg: Sequence[str] = (), screening: Sequence[str] = ()) -> list[Suspect]:
    """Suspects with their source labels, from the person's list, an IgG panel or the screening."""
    from zonula.protocol.settings import Suspect, SuspectSource

    return (
        [Suspect(k, SuspectSource.OWN) for k in own]
        + [Suspect(k, SuspectSource.IGG_PANEL) for k in igg]
        + [Suspect(k, SuspectSource.SCREENING) for k in screening]
    )
