"""The service facade: everything a person can do with their diary. The CLI and web call only this.

`Diary` is one class assembled from small mixins, one per area (entries, transfer, ...), so each area
lives in its own module while callers see a single facade. The mixins import their engines (numpy,
scipy, the knowledge base, the protocol, the file formats) on first use, so short CLI commands start
fast; a long-running server calls `load_engines()` at start instead, so no request pays for imports.
"""

from __future__ import annotations

import importlib

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


# What the mixins import on first use (tests/service/test_engines.py keeps this list complete).
ENGINES = (
    "zonula.analysis", "zonula.analysis.diary_input", "zonula.analysis.dose", "zonula.analysis.serialize",
    "zonula.analysis.windows", "zonula.exporters", "zonula.importers", "zonula.knowledge",
    "zonula.knowledge.questionnaire", "zonula.protocol.days", "zonula.protocol.events", "zonula.protocol.randomise",
    "zonula.protocol.repair", "zonula.protocol.sachets", "zonula.protocol.safety_gate", "zonula.protocol.settings",
    "zonula.protocol.timeline", "zonula.protocol.today", "numpy",
)


def load_engines() -> None:
    """Import every engine the facade would otherwise import on first use (for servers, at start)."""
    for name in ENGINES:
        importlib.import_module(name)


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
    "load_engines",
    "open_diary",
    "preview_assessment",
]
