"""Rating periods: boundaries at 04:00, 13:00 and 19:00, averaging inside a period."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import numpy as np

from zonula.analysis.periods import PeriodGrid, diary_date, grid_for, period_means

CST = timezone(timedelta(hours=8))


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 1, day, hour, minute, tzinfo=CST)


def test_periods_split_the_day_at_four_thirteen_and_nineteen() -> None:
    grid = PeriodGrid(date(2026, 1, 5), 3)
    moments = [at(5, 4), at(5, 12, 59), at(5, 13), at(5, 18, 59), at(5, 19), at(6, 3, 59), at(6, 4)]
    assert grid.index(grid.hours(moments)).tolist() == [0, 0, 1, 1, 2, 2, 3]


def test_a_rating_after_midnight_belongs_to_the_previous_diary_day() -> None:
    assert diary_date(at(6, 2, 30)) == date(2026, 1, 5)
    assert diary_date(at(6, 4, 0)) == date(2026, 1, 6)


def test_ratings_in_one_period_are_averaged_and_empty_periods_are_missing() -> None:
    grid = PeriodGrid(date(2026, 1, 5), 1)
    hours = grid.hours([at(5, 10), at(5, 11), at(5, 22)])
    means = period_means(grid, hours, np.array([2.0, 5.0, 7.0]))
    assert means[0] == 3.5
    assert np.isnan(means[1])
    assert means[2] == 7.0


def test_the_grid_keeps_to_the_days_that_have_data_within_the_asked_range() -> None:
    tz = timezone(timedelta(hours=8))
    moments = [datetime(2026, 3, d, 12, tzinfo=tz) for d in (5, 9, 20)]
    absurd = grid_for(moments, date_from=date(499, 8, 10), date_to=date(5169, 9, 10))
    assert (absurd.first_day, absurd.n_days) == (date(2026, 3, 5), 16)
    inside = grid_for(moments, date_from=date(2026, 3, 8), date_to=date(2026, 3, 10))
    assert (inside.first_day, inside.n_days) == (date(2026, 3, 8), 3)
    empty = grid_for([], date_from=date(499, 8, 10), date_to=date(5169, 9, 10))
    assert (empty.first_day, empty.n_days) == (date(499, 8, 10), 1)

