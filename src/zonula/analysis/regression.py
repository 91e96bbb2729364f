"""Vectorised per-exposure regressions: each exposure against the shared covariates.

Every exposure gets its own model y = Zγ + βE + ε. By Frisch-Waugh-Lovell, β is the slope of
the covariate-residualised outcome on the residualised exposure, so the covariate projection
is computed once and all exposures (and all circular shifts) reduce to inner products.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from zonula.analysis.periods import FloatArray
from zonula.domain.lazy_stats import stats

_TINY = 1e-9


def covariate_basis(z: FloatArray) -> FloatArray:
    """An orthonormal basis of the covariates' column space (rank-deficient columns dropped)."""
    u, s, _ = np.linalg.svd(z, full_matrices=False)
    if s.size == 0:
        return u
    keep = s > s[0] * 1e-8
    return np.ascontiguousarray(u[:, keep])


@dataclass(frozen=True, slots=True)
class SlopeFit:
    """Per-exposure least-squares slopes with their residual variance and t statistics."""

    slope: FloatArray
    sxx: FloatArray
    sigma2: FloatArray
    t: FloatArray
    df: int


def fit_slopes(y: FloatArray, basis: FloatArray, exposures: FloatArray) -> SlopeFit:
    """Slope, residual variance (REML, n - rank - 1 df) and t of every exposure column."""
    n, rank = basis.shape
    ry = y - basis @ (basis.T @ y)
    qe = basis.T @ exposures
    sxx = np.einsum("ij,ij->j", exposures, exposures) - np.einsum("ij,ij->j", qe, qe)
    sxy = exposures.T @ ry
    ok = sxx > _TINY
    safe = np.where(ok, sxx, 1.0)
    slope = np.where(ok, sxy / safe, 0.0)
    df = max(n - rank - 1, 1)
    rss = np.maximum(float(ry @ ry) - np.where(ok, sxy**2 / safe, 0.0), _TINY)
    sigma2 = rss / df
    t = np.where(ok, slope / np.sqrt(sigma2 / safe), 0.0)
    return SlopeFit(slope, np.where(ok, sxx, 0.0), sigma2, t, df)


@dataclass(frozen=True, slots=True)
class Posterior:
    """Posterior of each β under the N(0, prior_sd²) shrinkage prior (Student-t marginal)."""

    mean: FloatArray
    sd: FloatArray
    ci_low: FloatArray
    ci_high: FloatArray
    p_above: FloatArray


def posterior(fit: SlopeFit, *, prior_sd: float, inflation: FloatArray, margin: float) -> Posterior:
    """Conjugate normal update of β with σ² at its REML estimate, widened by `inflation`.

    Given σ², the likelihood of β is N(slope, σ²/sxx); the calibration factor from the circular
    shifts multiplies that variance by inflation² so that autocorrelation the model missed does
    not make us over-confident. σ²'s own uncertainty is carried by a Student-t with the
    residual degrees of freedom. `p_above` is P(β > margin).
    """
    with np.errstate(divide="ignore"):
        precision = np.where(fit.sxx > 0, fit.sxx / (fit.sigma2 * inflation**2), 0.0)
    var = 1.0 / (precision + 1.0 / prior_sd**2)
    mean = var * precision * fit.slope
    sd = np.sqrt(var)
    tq = float(stats.t.ppf(0.975, fit.df))
    p_above = stats.t.sf((margin - mean) / sd, fit.df)
    return Posterior(mean, sd, mean - tq * sd, mean + tq * sd, np.asarray(p_above, dtype=np.float64))


def benjamini_hochberg(p: FloatArray) -> FloatArray:
    """Benjamini-Hochberg adjusted p-values (q-values), monotone and capped at 1."""
    m = p.size
    if m == 0:
        return p.copy()
    order = np.argsort(p, kind="stable")
    ranked = p[order] * m / np.arange(1, m + 1)
    adjusted = np.minimum.accumulate(ranked[::-1])[::-1]
    q = np.empty(m)
    q[order] = np.minimum(adjusted, 1.0)
    return q
