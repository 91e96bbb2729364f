"""Lag kernels: how much of each rating period a reaction to one eating occasion is expected to cover.

A box window ("any intake 4-36 h before") spreads a reaction that lasts one or two periods over
up to six, which dilutes its effect. The brief (§2.3 onset, §3 "Onset lag" and "Reaction
duration") gives, per mechanism, a lognormal onset (median and 90 % interval) and a duration.
For an occasion at hour s, the weight of a period [a, b) is the expected share of a reaction
felt there: E_L[min(1, overlap([s + L, s + L + D], [a, b)) / FULL_OVERLAP_H)], averaged over
onset quantiles. It is a fixed, pre-specified distributed lag (a Gasparrini-style lag curve
whose shape comes from the brief, not from the diary), so it costs no degrees of freedom.

Weights depend only on the occasion's hour within its diary day, so each kernel is tabulated
once over quarter-hour bins and relative period offsets.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Final

import numpy as np
from scipy import stats

from zonula.analysis.periods import PERIOD_ENDS, PERIOD_STARTS, PERIODS_PER_DAY, FloatArray

#: zonula assumption: a reaction felt for at least this long in a period counts in full
#: (ratings are "since the last prompt", so a short bout is remembered).
FULL_OVERLAP_H: Final = 1.0
#: Onset quantiles averaged over, and hour-of-day bins per hour.
_QUANTILES: Final = 40
_BINS_PER_HOUR: Final = 4


@dataclass(frozen=True, slots=True)
class LagKernel:
    """Lognormal onset (median, 90 % interval, hours) and reaction duration (hours)."""

    median: float
    low: float
    high: float
    duration: float

    def __post_init__(self) -> None:
        if not 0.0 < self.low <= self.median <= self.high or self.duration <= 0.0:
            raise ValueError(f"bad lag kernel {self}")

    def onsets(self) -> FloatArray:
        """Onset hours at the mid-quantiles of the lognormal."""
        sigma = np.log(self.high / self.low) / (2.0 * 1.645)
        probs = (np.arange(_QUANTILES) + 0.5) / _QUANTILES
        return np.asarray(self.median * np.exp(sigma * stats.norm.ppf(probs)), dtype=np.float64)


#: §3 "Onset lag" (medians are the brief's assumptions within the §2.3 ranges) and "Reaction
#: duration": lactose/polyols 6 h, fructans/GOS 18 h. zonula assumption: fat, caffeine and
#: spice last 3 h (§2.3 "hours"). Gluten/wheat (§2.3: hours to days, analyse in daily or weekly
#: blocks) keep the 0-24 h box: a days-long kernel leaves no unexposed period in a wheat eater.
LACTOSE_KERNEL: Final = LagKernel(1.5, 0.5, 4.0, 6.0)
OSMOTIC_KERNEL: Final = LagKernel(3.0, 0.5, 10.0, 6.0)
FERMENTED_KERNEL: Final = LagKernel(10.0, 3.0, 30.0, 18.0)
FAST_KERNEL: Final = LagKernel(0.5, 0.1, 2.0, 3.0)

GROUP_KERNELS: Final[dict[str, LagKernel]] = {
    "lactose": LACTOSE_KERNEL,
    "sorbitol": OSMOTIC_KERNEL,
    "mannitol": OSMOTIC_KERNEL,
    "excess_fructose": OSMOTIC_KERNEL,
    "fructans": FERMENTED_KERNEL,
    "gos": FERMENTED_KERNEL,
    "high_fat": FAST_KERNEL,
    "caffeine": FAST_KERNEL,
    "spicy": FAST_KERNEL,
}


def kernel_for(group: str | None) -> LagKernel | None:
    """The lag kernel of a group, None when the brief gives none (the box window is used)."""
    return GROUP_KERNELS.get(group) if group is not None else None


@cache
def kernel_table(kernel: LagKernel) -> FloatArray:
    """Weights, shape (hour-of-day bins, relative periods): bin = occasion hour after 04:00 × 4.

    Column r is the period r after the occasion's own period.
    """
    onsets = kernel.onsets()
    reach = float(onsets.max()) + kernel.duration + 24.0
    days = int(np.ceil(reach / 24.0)) + 1
    starts = np.array([24.0 * d + s for d in range(days) for s in PERIOD_STARTS])
    ends = np.array([24.0 * d + e for d in range(days) for e in PERIOD_ENDS])
    bins = 24 * _BINS_PER_HOUR
    hours = (np.arange(bins) + 0.5) / _BINS_PER_HOUR
    on = hours[:, None] + onsets[None, :]  # (bins, quantiles)
    off = on + kernel.duration
    overlap = np.minimum(off[:, :, None], ends[None, None, :]) - np.maximum(on[:, :, None], starts[None, None, :])
    weight = np.clip(overlap / FULL_OVERLAP_H, 0.0, 1.0).mean(axis=1)  # (bins, periods)
    own = np.searchsorted(np.array(PERIOD_STARTS), hours, side="right") - 1
    width = days * PERIODS_PER_DAY
    table = np.zeros((bins, width))
    for b in range(bins):
        table[b, : width - own[b]] = weight[b, own[b]:]
    last = int(np.max(np.flatnonzero(table.max(axis=0) > 1e-6))) + 1
    return np.ascontiguousarray(table[:, :last])


def hour_bin(hours_in_day: FloatArray) -> np.ndarray:
    """The kernel-table bin of hours after the diary day's 04:00 start."""
    return np.clip((hours_in_day * _BINS_PER_HOUR).astype(np.int64), 0, 24 * _BINS_PER_HOUR - 1)
