"""Exposure matrices: the portion-weighted intake of each group and food acting in each period."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from zonula.analysis.dose import EXPOSURE_CAP
from zonula.analysis.inputs import MealOccasion
from zonula.analysis.lags import LagKernel, hour_bin, kernel_for, kernel_table
from zonula.analysis.periods import PERIOD_STARTS, PERIODS_PER_DAY, FloatArray, PeriodGrid
from zonula.analysis.windows import Window, window_for

#: Largest share of a period one occasion's reaction can be expected to cover (keeps log finite).
_MAX_SHARE = 0.999
#: Logged days needed before unlogged days are imputed with the average logged day, and the
#: days before the grid that are imputed too (the longest kernels reach two days ahead).
MIN_LOGGED_DAYS = 7
LEAD_DAYS = 2


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
                    food_windows: dict[str, str] | None = None, lag_kernels: bool = True,
                    impute_unlogged: bool = False) -> Exposures:
    """Spread each occasion's doses over the periods its mechanism acts on.

    With `lag_kernels` (the default), exposures whose mechanism has a lag kernel (`lags.py`)
    get the expected share of a reaction in each period: with q = min(1, dose) the chance an
    occasion provokes a reaction and w its kernel weight, a period's exposure is
    1 − Π(1 − q·w) over occasions (the chance some reaction is felt then, up to the reaction
    probability). Other exposures, and all with `lag_kernels=False`, use the box window: an
    occasion at hour s acts on every period overlapping [s + start, s + end] with its dose.

    With `impute_unlogged`, a day without any logged meal (a skipped diary day, or one of the
    days before the diary starts) is not read as "ate nothing": it gets the average
    contribution of the logged days (in the kernel's log scale, or the box window's dose), so
    periods after a gap are not wrongly counted as unexposed. It needs at least
    `MIN_LOGGED_DAYS` logged days.
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
    gaps = _unlogged_days(grid, at) if impute_unlogged else None
    acting = np.zeros((n_per + 1, n_exp))
    for window in sorted(set(windows), key=lambda w: (w.start, w.end)):
        cols = np.array([j for j, w in enumerate(windows) if w == window], dtype=np.int64)
        acting[:, cols] = _box_exposure(grid, at, doses[:, cols], window, gaps)
    if lag_kernels:
        kernels = [kernel_for(g) for g in groups] + [kernel_for(food_windows.get(f)) for f in foods]
        for kernel in {k for k in kernels if k is not None}:
            cols = np.array([j for j, k in enumerate(kernels) if k == kernel], dtype=np.int64)
            acting[:, cols] = _kernel_exposure(grid, at, doses[:, cols], kernel, gaps)
    eaten = np.zeros((n_per + 1, n_exp))
    idx = grid.index(at)
    keep = (idx >= 0) & (idx < n_per)
    np.add.at(eaten, idx[keep], doses[keep])
    return Exposures(names, kinds, windows, np.minimum(np.maximum(acting[:n_per], 0.0), EXPOSURE_CAP),
                     eaten[:n_per])


@dataclass(frozen=True, slots=True)
class _Gaps:
    """Days (grid day numbers, possibly negative) to impute, and the logged days averaged over."""

    unlogged: np.ndarray
    logged: np.ndarray


def _raw_period(hours: FloatArray) -> np.ndarray:
    """Period index of each hour, unclamped (negative before the grid)."""
    day = np.floor(hours / 24.0)
    within = hours - 24.0 * day
    slot = np.where(within < PERIOD_STARTS[1], 0, np.where(within < PERIOD_STARTS[2], 1, 2))
    return (day * PERIODS_PER_DAY + slot).astype(np.int64)


def _unlogged_days(grid: PeriodGrid, at: FloatArray) -> _Gaps | None:
    """Grid days (and the LEAD_DAYS before it) with no logged meal, if enough days are logged."""
    days = np.floor(at / 24.0).astype(np.int64)
    logged = np.unique(days[(days >= 0) & (days < grid.n_days)])
    if logged.size < MIN_LOGGED_DAYS:
        return None
    span = np.arange(-LEAD_DAYS, grid.n_days)
    unlogged = np.setdiff1d(span, np.unique(days))
    return _Gaps(unlogged, logged) if unlogged.size else None


def _spread(target: FloatArray, profile: FloatArray, gaps: _Gaps) -> None:
    """Add an average day's profile at every unlogged day (in place, within the grid)."""
    n = target.shape[0] - 1
    for day in gaps.unlogged:
        lo = int(day) * PERIODS_PER_DAY
        start, stop = max(lo, 0), min(lo + profile.shape[0], n)
        if start < stop:
            target[start:stop] += profile[start - lo: stop - lo]


def _box_exposure(grid: PeriodGrid, at: FloatArray, doses: FloatArray, window: Window,
                  gaps: _Gaps | None) -> FloatArray:
    """Summed doses of occasions whose window overlaps each period (grid plus overflow row)."""
    n_per = grid.n_periods
    first_raw = _raw_period(at + window.start)
    last_raw = _raw_period(at + window.end - 1e-9) + 1
    first = np.clip(first_raw, 0, n_per)
    last = np.clip(last_raw, 0, n_per)
    diff = np.zeros((n_per + 1, doses.shape[1]))
    np.add.at(diff, first, doses)
    np.add.at(diff, last, -doses)
    out: FloatArray = np.cumsum(diff, axis=0)
    if gaps is not None:
        day0 = PERIODS_PER_DAY * np.floor(at / 24.0).astype(np.int64)
        in_avg = np.isin(day0 // PERIODS_PER_DAY, gaps.logged)
        width = int(np.max(last_raw - day0)) + 1 if at.size else 0
        rel_diff = np.zeros((width + 1, doses.shape[1]))
        np.add.at(rel_diff, (first_raw - day0)[in_avg], doses[in_avg])
        np.add.at(rel_diff, (last_raw - day0)[in_avg], -doses[in_avg])
        profile = np.cumsum(rel_diff, axis=0)[:width] / gaps.logged.size
        _spread(out, profile, gaps)
    return out


def _kernel_exposure(grid: PeriodGrid, at: FloatArray, doses: FloatArray, kernel: LagKernel,
                     gaps: _Gaps | None = None) -> FloatArray:
    """1 − Π(1 − min(1, dose)·w) over occasions, on the grid plus one overflow row."""
    n_per = grid.n_periods
    table = kernel_table(kernel)
    own = _raw_period(at)
    weights = table[hour_bin(at - 24.0 * np.floor(at / 24.0))]  # (occasions, offsets)
    q = np.minimum(doses, 1.0)
    log_miss = np.zeros((n_per + 1, doses.shape[1]))
    day0 = PERIODS_PER_DAY * np.floor(at / 24.0).astype(np.int64)
    slots: list[np.ndarray] = []
    if gaps is not None:
        in_avg = np.isin(day0 // PERIODS_PER_DAY, gaps.logged)
        slots = [in_avg & (own - day0 == s) for s in range(PERIODS_PER_DAY)]
    profile = np.zeros((table.shape[1] + PERIODS_PER_DAY, doses.shape[1]))
    for r in range(table.shape[1]):
        idx = own + r
        share = np.minimum(q * weights[:, r][:, None], _MAX_SHARE)
        contrib = np.log1p(-share)
        keep = (idx >= 0) & (idx < n_per)
        if keep.any():
            np.add.at(log_miss, idx[keep], contrib[keep])
        for s, rows in enumerate(slots):
            profile[r + s] += contrib[rows].sum(axis=0)
    if gaps is not None:
        _spread(log_miss, profile / gaps.logged.size, gaps)
    out: FloatArray = 1.0 - np.exp(log_miss)
    return out
