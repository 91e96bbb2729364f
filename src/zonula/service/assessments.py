"""Facade: take and store assessments, compare them, acknowledge red flags, and the safety status."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from zonula.domain.safety import SafetyStatus
from zonula.errors import ConflictError
from zonula.i18n import _
from zonula.service.transfer import (
    ExtraImport,
    TransferMixin,
    content_key,
    section_date,
    section_list,
    section_object,
    section_time,
)
from zonula.storage import assessments as store

if TYPE_CHECKING:  # the knowledge base (YAML) loads only when an assessment is used: light commands start fast
    from zonula.knowledge import AssessmentChange, AssessmentResult, KnowledgeItem, RedFlagAck
    from zonula.knowledge.questionnaire import Question


@dataclass(frozen=True, slots=True)
class SavedAssessment:
    """An assessment as stored: its id and day, the answers given, and the result."""

    id: int
    taken_on: date
    recorded_at: datetime
    version: int
    answers: dict[str, object]
    result: AssessmentResult


def _saved(record: store.AssessmentRecord) -> SavedAssessment:
    from zonula.knowledge import AssessmentResult

    return SavedAssessment(record.id, record.taken_on, record.recorded_at, record.version,
                           record.answers, AssessmentResult.from_dict(record.result))


def learn(topic: str | None = None) -> tuple[KnowledgeItem, ...]:
    """The knowledge-base items about a topic (a part of the article, an id or a name); all by default."""
    from zonula.knowledge import knowledge_base

    kb = knowledge_base()
    return kb.search(topic) if topic else kb.items


def assessment_questions() -> tuple[Question, ...]:
    """The assessment's questions, in asking order."""
    from zonula.knowledge.questionnaire import questionnaire

    return questionnaire().questions


def preview_assessment(answers: Mapping[str, object]) -> AssessmentResult:
    """Score answers without storing anything; ValidationError names every bad field."""
    from zonula.knowledge import assess

    return assess(answers)


class AssessmentsMixin(TransferMixin):
    """Assessments, red-flag acknowledgements and the safety status that gates diet tools."""

    def _extend_export(self, extra: dict[str, Any]) -> None:
        """Exports carry every assessment (answers and result) and every acknowledgement."""
        super()._extend_export(extra)
        extra["assessments"] = [
            {"id": s.id, "taken_on": s.taken_on.isoformat(), "recorded_at": s.recorded_at.isoformat(),
             "version": s.version, "answers": s.answers, "result": s.result.to_dict()}
            for s in self.assessment_history()
        ]
        with self.db.reading() as session:
            extra["red_flag_acks"] = [
                {"acknowledged_on": a.acknowledged_on.isoformat(), "red_flags": list(a.red_flags),
                 "recorded_at": a.recorded_at.isoformat() if a.recorded_at else None}
                for a in store.list_acks(session, self.user.id)
            ]

    def _import_extra(self, session: Any, extra: dict[str, Any], *, dry_run: bool) -> ExtraImport:
        """Restore assessments (key: day + content hash) and acknowledgements (key: day + flags)."""
        from zonula.knowledge import AssessmentResult

        out = super()._import_extra(session, extra, dry_run=dry_run)
        have = {content_key(r.taken_on.isoformat(), r.version, r.answers, r.result)
                for r in store.list_assessments(session, self.user.id)}
        fresh: list[tuple[date, datetime | None, int, dict[str, Any], AssessmentResult]] = []
        for where, item in section_list(extra, "assessments", out):
            on, recorded = section_date(item, "taken_on", where, out), section_time(item, "recorded_at", where, out)
            answers, raw = section_object(item, "answers", where, out), item.get("result")
            try:
                result = AssessmentResult.from_dict(raw) if isinstance(raw, dict) else None
            except (KeyError, TypeError, ValueError):
                result = None
            if result is None:
                out.problem(where, "result", _("is not an assessment result"))
            if on is None or result is None or answers is None:
                continue
            key = content_key(on.isoformat(), result.version, answers, result.to_dict())
            if key not in have:
                have.add(key)
                fresh.append((on, recorded, result.version, answers, result))
        acks = {(a.acknowledged_on, a.red_flags) for a in store.list_acks(session, self.user.id)}
        new_acks: list[tuple[date, tuple[str, ...], datetime | None]] = []
        for where, item in section_list(extra, "red_flag_acks", out):
            on, flags = section_date(item, "acknowledged_on", where, out), item.get("red_flags")
            recorded = section_time(item, "recorded_at", where, out)
            if not isinstance(flags, list) or not all(isinstance(f, str) for f in flags):
                out.problem(where, "red_flags", _("is not a list of red-flag ids"))
            elif on is not None and (on, tuple(flags)) not in acks:
                acks.add((on, tuple(flags)))
                new_acks.append((on, tuple(flags), recorded))
        out.count("assessments", len(fresh))
        out.count("red_flag_acks", len(new_acks))
        if dry_run or out.problems:
            return out
        for on, recorded, version, answers, result in fresh:
            store.add_assessment(session, self.user.id, taken_on=on, version=version, answers=answers,
                                 score=result.score, result=result.to_dict(), recorded_at=recorded)
        for on, flags, recorded in new_acks:  # the link to the assessment row is not exported; the flags are
            store.add_ack(session, self.user.id, assessment_id=None, on=on, red_flags=flags, recorded_at=recorded)
        return out

    def save_assessment(self, answers: Mapping[str, object], *, on: date | None = None) -> SavedAssessment:
        """Validate answers, build the result and store both with the day; nothing stored on error."""
        from zonula.knowledge import assess, questionnaire

        result = assess(answers)
        clean = {k: list(v) if isinstance(v, tuple) else v
                 for k, v in questionnaire().validate(answers).items()}
        with self.db.transaction() as session:
            record = store.add_assessment(
                session, self.user.id, taken_on=on or self.now().date(), version=result.version,
                answers=clean, score=result.score, result=result.to_dict())
        return _saved(record)

    def assessment_history(self) -> list[SavedAssessment]:
        """Every stored assessment, oldest first."""
        with self.db.reading() as session:
            return [_saved(r) for r in store.list_assessments(session, self.user.id)]

    def assessment(self, assessment_id: int) -> SavedAssessment:
        """One stored assessment; NotFoundError when it is not this person's."""
        with self.db.reading() as session:
            return _saved(store.get_assessment(session, self.user.id, assessment_id))

    def latest_assessment(self) -> SavedAssessment | None:
        """The most recent assessment, or None before the first."""
        history = self.assessment_history()
        return history[-1] if history else None

    def assessment_changes(self) -> list[tuple[SavedAssessment, SavedAssessment, AssessmentChange]]:
        """Each assessment compared with the one before it (score change, causes added/removed)."""
        from zonula.knowledge import compare

        history = self.assessment_history()
        return [(a, b, compare(a.result, b.result)) for a, b in pairwise(history)]

    def acknowledge_red_flags(self, *, on: date | None = None) -> RedFlagAck:
        """Record that the person has seen, or will see, a doctor about the latest red flags.

        Raises ConflictError when there is no assessment or it raised no red flag.
        """
        from zonula.knowledge import RedFlagAck

        latest = self.latest_assessment()
        if latest is None:
            raise ConflictError(_("there is no assessment yet: run `zonula assess` first"))
        if not latest.result.red_flags:
            raise ConflictError(_("the latest assessment raised no red flags; there is nothing to acknowledge"))
        with self.db.transaction() as session:
            ack = store.add_ack(session, self.user.id, assessment_id=latest.id, on=on or self.now().date(),
                                red_flags=latest.result.red_flags)
        return RedFlagAck(ack.acknowledged_on, ack.red_flags)

    def red_flag_acks(self) -> list[RedFlagAck]:
        """Every acknowledgement, oldest first."""
        from zonula.knowledge import RedFlagAck

        with self.db.reading() as session:
            return [RedFlagAck(a.acknowledged_on, a.red_flags) for a in store.list_acks(session, self.user.id)]

    def safety_status(self) -> SafetyStatus:
        """What the latest assessment and the acknowledgements say about diet-tool safety."""
        from zonula.knowledge import build_safety_status

        latest = self.latest_assessment()
        return build_safety_status(latest.result if latest else None, self.red_flag_acks())
