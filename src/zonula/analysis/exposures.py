"""Exposure matrices: the portion-weighted intake of each group and food acting in each period."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from zonula.analysis.dose import EXPOSURE_CAP
from zonula.analysis.inputs import MealOccasion
from zonula.analysis.periods import FloatArray, PeriodGrid
from zonula.analysis.windows import Window, window_for


class ExposureKind(StrEnum):
    """Whether an exposure is a food group or a single food."""

    GROUP = "group"
    FOOD = "food"


@dataclass(frozen=True, slots=True)
class Exposures:
    """Exposure columns over a period grid.

    `acting[t, c]` is the dose of exposure c whose mechanism window overlaps period t (summed
    over occasions, capped at EXPOSURE_CAP); `eaten[t, c]` is the dose eaten *during* period t,
    used by the reverse-causation check.
    """

    names: tuple[str, ...]
    kinds: tuple[ExposureKind, ...]
    windows: tuple[Window, ...]
    acting: FloatArray
    eaten: FloatArray


def choose_foods(meals: tuple[MealOccasion, ...], *, min_occasions: int, max_foods: int) -> list[str]:
    """The most often eaten foods (at least `min_occasions` occasions, at most `max_foods`)."""
    counts: Counter[str] = Counter()
    for meal in meals:
        counts.update(food for food, d in meal.foods.items() if d > 0)
    frequent = [(food, n) for food, n in counts.items() if n >= min_occasions]
    frequent.sort(key=lambda item: (-item[1], item[0]))
    return [food for food, _ in frequent[:max_foods]]


def build_exposures(grid: PeriodGrid, meals: tuple[MealOccasion, ...], *, foods: list[str],
                    food_windows: dict[str, str] | None = None) -> Exposures:
    """Spread each occasion's doses over the periods its mechanism window overlaps.

    An occasion at hour s acts on every period overlapping [s + start, s + end] of the window.
    """
    food_windows = food_windows or {}
    groups = sorted({g for meal in meals for g, d in meal.groups.items() if d > 0})
    names = tuple(groups) + tuple(foods)
    kinds = (ExposureKind.GROUP,) * len(groups) + (ExposureKind.FOOD,) * len(foods)
    windows = tuple(window_for(g) for g in groups) + tuple(window_for(food_windows.get(f)) for f in foods)
    n_occ, n_exp, n_per = len(meals), len(names), grid.n_periods
    doses = np.zeros((n_occ, n_exp))
    column = {name: j for j, name in enumerate(groups)}
    food_column = {name: len(groups) + j for j, name in enumerate(foods)}
    for i, meal in enumerate(meals):
        for g, d in meal.groups.items():
            if g in column:
                doses[i, column[g]] = d
        for f, d in meal.foods.items():
            if f in food_column:
                doses[i, food_column[f]] = d
    at = grid.hours(meal.at for meal in meals)
    acting = np.zeros((n_per + 1, n_exp))
    for window in sorted(set(windows), key=lambda w: (w.start, w.end)):
        cols = np.array([j for j, w in enumerate(windows) if w == window], dtype=np.int64)
        first = np.clip(grid.index(at + window.start), 0, n_per)
        last = np.clip(grid.index(at + window.end - 1e-9), -1, n_per - 1) + 1
        diff = np.zeros((n_per + 1, cols.size))
        np.add.at(diff, first, doses[:, cols])
        np.add.at(diff, last, -doses[:, cols])
        acting[:, cols] = np.cumsum(diff, axis=0)
    eaten = np.zeros((n_per + 1, n_exp))
    idx = grid.index(at)
    keep = (idx >= 0) & (idx < n_per)
    np.add.at(eaten, idx[keep], doses[keep])
    return Exposures(names, kinds, windows, np.minimum(np.maximum(acting[:n_per], 0.0), EXPOSURE_CAP),
                     eaten[:n_per])
