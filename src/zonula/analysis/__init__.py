"""Suspect screening: N-of-1 statistics over a diary, pure numpy/scipy, no database."""

from zonula.analysis.inputs import MealOccasion, Measurement, Rating, ScreeningInput
from zonula.analysis.results import DataSummary, ScreeningReport, ScreeningResult, Status
from zonula.analysis.screening import screen
from zonula.analysis.settings import ENGINE_VERSION, ScreeningSettings

__all__ = [
    "ENGINE_VERSION",
    "DataSummary",
    "MealOccasion",
    "Measurement",
    "Rating",
    "ScreeningInput",
    "ScreeningReport",
    "ScreeningResult",
    "ScreeningSettings",
    "Status",
    "screen",
]
