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

_TINY = 1e-9


@dataclass(frozen=True, slots=True)
class ShiftCalibration:
    """Per exposure: inflation factor (≥ 1), permutation p-value, and the number of shifts."""

    inflation: FloatArray
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


def calibrate(t_observed: FloatArray, t_shifted: FloatArray) -> ShiftCalibration:
    """Inflation = RMS of the shifted t's (floored at 1); one-sided permutation p-value."""
    n_shifts = t_shifted.shape[0]
    if n_shifts == 0:
        ones = np.ones_like(t_observed)
        return ShiftCalibration(ones, ones, 0)
    inflation = np.maximum(1.0, np.sqrt(np.mean(t_shifted**2, axis=0)))
    p_perm = (1.0 + np.sum(t_shifted >= t_observed[None, :], axis=0)) / (n_shifts + 1.0)
    return ShiftCalibration(inflation, p_perm, n_shifts)
