"""Doses and mechanism windows: which periods an occasion acts on, and how much."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import numpy as np
import pytest

from zonula.analysis.dose import EXPOSURE_CAP, dose, occasion_dose, portion_weight
from zonula.analysis.exposures import build_exposures
from zonula.analysis.inputs import MealOccasion
from zonula.analysis.lags import GROUP_KERNELS, kernel_for, kernel_table
from zonula.analysis.periods import PeriodGrid
from zonula.analysis.windows import DEFAULT_WINDOW, mechanism_group, window_for

CST = timezone(timedelta(hours=8))
GRID = PeriodGrid(date(2026, 1, 5), 3)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 1, day, hour, minute, tzinfo=CST)


def acting_periods(group: str, when: datetime) -> list[int]:
    ex = build_exposures(GRID, (MealOccasion(when, {group: 1.0}),), foods=[], lag_kernels=False)
    return [int(t) for t in (ex.acting[:, 0] > 0).nonzero()[0]]


def test_portion_and_level_weights_multiply() -> None:
    assert dose("small", "moderate") == pytest.approx(0.5 * 0.67)
    assert dose("large", "high") == pytest.approx(1.5)
    assert dose(None, "moderate") == pytest.approx(0.67)
    assert portion_weight("usual") == 1.0
    assert occasion_dose("large", ["high", "high"]) == 2.0  # capped


def test_a_low_level_is_a_trace_and_no_dose() -> None:
    # FOOD-GROUPS.md: "low" does not count as containing the group (hard-cheese lactose, oats)
    assert dose("large", "low") == 0.0
    assert occasion_dose("usual", ["low", "low", "low"]) == 0.0


@pytest.mark.parametrize(("group", "start", "end"), [
    ("high_fat", 0.0, 3.0), ("caffeine", 0.0, 3.0), ("spicy", 0.0, 3.0), ("lactose", 0.5, 8.0),
    ("sorbitol", 0.5, 12.0), ("mannitol", 0.5, 12.0), ("excess_fructose", 0.5, 12.0),
    ("fructans", 4.0, 36.0), ("gos", 4.0, 36.0), ("egg", 0.0, 24.0),
])
def test_each_mechanism_has_its_window(group: str, start: float, end: float) -> None:
    window = window_for(group)
    assert (window.start, window.end) == (start, end)


def test_lactose_at_half_past_twelve_acts_from_one_o_clock_to_the_evening() -> None:
    # 12:30 + 0.5 h = 13:00 (start of the afternoon), + 8 h = 20:30 (bedtime period)
    assert acting_periods("lactose", at(5, 12, 30)) == [1, 2]


def test_fructans_at_breakfast_carry_into_the_next_evening() -> None:
    # 08:00 + 4 h = 12:00 (late morning) ... + 36 h = 20:00 next day (next bedtime period)
    assert acting_periods("fructans", at(5, 8)) == [0, 1, 2, 3, 4, 5]


def test_a_fatty_dinner_acts_only_that_evening() -> None:
    assert acting_periods("high_fat", at(5, 19, 30)) == [2]


def test_exposure_is_capped_when_many_occasions_overlap() -> None:
    meals = tuple(MealOccasion(at(5, h), {"egg": 1.0}) for h in (7, 8, 9))
    ex = build_exposures(GRID, meals, foods=[])
    assert ex.acting[0, 0] == EXPOSURE_CAP
    assert ex.eaten[0, 0] == 3.0


def test_foods_take_their_mechanism_window() -> None:
    assert mechanism_group({"dairy": "high", "lactose": "high"}) == "lactose"
    assert mechanism_group({"fructans": "high", "high_fat": "high"}) == "fructans"
    assert mechanism_group({"egg": "high"}) is None
    assert window_for(None) == DEFAULT_WINDOW


def kernel_exposure(group: str, meals: tuple[MealOccasion, ...]) -> list[float]:
    ex = build_exposures(GRID, meals, foods=[])
    return [float(v) for v in ex.acting[:, 0]]


def test_lactose_at_lunch_weighs_the_afternoon_most() -> None:
    e = kernel_exposure("lactose", (MealOccasion(at(5, 12, 30), {"lactose": 1.0}),))
    assert e[1] > 0.9
    assert e[0] < 0.1
    assert e[1] > e[2] > 0.0
    assert all(v == 0.0 for v in e[3:])


def test_fructans_at_breakfast_weigh_that_evening_more_than_the_next_day() -> None:
    e = kernel_exposure("fructans", (MealOccasion(at(5, 8), {"fructans": 1.0}),))
    assert e[0] < e[1] <= e[2]
    assert e[2] > e[4] > 0.0


def test_kernel_exposure_is_the_chance_some_reaction_is_felt() -> None:
    one = kernel_exposure("lactose", (MealOccasion(at(5, 14), {"lactose": 0.5}),))
    two = kernel_exposure("lactose", (MealOccasion(at(5, 14), {"lactose": 0.5}),
                                      MealOccasion(at(5, 14, 30), {"lactose": 0.5})))
    assert two[1] == pytest.approx(1.0 - (1.0 - one[1]) ** 2, abs=0.05)
    assert max(two) <= 1.0


def test_kernel_weights_are_shares_and_reach_as_far_as_the_mechanism() -> None:
    for kernel in set(GROUP_KERNELS.values()):
        table = kernel_table(kernel)
        assert table.min() >= 0.0
        assert table.max() <= 1.0
    assert kernel_table(GROUP_KERNELS["caffeine"]).shape[1] <= 3  # own period and the next
    assert kernel_table(GROUP_KERNELS["fructans"]).shape[1] >= 6  # carries into the next day


def test_groups_without_a_brief_lag_keep_the_box_window() -> None:
    assert kernel_for("egg") is None
    e = kernel_exposure("egg", (MealOccasion(at(5, 8), {"egg": 1.0}),))
    assert e[:3] == [1.0, 1.0, 1.0]


def _daily_meals(days: range, group: str = "lactose") -> tuple[MealOccasion, ...]:
    return tuple(MealOccasion(datetime(2026, 1, 5, 12, 30, tzinfo=CST) + timedelta(days=d), {group: 1.0})
                 for d in days)


def test_an_unlogged_day_gets_the_average_logged_days_exposure() -> None:
    grid = PeriodGrid(date(2026, 1, 5), 14)
    meals = _daily_meals(range(14))
    gap = tuple(m for i, m in enumerate(meals) if i != 7)
    full = build_exposures(grid, meals, foods=[], impute_unlogged=True).acting[:, 0]
    plain = build_exposures(grid, gap, foods=[]).acting[:, 0]
    filled = build_exposures(grid, gap, foods=[], impute_unlogged=True).acting[:, 0]
    assert plain[7 * 3 + 1] == 0.0  # read as "ate nothing" without imputation
    assert filled[7 * 3 + 1] == pytest.approx(full[7 * 3 + 1], rel=1e-6)
    assert filled[: 7 * 3] == pytest.approx(full[: 7 * 3])


def test_days_before_the_diary_are_imputed_for_slow_kernels() -> None:
    grid = PeriodGrid(date(2026, 1, 5), 10)
    meals = _daily_meals(range(10), "fructans")
    plain = build_exposures(grid, meals, foods=[]).acting[:, 0]
    filled = build_exposures(grid, meals, foods=[], impute_unlogged=True).acting[:, 0]
    assert plain[0] < 0.05  # nothing eaten before the diary, as the old engine assumed
    assert filled[0] == pytest.approx(filled[3], abs=0.02)  # the first morning looks like any other


def test_few_logged_days_are_not_imputed() -> None:
    grid = PeriodGrid(date(2026, 1, 5), 10)
    meals = _daily_meals(range(3))
    plain = build_exposures(grid, meals, foods=[]).acting
    filled = build_exposures(grid, meals, foods=[], impute_unlogged=True).acting
    assert np.array_equal(plain, filled)


def test_a_meal_long_before_the_grid_does_not_act_on_its_first_period() -> None:
    grid = PeriodGrid(date(2026, 1, 10), 3)
    early = (MealOccasion(datetime(2026, 1, 5, 8, tzinfo=CST), {"fructans": 1.0}),)
    assert build_exposures(grid, early, foods=[]).acting.max() == 0.0
