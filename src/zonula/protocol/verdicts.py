"""Challenge verdicts: reintroduction Δ rules; sequential Bayes and a randomisation test for confirmation."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from zonula.domain.lazy_stats import stats
from zonula.protocol.groups import PORTION_ORDER, PortionLevel
from zonula.protocol.noise import present

TOLERATED_DELTA = 0.5
TRIGGER_DELTA = 1.0
TRIGGER_RISE = 0.30
SPIKE_SDS = 2.0
RAISED_DAY = 1.0

THRESHOLD_THETA = 0.5
DECIDE_PROB = 0.90
PRIOR_SD = 1.0
MIN_CYCLES = 2
MAX_CYCLES = 4


class ReintroductionOutcome(StrEnum):
    """What one open, escalating reintroduction says."""

    TOLERATED = "tolerated"
    POSSIBLE_TRIGGER = "possible_trigger"
    UNCLEAR_REPEAT = "unclear_repeat"


class ConfirmationOutcome(StrEnum):
    """What the randomised confirmation says (or that it is still running)."""

    LIKELY_TRIGGER = "likely_trigger"
    LIKELY_TOLERATED = "likely_tolerated"
    INCONCLUSIVE_AT_THIS_DOSE = "inconclusive_at_this_dose"
    IN_PROGRESS = "in_progress"


@dataclass(frozen=True, slots=True)
class ReintroductionVerdict:
    """The result of one reintroduction, with the numbers behind it."""

    group: str
    outcome: ReintroductionOutcome
    delta: float | None
    baseline: float | None
    highest_tolerated: PortionLevel | None
    reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "group": self.group,
            "outcome": self.outcome.value,
            "delta": None if self.delta is None else round(self.delta, 3),
            "baseline": None if self.baseline is None else round(self.baseline, 3),
            "highest_tolerated": None if self.highest_tolerated is None else self.highest_tolerated.value,
            "reason": self.reason,
        }


def _mean(values: Sequence[float | None]) -> float | None:
    import numpy as np

    got = present(values)
    return float(np.mean(got)) if got else None


def _highest_tolerated(days: Sequence[float | None], base: float, sd: float, lag: int) -> PortionLevel | None:
    """The highest portion eaten before the first clearly raised day, allowing for a `lag`-day delay."""
    limit = base + max(RAISED_DAY, sd)
    for i, v in enumerate(days):
        if v is not None and v > limit:
            top = i - 1 - lag
            return PORTION_ORDER[min(top, 2)] if top >= 0 else None
    return PortionLevel.HIGH


def reintroduction_verdict(
    group: str,
    *,
    before: Sequence[float | None],
    challenge: Sequence[float | None],
    follow_up: Sequence[float | None],
    sd: float,
    lag: int = 0,
) -> ReintroductionVerdict:
    """Score one reintroduction (rules of evidence-and-methods §2.7 Stage 4).

    Δ = mean(challenge days + follow-up days) − mean(the 3 baseline days before). `tolerated` if
    Δ < 0.5 and no day above baseline + 2 SD; `possible_trigger` if Δ ≥ 1.0 or a rise of ≥ 30 %;
    otherwise `unclear_repeat`. Too few ratings also give `unclear_repeat`.

    Args:
        group: the group's key.
        before: scores of the 3 days before the first challenge day.
        challenge: scores of the 3 challenge days (low, moderate, high portion).
        follow_up: scores of the follow-up days.
        sd: the person's day-to-day SD from the run-in.
        lag: days a reaction may lag the dose (1 for fructans and GOS) when finding the tolerated dose.
    """
    base = _mean(before)
    days = [*challenge, *follow_up]
    after = _mean(days)
    rated_before, rated_after = len(present(before)), len(present(days))
    if base is None or after is None or rated_before < 2 or rated_after < math.ceil(len(days) / 2):
        return ReintroductionVerdict(
            group, ReintroductionOutcome.UNCLEAR_REPEAT, None, base, None, reason="missing_ratings"
        )
    delta = after - base
    spike = any(v is not None and v > base + SPIKE_SDS * sd for v in days)
    top = _highest_tolerated(days, base, sd, lag)
    if delta < TOLERATED_DELTA and not spike:
        return ReintroductionVerdict(group, ReintroductionOutcome.TOLERATED, delta, base, PortionLevel.HIGH)
    rise = delta / base if base > 0 else math.inf
    if delta >= TRIGGER_DELTA or (delta > 0 and rise >= TRIGGER_RISE):
        return ReintroductionVerdict(group, ReintroductionOutcome.POSSIBLE_TRIGGER, delta, base, top, reason="rise")
    return ReintroductionVerdict(
        group,
        ReintroductionOutcome.UNCLEAR_REPEAT,
        delta,
        base,
        top if top is not PortionLevel.HIGH else None,
        reason="small_rise",
    )


def block_difference(food: Sequence[float | None], control: Sequence[float | None]) -> float | None:
    """d = mean(food block + next day) − mean(control block + next day); None if a block is unrated."""
    f, c = _mean(food), _mean(control)
    if f is None or c is None or len(present(food)) < 2 or len(present(control)) < 2:
        return None
    return f - c


def posterior(d: Sequence[float], sigma_d: float, *, prior_sd: float = PRIOR_SD) -> tuple[float, float]:
    """Posterior mean and SD of θ given block differences d_k ~ N(θ, σ_d²) and θ ~ N(0, prior_sd²)."""
    precision = 1.0 / prior_sd**2 + len(d) / sigma_d**2
    mean = (sum(d) / sigma_d**2) / precision
    return mean, math.sqrt(1.0 / precision)


def prob_above(d: Sequence[float], sigma_d: float, threshold: float = THRESHOLD_THETA) -> float:
    """Posterior P(θ > threshold)."""
    m, s = posterior(d, sigma_d)
    return float(stats.norm.sf(threshold, loc=m, scale=s))  # scipy is untyped


def randomisation_p(d: Sequence[float]) -> float:
    """Exact one-sided randomisation-test p over all 2^K food/control orders (sign flips of d_k).

    Valid by design because the order inside each cycle was randomised; the smallest possible
    value is 1/2^K.
    """
    if not d:
        return 1.0
    observed = sum(d)
    hits = sum(
        1
        for signs in itertools.product((1.0, -1.0), repeat=len(d))
        if sum(s * x for s, x in zip(signs, d, strict=True)) >= observed - 1e-12
    )
    return hits / (1 << len(d))


@dataclass(frozen=True, slots=True)
class ConfirmationVerdict:
    """The state of a randomised confirmation after the cycles so far."""

    group: str
    outcome: ConfirmationOutcome
    differences: tuple[float, ...]
    sigma_d: float
    prob_trigger: float
    prob_tolerated: float
    posterior_mean: float
    randomisation_p: float
    min_p: float

    @property
    def cycles(self) -> int:
        """The number of completed, rated cycles."""
        return len(self.differences)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "group": self.group,
            "outcome": self.outcome.value,
            "cycles": self.cycles,
            "differences": [round(x, 3) for x in self.differences],
            "sigma_d": round(self.sigma_d, 3),
            "prob_trigger": round(self.prob_trigger, 4),
            "prob_tolerated": round(self.prob_tolerated, 4),
            "posterior_mean": round(self.posterior_mean, 3),
            "randomisation_p": round(self.randomisation_p, 4),
            "min_p": round(self.min_p, 4),
        }


def confirmation_verdict(
    group: str, differences: Sequence[float], sigma_d: float, *, finished: bool = False
) -> ConfirmationVerdict:
    """Sequential Bayes (evidence-and-methods §2.7 Stage 5) after the cycles so far.

    `likely_trigger` if P(θ > 0.5) ≥ 0.90, `likely_tolerated` if P(θ < 0.5) ≥ 0.90, judged from
    cycle 2 on; after 4 cycles (or when `finished` early) anything else is `inconclusive_at_this_dose`.
    """
    d = tuple(float(x) for x in differences)
    m, _ = posterior(d, sigma_d)
    p_trig = prob_above(d, sigma_d)
    p_tol = 1.0 - p_trig
    k = len(d)
    if k >= MIN_CYCLES and p_trig >= DECIDE_PROB:
        outcome = ConfirmationOutcome.LIKELY_TRIGGER
    elif k >= MIN_CYCLES and p_tol >= DECIDE_PROB:
        outcome = ConfirmationOutcome.LIKELY_TOLERATED
    elif k >= MAX_CYCLES or finished:
        outcome = ConfirmationOutcome.INCONCLUSIVE_AT_THIS_DOSE
    else:
        outcome = ConfirmationOutcome.IN_PROGRESS
    return ConfirmationVerdict(
        group, outcome, d, sigma_d, p_trig, p_tol, m, randomisation_p(d), 1.0 / 2**k if k else 1.0
    )
