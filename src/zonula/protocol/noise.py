"""A person's symptom noise from run-in data: mean, SD and AR(1) φ, and AR-aware variances."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy loads on first use: commands that never replay a plan start faster
    import numpy as np

DEFAULT_SD = 1.5
DEFAULT_PHI = 0.5
SD_FLOOR = 0.5
PHI_MAX = 0.9
#: Decisions assume at least typical IBS clustering (φ 0.5, §3): two weeks of data cannot rule it
#: out, and assuming less made confirmation over-confident in the diary simulator
#: (benchmarks/bench_protocol.py; docs/protocol.md).
PHI_FLOOR = 0.5


@dataclass(frozen=True, slots=True)
class BaselineStats:
    """Mean, within-person SD, lag-1 autocorrelation and the number of rated days behind them."""

    mean: float
    sd: float
    phi: float
    n: int

    def to_dict(self) -> dict[str, float | int]:
        """JSON-ready form."""
        return {"mean": round(self.mean, 4), "sd": round(self.sd, 4), "phi": round(self.phi, 4), "n": self.n}


def present(values: Sequence[float | None]) -> list[float]:
    """The non-missing values."""
    return [float(v) for v in values if v is not None and not math.isnan(v)]


def lag1_phi(values: Sequence[float | None]) -> float | None:
    """Bias-corrected lag-1 autocorrelation over consecutive rated days, in [0, 0.9]; None with < 4 pairs."""
    import numpy as np

    got = present(values)
    if len(got) < 3:
        return None
    mu = float(np.mean(got))
    pairs = [
        (a - mu, b - mu)
        for a, b in itertools.pairwise(values)
        if a is not None and b is not None and not (math.isnan(a) or math.isnan(b))
    ]
    var = float(np.mean([(v - mu) ** 2 for v in got]))
    if len(pairs) < 4 or var <= 0:
        return None
    r = float(np.mean([a * b for a, b in pairs])) / var
    n = len(got)
    # The lag-1 autocorrelation of a short series is biased low by about (1 + 3φ)/n; undo it.
    phi = (n * r + 1.0) / (n - 3.0) if n > 3 else r
    return min(max(phi, 0.0), PHI_MAX)


def baseline_stats(values: Sequence[float | None]) -> BaselineStats:
    """Baseline from consecutive daily scores (None = missing day), with safe defaults when thin.

    The SD has a floor of 0.5 NRS so that a very steady run-in cannot make every wobble a signal;
    φ falls back to 0.5 (a typical IBS value) when too few consecutive pairs exist.
    """
    import numpy as np

    got = present(values)
    if not got:
        return BaselineStats(mean=0.0, sd=DEFAULT_SD, phi=DEFAULT_PHI, n=0)
    mean = float(np.mean(got))
    sd = float(np.std(got, ddof=1)) if len(got) >= 3 else DEFAULT_SD
    phi = lag1_phi(values)
    return BaselineStats(mean=mean, sd=max(sd, SD_FLOOR), phi=DEFAULT_PHI if phi is None else phi, n=len(got))


def _ar_corr(offsets: Sequence[int], phi: float) -> np.ndarray:
    import numpy as np

    idx = np.asarray(offsets, dtype=float)
    return np.asarray(phi ** np.abs(idx[:, None] - idx[None, :]))


def mean_variance(n: int, sd: float, phi: float) -> float:
    """Variance of the mean of `n` consecutive days of an AR(1) series with marginal SD `sd`."""
    if n <= 0:
        return math.inf
    return float(sd**2 * _ar_corr(range(n), phi).sum() / n**2)


def decision_phi(phi: float) -> float:
    """The φ used for intervals and decisions: the estimate, but never below the typical 0.5."""
    return max(phi, PHI_FLOOR)


def block_difference_sd(sd: float, phi: float, *, block_len: int = 4, gap: int = 6) -> float:
    """SD of d = mean(block A) − mean(block B) for AR(1) days, blocks starting `gap` days apart.

    With no treatment effect the two block means are correlated through φ^gap, which this accounts for.
    """
    import numpy as np

    a = list(range(block_len))
    b = [gap + i for i in range(block_len)]
    corr = _ar_corr(a + b, phi)
    w = np.array([1.0 / block_len] * block_len + [-1.0 / block_len] * block_len)
    return float(math.sqrt(max(float(w @ corr @ w), 1e-12)) * sd)


def effective_n(n: int, phi: float) -> float:
    """The number of independent days that `n` AR(1) days are worth: n(1−φ)/(1+φ)."""
    return n * (1 - phi) / (1 + phi)
