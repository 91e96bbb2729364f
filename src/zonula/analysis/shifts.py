"""Circular-shift calibration: how far the t statistics spread when exposure timing is scrambled.

Shifting an exposure series around the calendar keeps its own autocorrelation (habits,
leftovers) and that of the symptoms, but breaks any real timing link. If the model's t
statistics spread wider than N(0, 1) under such shifts, the model under-states its
uncertainty; the spread becomes an inflation factor for p-values and posteriors.

All shifts of all exposures are done at once with FFT cross-correlations on the full period grid
(missing periods contribute zeros), reusing the covariate projection of `regression`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from zonula.analysis.periods import FloatArray
from zonula.domain.lazy_stats import stats

_TINY = 1e-9


@dataclass(frozen=True, slots=True)
class ShiftCalibration:
    """Per exposure: inflation factor (≥ 1), calibrated and permutation p-values, shift count.

    `p_calibrated` compares the exposure's standardised statistic z = t / inflation with the
    pooled null of every exposure's standardised shifted statistics, so heavy tails that
    clustered eating causes are carried into the p-value; `p_perm` is the exposure's own
    one-sided circular-shift p-value (coarse: at least 1/(shifts + 1)).
    """

    inflation: FloatArray
    p_calibrated: FloatArray
    p_perm: FloatArray
    n_shifts: int


def shift_offsets(n_periods: int, *, min_shift: int, max_shifts: int) -> np.ndarray:
    """Shifts (in periods) of at least `min_shift` either way, at most `max_shifts` of them."""
    if n_periods < 2 * min_shift + 1:
        return np.zeros(0, dtype=np.int64)
    all_shifts = np.arange(min_shift, n_periods - min_shift + 1, dtype=np.int64)
    if all_shifts.size <= max_shifts:
        return all_shifts
    picks = np.unique(np.linspace(0, all_shifts.size - 1, max_shifts).round().astype(np.int64))
    return all_shifts[picks]


def shifted_t(*, residual: FloatArray, basis: FloatArray, observed: FloatArray, exposures: FloatArray,
              shifts: np.ndarray, df: int) -> FloatArray:
    """t statistics of every exposure under every circular shift, shape (shifts, exposures).

    Arguments live on the full grid: `residual` is the covariate-residualised outcome and `basis`
    the orthonormal covariate basis, both zero where unobserved; `observed` is 0/1.
    """
    n = residual.shape[0]
    fe = np.fft.rfft(exposures, axis=0)
    conj = np.conj(fe)
    sxy = np.fft.irfft(conj * np.fft.rfft(residual)[:, None], n=n, axis=0)[shifts]
    see = np.fft.irfft(np.conj(np.fft.rfft(exposures**2, axis=0)) * np.fft.rfft(observed)[:, None],
                       n=n, axis=0)[shifts]
    fq = np.fft.rfft(basis, axis=0)
    qe2 = np.zeros_like(sxy)
    for j in range(basis.shape[1]):
        qe = np.fft.irfft(conj * fq[:, j][:, None], n=n, axis=0)[shifts]
        qe2 += qe * qe
    sxx = see - qe2
    ok = sxx > _TINY
    safe = np.where(ok, sxx, 1.0)
    rss = np.maximum(float(residual @ residual) - np.where(ok, sxy**2 / safe, 0.0), _TINY)
    return np.where(ok, (sxy / safe) / np.sqrt(rss / df / safe), 0.0)


def calibrate(t_observed: FloatArray, t_shifted: FloatArray, *, df: int) -> ShiftCalibration:
    """Inflation = RMS of each exposure's shifted t's (floored at 1), then calibrated p-values.

    The calibrated p-value is the larger of the Student-t tail of z = t / inflation and the
    pooled empirical tail of the shifted z's; with no shifts it is the plain t tail.
    """
    n_shifts = t_shifted.shape[0]
    if n_shifts == 0:
        ones = np.ones_like(t_observed)
        p_t = np.asarray(stats.t.sf(t_observed, df), dtype=np.float64)
        return ShiftCalibration(ones, p_t, ones, 0)
    inflation = np.maximum(1.0, np.sqrt(np.mean(t_shifted**2, axis=0)))
    z = t_observed / inflation
    null = np.sort((t_shifted / inflation[None, :]).ravel())
    exceed = null.size - np.searchsorted(null, z, side="left")
    p_pooled = (1.0 + exceed) / (1.0 + null.size)
    p_t = np.asarray(stats.t.sf(z, df), dtype=np.float64)
    p_perm = (1.0 + np.sum(t_shifted >= t_observed[None, :], axis=0)) / (n_shifts + 1.0)
    return ShiftCalibration(inflation, np.maximum(p_pooled, p_t), p_perm, n_shifts)
