"""Run-in noise: SD floor, AR(1) φ and the AR-aware variance of a block difference."""

from __future__ import annotations

import math

import numpy as np
import pytest

from zonula.protocol.noise import (
    SD_FLOOR,
    baseline_stats,
    block_difference_sd,
    decision_phi,
    effective_n,
    lag1_phi,
    mean_variance,
)


def _ar1(n: int, phi: float, sd: float, rng: np.random.Generator) -> np.ndarray:
    x = np.empty(n)
    x[0] = rng.normal(0, sd)
    innov = sd * math.sqrt(1 - phi**2)
    for i in range(1, n):
        x[i] = phi * x[i - 1] + rng.normal(0, innov)
    return x


def test_baseline_recovers_mean_sd_and_phi_of_a_long_ar1_series() -> None:
    x = 3 + _ar1(3000, 0.5, 1.5, np.random.default_rng(1))
    b = baseline_stats(list(x))
    assert b.mean == pytest.approx(3, abs=0.15)
    assert b.sd == pytest.approx(1.5, abs=0.1)
    assert b.phi == pytest.approx(0.5, abs=0.06)
    assert b.n == 3000


def test_a_steady_run_in_gets_the_sd_floor() -> None:
    assert baseline_stats([3.0] * 14).sd == SD_FLOOR


def test_missing_days_break_the_lag_pairs() -> None:
    assert lag1_phi([1.0, None, 2.0, None, 3.0, None, 1.0]) is None


def test_without_autocorrelation_a_block_difference_has_sd_over_root_two() -> None:
    assert block_difference_sd(2.0, 0.0) == pytest.approx(2.0 * math.sqrt(2 / 4))


def test_block_difference_sd_matches_a_monte_carlo_of_ar1_days() -> None:
    rng = np.random.default_rng(3)
    diffs = []
    for _ in range(4000):
        x = _ar1(10, 0.6, 1.5, rng)
        diffs.append(x[0:4].mean() - x[6:10].mean())
    assert float(np.std(diffs)) == pytest.approx(block_difference_sd(1.5, 0.6), rel=0.05)


def test_autocorrelation_inflates_the_variance_of_a_mean() -> None:
    assert mean_variance(10, 1.0, 0.5) > mean_variance(10, 1.0, 0.0) == pytest.approx(0.1)
    assert effective_n(30, 0.5) == pytest.approx(10)


def test_the_lag1_estimate_of_two_weeks_is_corrected_for_its_small_sample_bias() -> None:
    rng = np.random.default_rng(5)
    estimates = [lag1_phi(list(_ar1(14, 0.5, 1.5, rng))) for _ in range(2000)]
    got = [e for e in estimates if e is not None]
    assert 0.38 < float(np.mean(got)) < 0.62


def test_decisions_never_assume_less_than_typical_clustering() -> None:
    assert decision_phi(0.1) == 0.5
    assert decision_phi(0.7) == 0.7
