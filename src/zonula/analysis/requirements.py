"""Data summary and the minimum data still needed before the screen can say much."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from zonula.analysis.design import symptom_outcome
from zonula.analysis.inputs import ScreeningInput
from zonula.analysis.notes import KEEP_LOGGING, LOG_MORE_DAYS, RATE_MORE_OFTEN, Note
from zonula.analysis.periods import PeriodGrid
from zonula.analysis.results import DataSummary
from zonula.analysis.settings import ScreeningSettings

_RATED_SHARE = 0.8


def summarise(grid: PeriodGrid, data: ScreeningInput, symptoms: Sequence[str]) -> DataSummary:
    """Days, rated days and periods, meals and ratings inside the grid."""
    rated = np.zeros(grid.n_periods, dtype=bool)
    for key in symptoms:
        rated |= ~np.isnan(symptom_outcome(grid, data.ratings, key))
    rated_days = len(set(grid.day_of()[rated].tolist()))
    meal_idx = grid.index(grid.hours(m.at for m in data.meals))
    rating_idx = grid.index(grid.hours(r.at for r in data.ratings if r.key in symptoms))
    return DataSummary(days=grid.n_days, rated_days=rated_days, missing_days=grid.n_days - rated_days,
                       periods=grid.n_periods, rated_periods=int(rated.sum()),
                       meals=_inside(grid, meal_idx), ratings=_inside(grid, rating_idx),
                       symptoms=tuple(symptoms),
                       main_symptoms=tuple(k for k in data.main_symptoms if k in symptoms),
                       believed=tuple(sorted(data.believed)))


def _inside(grid: PeriodGrid, idx: np.ndarray) -> int:
    return int(np.sum((idx >= 0) & (idx < grid.n_periods)))


def data_needed(summary: DataSummary, settings: ScreeningSettings) -> tuple[Note, ...]:
    """What to log next: more days, more ratings per day, or simply keep going."""
    notes: list[Note] = []
    per_day = summary.rated_periods / summary.rated_days if summary.rated_days else 0.0
    if summary.rated_days < settings.min_days:
        ratings = 2 if per_day < 2 else 3
        more = settings.min_days - summary.rated_days
        notes.append(Note(LOG_MORE_DAYS, {"days": more, "ratings": ratings}))
    elif summary.rated_days < settings.recommended_days:
        notes.append(Note(KEEP_LOGGING, {"days": settings.recommended_days}))
    share = summary.rated_days / summary.days if summary.days else 0.0
    if summary.days and share < _RATED_SHARE:
        notes.append(Note(RATE_MORE_OFTEN, {"share": round(100 * share)}))
    return tuple(notes)
