"""Doses: the one place where portion size and food-group level become a number."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

#: Portion weight of a meal occasion (small / usual / large).
PORTION_WEIGHTS: Final[dict[str, float]] = {"small": 0.5, "usual": 1.0, "large": 1.5}
#: Weight of a food-group level in one usual portion of a food (FOOD-GROUPS.md levels). A
#: "low" level is a trace that does not count as containing the group (FOOD-GROUPS.md), so it
#: adds no dose (screen-3; it was 0.33 before, which made oats, hard cheese and soy sauce look
#: like fructans, lactose and gluten exposures).
LEVEL_WEIGHTS: Final[dict[str, float]] = {"none": 0.0, "low": 0.0, "moderate": 0.67, "high": 1.0}
#: Largest dose one occasion contributes to a group, and largest exposure of one period.
OCCASION_DOSE_CAP: Final = 2.0
EXPOSURE_CAP: Final = 1.5


def portion_weight(portion: str | float | None) -> float:
    """The weight of a portion given as `small`/`usual`/`large` or as a number (None is usual)."""
    if portion is None:
        return 1.0
    if isinstance(portion, int | float):
        return float(portion)
    return PORTION_WEIGHTS.get(portion.strip().lower(), 1.0)


def level_weight(level: str) -> float:
    """The weight of a level; `unknown` counts as moderate (a usual portion may contain it)."""
    key = level.strip().lower()
    if key == "unknown":
        return LEVEL_WEIGHTS["moderate"]
    return LEVEL_WEIGHTS.get(key, 0.0)


def dose(portion: str | float | None, level: str) -> float:
    """Dose of one food's group at one portion: portion weight times level weight."""
    return portion_weight(portion) * level_weight(level)


def occasion_dose(portion: str | float | None, levels: Iterable[str]) -> float:
    """Dose of a group over all foods of one occasion (summed, capped at OCCASION_DOSE_CAP)."""
    total = sum(level_weight(level) for level in levels) * portion_weight(portion)
    return min(total, OCCASION_DOSE_CAP)


def capped(total: float) -> float:
    """A summed dose capped at OCCASION_DOSE_CAP."""
    return min(total, OCCASION_DOSE_CAP)
