"""The outcome and the covariates of the per-person model, period by period."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from zonula.analysis.inputs import Measurement, Rating, ScreeningInput
from zonula.analysis.periods import FloatArray, PeriodGrid, diary_date, period_means

COVARIATE_NAMES = (
    "intercept", "previous_rating", "previous_missing", "earlier_ratings", "late_afternoon", "bedtime",
    "stress", "sleep", "menses", "nsaid",
)


@dataclass(frozen=True, slots=True)
class Design:
    """Outcome `y` (NaN where unrated) and covariates `z` for every period of the grid."""

    y: FloatArray
    observed: np.ndarray
    z: FloatArray
    covariate_names: tuple[str, ...]


def _daily_mean(grid: PeriodGrid, items: Sequence[Measurement]) -> FloatArray:
    total = np.zeros(grid.n_days)
    count = np.zeros(grid.n_days)
    for item in items:
        d = grid.day_number(diary_date(item.at))
        if 0 <= d < grid.n_days:
            total[d] += item.value
            count[d] += 1
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count > 0, total / np.maximum(count, 1), np.nan)


def _centred(values: FloatArray) -> FloatArray:
    if np.all(np.isnan(values)):
        return np.zeros_like(values)
    return np.nan_to_num(values - np.nanmean(values), nan=0.0)


def _day_flags(grid: PeriodGrid, days: frozenset[date], *, ahead: int, behind: int) -> FloatArray:
    """1 on days within `behind` days after or `ahead` days before any listed day."""
    flags = np.zeros(grid.n_days)
    for day in days:
        for shift in range(-behind, ahead + 1):
            d = grid.day_number(day - timedelta(days=shift))
            if 0 <= d < grid.n_days:
                flags[d] = 1.0
    return flags


def symptom_outcome(grid: PeriodGrid, ratings: Sequence[Rating], symptom: str) -> FloatArray:
    """Mean rating of one symptom in each period (NaN where unrated)."""
    mine = [r for r in ratings if r.key == symptom]
    hours = grid.hours(r.at for r in mine)
    return period_means(grid, hours, np.array([r.value for r in mine], dtype=np.float64))


def build_design(grid: PeriodGrid, data: ScreeningInput, symptom: str) -> Design:
    """Outcome and covariates: previous rating, time of day, stress, sleep, menses, NSAID.

    A missing previous rating is filled with the person's mean and flagged; missing stress and
    sleep are filled with the mean (centred to 0). Menses covers the two days before and the
    days of bleeding; NSAID covers the day taken and the next day.
    """
    y = symptom_outcome(grid, data.ratings, symptom)
    observed = ~np.isnan(y)
    mean = float(np.nanmean(y)) if observed.any() else 0.0
    prev = np.concatenate(([np.nan], y[:-1]))
    prev_missing = np.isnan(prev).astype(np.float64)
    prev = np.where(np.isnan(prev), mean, prev)
    # Two and three periods back (the rest of the last 24 h) pin down the day-level symptom
    # state better than one lag alone; missing ones take the mean.
    back = np.concatenate(([np.nan, np.nan], y[:-2]))[: grid.n_periods]
    back3 = np.concatenate(([np.nan, np.nan, np.nan], y[:-3]))[: grid.n_periods]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        earlier = np.nanmean(np.column_stack([back, back3]), axis=1)
    earlier = np.where(np.isnan(earlier), mean, earlier)
    slot = grid.slot_of()
    day = grid.day_of()
    stress = _centred(_daily_mean(grid, data.stress))[day]
    sleep = _centred(_daily_mean(grid, data.sleep))[day]
    menses = _day_flags(grid, data.menstruation_days, ahead=2, behind=0)[day]
    nsaid = _day_flags(grid, data.nsaid_days, ahead=0, behind=1)[day]
    columns = [np.ones(grid.n_periods), prev, prev_missing, earlier, (slot == 1).astype(np.float64),
               (slot == 2).astype(np.float64), stress, sleep, menses, nsaid]
    return Design(y, observed, np.column_stack(columns), COVARIATE_NAMES)
