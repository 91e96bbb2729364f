"""Day-level noise: a daily symptom level (AR(1) across days) plus period noise, approximately whitened.

Symptoms share a level within a day: in §3's continuous score most of the variance is a daily
AR(1) level, and ratings of the same day differ by period noise. A period-level AR(1) filter
does not match that structure. Here the covariate-model residuals give the variance components
(within-day covariance = σ_d², covariance one day apart = ρσ_d², the rest σ_e²), and every
series X is transformed as

    T(X)_t = (X_t − X̄_day(t)) + λ_day(t) (X̄_day(t) − ρ X̄_day(t)−1),

the within-day deviations (variance σ_e² (1 − 1/m)) plus the AR-filtered day means scaled to the
same noise level: λ = sqrt((σ_e²/m) / (σ_d² (1 − ρ²) + (σ_e²/m)(1 + ρ²))), m the day's rated
periods. It is the random-effects (quasi-demeaning) estimator with AR(1) days, an approximation
to the full GLS that stays a fixed linear transform, so exposures are transformed once and the
circular-shift calibration shifts the transformed series as it does the AR(1)-filtered ones.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from zonula.analysis.periods import FloatArray

#: Floors of the variance components, as shares of the residual variance (keep λ finite).
_MIN_SHARE = 0.05


@dataclass(frozen=True, slots=True)
class DayTransform:
    """The transform T of a person's period grid (see the module docstring)."""

    day: np.ndarray
    observed: np.ndarray
    counts: FloatArray
    rho: float
    scale: FloatArray

    def apply(self, values: FloatArray) -> FloatArray:
        """T applied to each column of `values` (periods × columns); day means use rated periods."""
        n_days = self.counts.shape[0]
        if values.shape[1] == 0:
            return values.copy()
        rated = np.where(self.observed[:, None], values, 0.0)
        if rated.shape[0] % n_days == 0 and np.array_equal(self.day, np.repeat(np.arange(n_days),
                                                                                rated.shape[0] // n_days)):
            sums = rated.reshape(n_days, -1, rated.shape[1]).sum(axis=1)
        else:
            sums = np.zeros((n_days, values.shape[1]))
            np.add.at(sums, self.day, rated)
        means = sums / np.maximum(self.counts, 1.0)[:, None]
        had = np.concatenate(([False], self.counts[:-1] > 0))
        previous = np.vstack([means[:1], means[:-1]])
        between = means - self.rho * np.where(had[:, None], previous, means)
        out: FloatArray = values - means[self.day] + (self.scale[:, None] * between)[self.day]
        return out


def day_transform(residual: FloatArray, observed: np.ndarray, day: np.ndarray, n_days: int) -> DayTransform:
    """Estimate σ_d², ρ and σ_e² from covariate-model residuals (moments) and build T."""
    r = np.where(observed, residual, 0.0)
    counts = np.bincount(day, weights=observed.astype(np.float64), minlength=n_days).astype(np.float64)
    sums = np.bincount(day, weights=r, minlength=n_days)
    squares = np.bincount(day, weights=r * r, minlength=n_days)
    total = float(np.sum(squares))
    n = float(np.sum(counts))
    variance = total / n if n > 0 else 1.0
    pairs = float(np.sum(counts * (counts - 1)))
    within = float(np.sum(sums**2 - squares)) / pairs if pairs > 0 else 0.0
    adjacent = float(np.sum(counts[1:] * counts[:-1]))
    across = float(np.sum(sums[1:] * sums[:-1])) / adjacent if adjacent > 0 else 0.0
    sd2 = max(within, _MIN_SHARE * variance)
    se2 = max(variance - sd2, _MIN_SHARE * variance)
    rho = float(np.clip(across / sd2, 0.0, 0.95))
    m = np.maximum(counts, 1.0)
    scale = np.sqrt((se2 / m) / (sd2 * (1.0 - rho**2) + (se2 / m) * (1.0 + rho**2)))
    return DayTransform(day, observed, counts, rho, scale)
