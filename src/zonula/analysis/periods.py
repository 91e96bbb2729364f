"""Rating periods: three a day, each rated "since the last prompt".

A diary day runs from 04:00 to 04:00 the next morning and has three periods:

* late morning: 04:00-13:00 (prompt around 11:30),
* late afternoon: 13:00-19:00 (prompt around 17:30),
* bedtime: 19:00-04:00 (prompt at bedtime).

A rating belongs to the period its time stamp falls in; several ratings of one symptom in a
period are averaged. Times are read as the local wall-clock time each entry carries.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Final

import numpy as np
import numpy.typing as npt

DAY_START_HOUR: Final = 4.0
#: Period starts, in hours after the diary day's 04:00 start.
PERIOD_STARTS: Final = (0.0, 9.0, 15.0)
PERIOD_ENDS: Final = (9.0, 15.0, 24.0)
PERIOD_NAMES: Final = ("late_morning", "late_afternoon", "bedtime")
PERIODS_PER_DAY: Final = 3

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


def diary_date(at: datetime) -> date:
    """The diary day an instant belongs to (days start at 04:00 local time)."""
    return (at.replace(tzinfo=None) - timedelta(hours=DAY_START_HOUR)).date()


@dataclass(frozen=True, slots=True)
class PeriodGrid:
    """The periods of a span of diary days, starting at `first_day` 04:00 local time."""

    first_day: date
    n_days: int

    @property
    def n_periods(self) -> int:
        """Number of periods (three per day)."""
        return self.n_days * PERIODS_PER_DAY

    @property
    def origin(self) -> datetime:
        """The naive local time of hour zero (first day, 04:00)."""
        return datetime.combine(self.first_day, time(int(DAY_START_HOUR)))

    def hours(self, moments: Iterable[datetime]) -> FloatArray:
        """Hours since the grid origin of each moment (local wall-clock time)."""
        origin = self.origin
        return np.array([(m.replace(tzinfo=None) - origin).total_seconds() / 3600.0 for m in moments],
                        dtype=np.float64)

    def index(self, hours: FloatArray) -> IntArray:
        """The period index of each hour; -1 before the grid, n_periods after it."""
        day = np.floor(hours / 24.0)
        within = hours - 24.0 * day
        slot = np.where(within < PERIOD_STARTS[1], 0, np.where(within < PERIOD_STARTS[2], 1, 2))
        idx = (day * PERIODS_PER_DAY + slot).astype(np.int64)
        idx[hours < 0] = -1
        idx[idx >= self.n_periods] = self.n_periods
        return idx

    def day_of(self) -> IntArray:
        """Day index of every period."""
        return np.repeat(np.arange(self.n_days, dtype=np.int64), PERIODS_PER_DAY)

    def slot_of(self) -> IntArray:
        """Slot (0 late morning, 1 late afternoon, 2 bedtime) of every period."""
        return np.tile(np.arange(PERIODS_PER_DAY, dtype=np.int64), self.n_days)

    def day_number(self, day: date) -> int:
        """Index of a diary date in the grid (may fall outside it)."""
        return (day - self.first_day).days


def grid_for(moments: Iterable[datetime], *, date_from: date | None = None,
             date_to: date | None = None) -> PeriodGrid:
    """The smallest grid covering the moments, within the given diary-date range if any.

    The range is narrowed to the days that have moments: days before a diary starts or after it
    ends are not "missing", and an absurd range (year 499 to 5169) must not build millions of periods.
    """
    days = [diary_date(m) for m in moments]
    if days:
        first = max(date_from, min(days)) if date_from else min(days)
        last = min(date_to, max(days)) if date_to else max(days)
    else:
        first = date_from or date_to or date.today()
        last = first
    if last < first:
        last = first
    return PeriodGrid(first, (last - first).days + 1)


def period_means(grid: PeriodGrid, hours: FloatArray, values: FloatArray) -> FloatArray:
    """Mean of the values falling in each period; NaN where a period has none."""
    idx = grid.index(hours)
    keep = (idx >= 0) & (idx < grid.n_periods)
    total = np.bincount(idx[keep], weights=values[keep], minlength=grid.n_periods)
    count = np.bincount(idx[keep], minlength=grid.n_periods).astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count > 0, total / np.maximum(count, 1.0), np.nan)
