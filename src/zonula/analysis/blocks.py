"""Fit blocks: which covariates each exposure is adjusted for, fitted and shift-tested together.

The pre-specified categories (FODMAP subgroups, caffeine, alcohol, high-fat, spicy) enter one
joint model, y = α + Σ_c β_c E_c + covariates: each category's β is read with the other
categories as covariates. Every other exposure (other groups, single foods) is read one at a
time with the covariates *and* all the categories, i.e. as an effect beyond them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from zonula.analysis.periods import FloatArray
from zonula.analysis.regression import Posterior, SlopeFit, covariate_basis, fit_slopes, posterior
from zonula.analysis.shifts import ShiftCalibration, calibrate, shifted_t


@dataclass(frozen=True, slots=True)
class BlockResult:
    """Posteriors and calibration of the tested columns, in the order given."""

    columns: list[int]
    post: Posterior
    calib: ShiftCalibration


def _fit_block(y: FloatArray, observed: np.ndarray, base: FloatArray, acting: FloatArray,
               cols: list[int], offsets: np.ndarray) -> tuple[SlopeFit, FloatArray]:
    """One basis (covariates + `base` extras) shared by `cols`: fits and shifted t's."""
    obs_y = y[observed]
    basis = covariate_basis(base)
    fit = fit_slopes(obs_y, basis, acting[observed][:, cols])
    n = y.shape[0]
    full_basis = np.zeros((n, basis.shape[1]))
    full_basis[observed] = basis
    residual = np.zeros(n)
    residual[observed] = obs_y - basis @ (basis.T @ obs_y)
    t_shift = shifted_t(residual=residual, basis=full_basis, observed=observed.astype(np.float64),
                        exposures=acting[:, cols], shifts=offsets, df=fit.df)
    return fit, t_shift


def fit_blocks(y: FloatArray, observed: np.ndarray, z: FloatArray, acting: FloatArray, *,
               primary: list[int], secondary: list[int], offsets: np.ndarray, prior_sd: float,
               margin: float) -> BlockResult:
    """Fit the joint category model and the secondary exposures, then calibrate all together.

    Args:
        y: outcome on the full grid (NaN where unrated).
        observed: rated periods.
        z: covariates of the rated periods.
        acting: exposure matrix on the full grid.
        primary: testable pre-specified category columns (fitted jointly).
        secondary: other testable columns (each beyond all categories).
        offsets: circular shifts, in periods.
        prior_sd: SD of the N(0, prior_sd²) prior on each β.
        margin: effect size of interest for P(β > margin).
    """
    acting_obs = acting[observed]
    fits: list[SlopeFit] = []
    shifts: list[FloatArray] = []
    order: list[int] = []
    for c in primary:
        others = [k for k in primary if k != c]
        base = np.column_stack([z, acting_obs[:, others]]) if others else z
        fit, t_shift = _fit_block(y, observed, base, acting, [c], offsets)
        fits.append(fit)
        shifts.append(t_shift)
        order.append(c)
    if secondary:
        base = np.column_stack([z, acting_obs[:, primary]]) if primary else z
        fit, t_shift = _fit_block(y, observed, base, acting, secondary, offsets)
        fits.append(fit)
        shifts.append(t_shift)
        order.extend(secondary)
    joined = SlopeFit(
        slope=np.concatenate([f.slope for f in fits]),
        sxx=np.concatenate([f.sxx for f in fits]),
        sigma2=np.concatenate([f.sigma2 for f in fits]),
        t=np.concatenate([f.t for f in fits]),
        df=min(f.df for f in fits),
    )
    calib = calibrate(joined.t, np.concatenate(shifts, axis=1), df=joined.df)
    post = posterior(joined, prior_sd=prior_sd, inflation=calib.inflation, margin=margin)
    return BlockResult(order, post, calib)
