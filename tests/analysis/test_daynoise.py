"""Day-level noise: variance components from residuals and the approximately whitening transform."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from tests.analysis.test_design import ar_ratings
from zonula.analysis import ScreeningSettings
from zonula.analysis.daynoise import day_transform
from zonula.analysis.design import build_design
from zonula.analysis.periods import PeriodGrid
from zonula.errors import ConfigError


def daily_level_series(days: int, seed: int, *, sd_day: float = 1.2, sd_period: float = 0.6,
                       rho: float = 0.5) -> np.ndarray:
    rng = np.random.default_rng(seed)
    level = np.zeros(days)
    for d in range(days):
        level[d] = (rho * level[d - 1] if d else 0.0) + rng.normal(0, sd_day * np.sqrt(1 - rho**2))
    return np.repeat(level, 3) + rng.normal(0, sd_period, 3 * days)


def test_the_daily_level_and_its_autocorrelation_are_recovered() -> None:
    y = daily_level_series(2000, 1)
    n = y.size
    t = day_transform(y - y.mean(), np.ones(n, dtype=bool), np.repeat(np.arange(2000), 3), 2000)
    assert t.rho == pytest.approx(0.5, abs=0.1)
    # λ = sqrt((σe²/3) / (σd²(1 − ρ²) + (σe²/3)(1 + ρ²))) with σd 1.2, σe 0.6, ρ 0.5
    expected = np.sqrt(0.12 / (1.44 * 0.75 + 0.12 * 1.25))
    assert float(np.median(t.scale)) == pytest.approx(expected, rel=0.2)


def test_the_transform_whitens_a_daily_level_series() -> None:
    y = daily_level_series(400, 2)
    n = y.size
    t = day_transform(y - y.mean(), np.ones(n, dtype=bool), np.repeat(np.arange(400), 3), 400)
    w = t.apply((y - y.mean())[:, None])[:, 0]
    raw_lag1 = np.corrcoef(y[1:], y[:-1])[0, 1]
    white_lag1 = np.corrcoef(w[1:], w[:-1])[0, 1]
    assert raw_lag1 > 0.5
    assert abs(white_lag1) < 0.25


def test_a_constant_exposure_has_no_within_day_part() -> None:
    days = np.repeat(np.arange(10), 3)
    t = day_transform(np.random.default_rng(3).normal(size=30), np.ones(30, dtype=bool), days, 10)
    out = t.apply(np.ones((30, 1)))
    assert np.allclose(out[3:], out[3, 0])  # the same value every day after the first


def test_the_days_noise_model_transforms_outcome_and_exposures_alike() -> None:
    data = ar_ratings(0.6, 40, 5)
    grid = PeriodGrid(date(2026, 1, 5), 40)
    design = build_design(grid, data, "bloating", noise="days")
    assert design.days is not None
    acting = np.random.default_rng(1).random((grid.n_periods, 2))
    assert np.allclose(design.transform(acting), design.days.apply(acting))
    assert design.ratings is not None and np.isnan(design.y).sum() == np.isnan(design.ratings).sum()


def test_an_unknown_noise_model_is_refused() -> None:
    with pytest.raises(ConfigError):
        ScreeningSettings(noise="garch")
