"""The outcome and the covariates of the per-person model, period by period."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from zonula.analysis.daynoise import DayTransform, day_transform
from zonula.analysis.inputs import Measurement, Rating, ScreeningInput
from zonula.analysis.periods import FloatArray, PeriodGrid, diary_date, period_means

_BASE = ("intercept", "late_afternoon", "bedtime", "stress", "sleep", "menses", "nsaid")
AR_COVARIATES = (*_BASE, "previous_missing")
LAGGED_COVARIATES = (*_BASE, "previous_rating", "previous_missing", "earlier_ratings")


@dataclass(frozen=True, slots=True)
class Design:
    """Outcome `y` (NaN where unrated) and covariates `z` for every period of the grid.

    `phi` is the AR(1) coefficient used to quasi-difference them (0 for the lagged-outcome
    model); exposures must be filtered with the same `phi` (`filter_exposures`).
    """

    y: FloatArray
    observed: np.ndarray
    z: FloatArray
    covariate_names: tuple[str, ...]
    phi: float = 0.0
    phis: tuple[float, ...] = ()
    #: the period ratings themselves (NaN where unrated), before any quasi-differencing
    ratings: FloatArray | None = None
    #: the day-level noise transform (`noise="days"`), applied to exposures instead of the AR filter
    days: DayTransform | None = None

    @property
    def filter(self) -> tuple[float, ...]:
        """The AR coefficients exposures must be quasi-differenced with (lag 1 first)."""
        return self.phis or (self.phi,)

    def transform(self, acting: FloatArray) -> FloatArray:
        """Exposures transformed like the outcome (day-level transform or AR filter)."""
        if self.days is not None:
            return self.days.apply(acting)
        return filter_exposures(acting, self.filter)


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


def build_design(grid: PeriodGrid, data: ScreeningInput, symptom: str, *,
                 ar_errors: bool = True, ar_order: int = 1, noise: str = "ar1") -> Design:
    """Outcome and covariates: time of day, stress, sleep, menses, NSAID, and autocorrelation.

    With `ar_errors` (the default) the model is y_t = α + βE_t + covariates + u_t with AR(1)
    errors u_t = φ u_{t-1} + ε_t, fitted by quasi-differencing (Cochrane-Orcutt): the outcome
    becomes y_t − φ̂ y_{t−1} and every covariate and exposure X_t becomes X_t − φ̂ X_{t−1}. This
    is the lagged-outcome model φ·y_{t−1} with the common-factor restriction, so a reaction that
    lasts several periods is credited to the food rather than absorbed by φ. A missing previous
    rating is replaced by its covariate prediction and flagged. With `ar_order` p > 1 the errors
    are AR(p) (Yule-Walker on the covariate-model residuals): y_t − Σ_j φ_j y_{t−j}, which with
    p = 3 also reaches the same time of day on the previous day.

    Without it, the plain lagged-outcome model is used: previous rating (mean-filled, flagged)
    and the mean of the two ratings before it as covariates.

    With `noise="days"` the errors are a daily AR(1) level plus period noise instead, and the
    outcome, covariates and exposures are transformed by `daynoise.DayTransform`.

    Missing stress and sleep are filled with the mean (centred to 0). Menses covers the two days
    before and the days of bleeding; NSAID covers the day taken and the next day.
    """
    y = symptom_outcome(grid, data.ratings, symptom)
    observed = ~np.isnan(y)
    slot = grid.slot_of()
    day = grid.day_of()
    base = np.column_stack([
        np.ones(grid.n_periods), (slot == 1).astype(np.float64), (slot == 2).astype(np.float64),
        _centred(_daily_mean(grid, data.stress))[day], _centred(_daily_mean(grid, data.sleep))[day],
        _day_flags(grid, data.menstruation_days, ahead=2, behind=0)[day],
        _day_flags(grid, data.nsaid_days, ahead=0, behind=1)[day],
    ])
    if noise == "days" and observed.sum() >= 4:
        coef, *_ = np.linalg.lstsq(base[observed], y[observed], rcond=None)
        days = day_transform(np.nan_to_num(y - base @ coef), observed, day, grid.n_days)
        y_days = np.where(observed, days.apply(np.nan_to_num(y)[:, None])[:, 0], np.nan)
        return Design(y_days, observed, days.apply(base), _BASE, 0.0, (), y, days)
    prev_obs = np.concatenate(([False], observed[:-1]))
    prev_missing = (~prev_obs).astype(np.float64)
    if ar_errors and ar_order > 1:
        phis, fitted = _ar_phis(y, observed, base, ar_order)
        y_star = y.copy()
        z_star = base.copy()
        for j, c in enumerate(phis, start=1):
            lag_obs = np.concatenate((np.zeros(j, dtype=bool), observed[:-j]))
            lag_y = np.concatenate((np.zeros(j), np.nan_to_num(y[:-j])))
            lag_fit = np.concatenate((np.full(j, fitted[0]), fitted[:-j]))
            y_star = y_star - c * np.where(lag_obs, lag_y, lag_fit)
            z_star = z_star - c * np.roll(base, j, axis=0)
        return Design(y_star, observed, np.column_stack([z_star, prev_missing]), AR_COVARIATES,
                      phis[0], tuple(phis), y)
    if ar_errors:
        phi, fitted = _ar1_phi(y, observed, base)
        prev = np.where(prev_obs, np.concatenate(([0.0], np.nan_to_num(y[:-1]))),
                        np.concatenate(([fitted[0]], fitted[:-1])))
        y_star = y - phi * prev
        z_star = base - phi * np.roll(base, 1, axis=0)
        return Design(y_star, observed, np.column_stack([z_star, prev_missing]), AR_COVARIATES, phi, (), y)
    mean = float(np.nanmean(y)) if observed.any() else 0.0
    prev = np.concatenate(([np.nan], y[:-1]))
    prev = np.where(np.isnan(prev), mean, prev)
    back = np.concatenate(([np.nan, np.nan], y[:-2]))[: grid.n_periods]
    back3 = np.concatenate(([np.nan, np.nan, np.nan], y[:-3]))[: grid.n_periods]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        earlier = np.nanmean(np.column_stack([back, back3]), axis=1)
    earlier = np.where(np.isnan(earlier), mean, earlier)
    z = np.column_stack([base, prev, prev_missing, earlier])
    return Design(y, observed, z, LAGGED_COVARIATES, 0.0, (), y)


def _ar1_phi(y: FloatArray, observed: np.ndarray, base: FloatArray) -> tuple[float, FloatArray]:
    """Lag-1 autocorrelation of the covariate-model residuals (clipped to 0-0.95), and the fit."""
    if observed.sum() < 4:
        return 0.0, np.full(y.shape, float(np.nanmean(y)) if observed.any() else 0.0)
    coef, *_ = np.linalg.lstsq(base[observed], y[observed], rcond=None)
    fitted = base @ coef
    resid = np.where(observed, y - fitted, 0.0)
    pairs = observed[1:] & observed[:-1]
    if pairs.sum() < 3:
        return 0.0, fitted
    num = float(np.sum(resid[1:][pairs] * resid[:-1][pairs]))
    den = float(np.sum(resid[:-1][pairs] ** 2))
    phi = num / den if den > 0 else 0.0
    return float(np.clip(phi, 0.0, 0.95)), fitted


def _ar_phis(y: FloatArray, observed: np.ndarray, base: FloatArray, order: int) -> tuple[list[float], FloatArray]:
    """Yule-Walker AR(order) coefficients of the covariate-model residuals, and the fit.

    Autocovariances use the pairs where both periods are rated; falls back to AR(1) when the
    solution is not stationary or the data are too few.
    """
    phi1, fitted = _ar1_phi(y, observed, base)
    if observed.sum() < 10 * order:
        return [phi1], fitted
    resid = np.where(observed, y - fitted, 0.0)
    gamma = np.zeros(order + 1)
    for j in range(order + 1):
        pairs = observed[j:] & observed[: observed.size - j]
        if pairs.sum() < 3:
            return [phi1], fitted
        gamma[j] = float(np.mean(resid[j:][pairs] * resid[: resid.size - j][pairs]))
    if gamma[0] <= 0:
        return [phi1], fitted
    toeplitz = np.array([[gamma[abs(i - k)] for k in range(order)] for i in range(order)])
    try:
        phis = np.linalg.solve(toeplitz, gamma[1:])
    except np.linalg.LinAlgError:
        return [phi1], fitted
    roots = np.roots(np.concatenate(([1.0], -phis)))
    if np.any(np.abs(roots) >= 0.98):
        return [phi1], fitted
    return [float(c) for c in phis], fitted


def filter_exposures(acting: FloatArray, phi: float | Sequence[float]) -> FloatArray:
    """Quasi-difference exposures to match the outcome: E_t − Σ_j φ_j E_{t−j} (circular, see shifts)."""
    coefs = (float(phi),) if isinstance(phi, int | float) else tuple(phi)
    if not any(coefs):
        return acting
    out = acting.copy()
    for j, c in enumerate(coefs, start=1):
        out = out - c * np.roll(acting, j, axis=0)
    return out
