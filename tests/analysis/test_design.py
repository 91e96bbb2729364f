"""The outcome model: AR(1) errors by quasi-differencing, covariates, and progress reports."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import numpy as np
import pytest

from zonula.analysis import Rating, ScreeningInput, screen
from zonula.analysis.design import build_design, filter_exposures
from zonula.analysis.periods import PeriodGrid

CST = timezone(timedelta(hours=8))


def ar_ratings(phi: float, days: int, seed: int) -> ScreeningInput:
    rng = np.random.default_rng(seed)
    start = datetime(2026, 1, 5, tzinfo=CST)
    x = 0.0
    ratings = []
    for d in range(days):
        for h in (11.5, 17.5, 22.5):
            x = phi * x + rng.normal(0, 1)
            ratings.append(Rating(start + timedelta(days=d, hours=h), "bloating", 4 + x))
    return ScreeningInput(ratings=tuple(ratings))


@pytest.mark.parametrize("phi", [0.2, 0.6])
def test_the_ar1_coefficient_is_recovered(phi: float) -> None:
    data = ar_ratings(phi, 200, seed=1)
    design = build_design(PeriodGrid(date(2026, 1, 5), 200), data, "bloating")
    assert design.phi == pytest.approx(phi, abs=0.08)
    assert design.covariate_names[-1] == "previous_missing"


def test_exposures_are_quasi_differenced_like_the_outcome() -> None:
    acting = np.array([[1.0], [1.0], [0.0], [2.0]])
    # circular, like the shifts: the first period is differenced against the last
    assert filter_exposures(acting, 0.5)[:, 0].tolist() == [0.0, 0.5, -0.5, 2.0]
    assert filter_exposures(acting, 0.0) is acting


def test_the_lagged_outcome_model_keeps_the_previous_rating_as_a_covariate() -> None:
    data = ar_ratings(0.5, 30, seed=2)
    design = build_design(PeriodGrid(date(2026, 1, 5), 30), data, "bloating", ar_errors=False)
    assert design.phi == 0.0
    assert "previous_rating" in design.covariate_names
    col = design.covariate_names.index("previous_rating")
    assert design.z[1:, col] == pytest.approx(design.y[:-1])


def test_screen_reports_progress_per_symptom() -> None:
    data = ar_ratings(0.3, 20, seed=3)
    more = ScreeningInput(ratings=data.ratings + tuple(Rating(r.at, "gas", 2.0) for r in data.ratings))
    calls: list[tuple[int, int]] = []
    screen(more, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 2), (2, 2)]


def test_an_ar3_model_finds_yesterdays_same_time_of_day_and_filters_exposures_alike() -> None:
    rng = np.random.default_rng(3)
    start = datetime(2026, 1, 5, tzinfo=CST)
    noise = rng.normal(0, 1, 600)
    x = np.zeros(600)
    for t in range(600):
        x[t] = noise[t] + (0.5 * x[t - 3] if t >= 3 else 0.0)
    ratings = tuple(Rating(start + timedelta(days=t // 3, hours=(11.5, 17.5, 22.5)[t % 3]), "bloating",
                           4 + float(x[t])) for t in range(600))
    design = build_design(PeriodGrid(date(2026, 1, 5), 200), ScreeningInput(ratings=ratings), "bloating",
                          ar_order=3)
    assert len(design.filter) == 3
    assert design.filter[2] == pytest.approx(0.5, abs=0.1)
    assert abs(design.filter[0]) < 0.1
    acting = np.array([[1.0], [0.0], [0.0], [2.0]])
    assert filter_exposures(acting, (0.0, 0.0, 0.5))[:, 0].tolist() == [1.0, 0.0, -1.0, 1.5]  # circular


def test_the_design_keeps_the_ratings_themselves_for_the_reverse_check() -> None:
    data = ar_ratings(0.6, 30, 4)
    grid = PeriodGrid(date(2026, 1, 5), 30)
    design = build_design(grid, data, "bloating")
    assert design.ratings is not None
    assert design.ratings[:3] == pytest.approx([r.value for r in data.ratings[:3]])
    assert not np.allclose(design.y, design.ratings)  # y is quasi-differenced
