"""The service facade: everything a person can do with their diary. The CLI and web call only this.

`Diary` is one class assembled from small mixins, one per area (entries, transfer, ...), so each area
lives in its own module while callers see a single facade.
"""

from __future__ import annotations

from zonula.config import Settings
from zonula.service.analysis import AnalysisMixin
from zonula.service.assessments import (
    AssessmentsMixin,
    SavedAssessment,
    assessment_questions,
    learn,
    preview_assessment,
)
from zonula.service.core import DiaryBase, open_diary_for
from zonula.service.entries import DiarySummary, EntriesMixin
from zonula.service.erasure import ErasureMixin
from zonula.service.foods import FoodsMixin, MealExposure
from zonula.service.protocol import PlanStatus, ProtocolMixin
from zonula.service.repair import RepairMixin
from zonula.service.transfer import ImportReport, TransferMixin


class Diary(ErasureMixin, AnalysisMixin, FoodsMixin, RepairMixin, ProtocolMixin, AssessmentsMixin, TransferMixin,
            EntriesMixin, DiaryBase):
    """A person's diary over one store: `Diary(db, user)`; every write is one transaction."""


def open_diary(settings: Settings, username: str | None = None) -> Diary:
    """Open the store in `settings` and the diary of `username` (the settings' user by default)."""
    db, user = open_diary_for(settings, username)
    diary = Diary(db, user)
    diary.reparse_stale()  # meals logged before a lexicon update get the new parse
    return diary


__all__ = [
    "Diary",
    "DiaryBase",
    "DiarySummary",
    "ImportReport",
    "MealExposure",
    "PlanStatus",
    "SavedAssessment",
    "assessment_questions",
    "learn",
    "open_diary",
    "preview_assessment",
]
