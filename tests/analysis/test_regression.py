"""The statistics: Benjamini-Hochberg, shrinkage posteriors, and the FFT circular shifts."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from zonula.analysis.regression import benjamini_hochberg, covariate_basis, fit_slopes, posterior
from zonula.analysis.shifts import calibrate, shift_offsets, shifted_t


def test_benjamini_hochberg_matches_a_hand_example() -> None:
    # sorted p: 0.005, 0.01, 0.03, 0.04 -> p*m/rank: 0.02, 0.02, 0.04, 0.04 (already monotone)
    q = benjamini_hochberg(np.array([0.01, 0.04, 0.03, 0.005]))
    assert q == pytest.approx([0.02, 0.04, 0.04, 0.02])


def test_benjamini_hochberg_is_monotone_and_capped() -> None:
    # sorted p: 0.01, 0.5, 0.7, 0.9 -> p*m/rank: 0.04, 1.0, 0.933, 0.9; taking the running minimum
    # from the largest down pulls 1.0 and 0.933 down to 0.9
    q = benjamini_hochberg(np.array([0.9, 0.01, 0.5, 0.7]))
    assert q == pytest.approx([0.9, 0.04, 0.9, 0.9])
    assert benjamini_hochberg(np.array([1.0, 1.0])).max() <= 1.0


def test_the_prior_shrinks_a_noisy_estimate_toward_zero() -> None:
    rng = np.random.default_rng(0)
    n = 30
    exposure = (rng.random((n, 1)) > 0.5).astype(float)
    y = 1.5 * exposure[:, 0] + rng.normal(0, 2.0, n)
    basis = covariate_basis(np.ones((n, 1)))
    fit = fit_slopes(y, basis, exposure)
    post = posterior(fit, prior_sd=1.0, inflation=np.ones(1), margin=0.5)
    assert 0 < post.mean[0] < fit.slope[0]
    assert post.ci_low[0] < post.mean[0] < post.ci_high[0]
    wider = posterior(fit, prior_sd=1.0, inflation=np.array([2.0]), margin=0.5)
    assert wider.sd[0] > post.sd[0]


def test_fft_shifts_equal_refitting_each_rolled_exposure() -> None:
    rng = np.random.default_rng(1)
    n = 60
    observed = rng.random(n) > 0.2
    z = np.column_stack([np.ones(n), rng.normal(size=n)])
    y = rng.normal(size=n)
    e = (rng.random((n, 3)) > 0.5).astype(float)
    basis = covariate_basis(z[observed])
    full = np.zeros((n, basis.shape[1]))
    full[observed] = basis
    residual = np.zeros(n)
    residual[observed] = y[observed] - basis @ (basis.T @ y[observed])
    shifts = shift_offsets(n, min_shift=9, max_shifts=5)
    fit = fit_slopes(y[observed], basis, e[observed])
    fast = shifted_t(residual=residual, basis=full, observed=observed.astype(float), exposures=e,
                     shifts=shifts, df=fit.df)
    for i, k in enumerate(shifts):
        slow = fit_slopes(y[observed], basis, np.roll(e, k, axis=0)[observed]).t
        assert fast[i] == pytest.approx(slow)


def test_shifts_keep_at_least_the_minimum_distance() -> None:
    offsets = shift_offsets(168, min_shift=9, max_shifts=1000)
    assert offsets.min() == 9 and offsets.max() == 159
    assert shift_offsets(10, min_shift=9, max_shifts=10).size == 0
    assert shift_offsets(3000, min_shift=9, max_shifts=100).size == 100


def test_calibration_widens_when_shifted_statistics_spread() -> None:
    t_obs = np.array([3.0, 3.0])
    rng = np.random.default_rng(2)
    shifted = np.column_stack([rng.normal(0, 1, 500), rng.normal(0, 2, 500)])
    calib = calibrate(t_obs, shifted, df=100)
    assert calib.inflation[0] == pytest.approx(1.0, abs=0.1)
    assert calib.inflation[1] == pytest.approx(2.0, rel=0.1)
    assert calib.p_calibrated[1] > calib.p_calibrated[0]


@given(st.lists(st.floats(min_value=0.0, max_value=1.0), min_size=1, max_size=40))
def test_bh_q_values_are_at_least_p_at_most_one_and_keep_the_order(ps: list[float]) -> None:
    p = np.array(ps)
    q = benjamini_hochberg(p)
    assert np.all(q >= p - 1e-12) and np.all(q <= 1.0)
    order = np.argsort(p, kind="stable")
    assert np.all(np.diff(q[order]) >= -1e-12)
