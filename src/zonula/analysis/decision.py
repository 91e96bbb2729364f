"""Which tested exposures become suspects: a spike-and-slab posterior and a Bayesian FDR rule.

Evidence brief §2.4 suggests a population-informed spike-and-slab prior: with probability π_c
the person reacts to category c and β_c follows the slab N(μ, τ²); otherwise β_c = 0. Given
the calibrated estimate b_c with standard error s_c (widened by the circular-shift inflation),

    P(trigger | b) = π N(b; μ, s² + τ²) / [π N(b; μ, s² + τ²) + (1 − π) N(b; 0, s²)],

and its complement is the local false discovery rate (lfdr). Suspects are the largest set,
strongest first, whose *mean* lfdr stays at or below the target: the expected share of false
suspects among those named (Bayesian FDR; Müller, Parmigiani & Rice 2006; Efron 2010). This
targets "FDR ≤ 10 %" directly instead of asking each effect to clear half a point.
"""

from __future__ import annotations

from typing import Final

import numpy as np

from zonula.analysis.periods import FloatArray

#: π_c: §3 "Which triggers" (Van den Houte 2024 prevalences shrunk toward the 26 % placebo
#: rate). zonula assumption: alcohol, which §3 does not list, 0.05.
CATEGORY_PRIOR: Final[dict[str, float]] = {
    "fructans": 0.45, "mannitol": 0.40, "gos": 0.20, "lactose": 0.15, "excess_fructose": 0.10,
    "sorbitol": 0.10, "high_fat": 0.10, "caffeine": 0.10, "spicy": 0.10, "alcohol": 0.05,
}
#: zonula assumption: any other group or single food, read beyond the categories, is harmful on
#: its own for 2 in 100 people (a stricter family, §2.4 multiplicity).
OTHER_PRIOR: Final = 0.02


def p_trigger(slope: FloatArray, se: FloatArray, prior: FloatArray, *, slab_mean: float,
              slab_sd: float, null_sd: float = 0.25) -> FloatArray:
    """Posterior probability of the slab (a trigger) under the spike-and-slab prior."""
    s2 = np.clip(np.nan_to_num(se, nan=1e6, posinf=1e6), 1e-9, 1e6) ** 2
    v1 = s2 + slab_sd**2
    v0 = s2 + null_sd**2
    log_bf = (-0.5 * (slope - slab_mean) ** 2 / v1 - 0.5 * np.log(v1)) - (-0.5 * slope**2 / v0 - 0.5 * np.log(v0))
    prior = np.clip(prior, 1e-6, 1.0 - 1e-6)
    log_odds = np.clip(np.log(prior / (1.0 - prior)) + log_bf, -700.0, 700.0)
    out: FloatArray = 1.0 / (1.0 + np.exp(-log_odds))
    return out


def bayes_fdr_select(lfdr: FloatArray, target: float) -> np.ndarray:
    """The largest strongest-first set whose mean lfdr is ≤ target (boolean mask)."""
    chosen = np.zeros(lfdr.shape, dtype=bool)
    if lfdr.size == 0:
        return chosen
    order = np.argsort(lfdr, kind="stable")
    running = np.cumsum(lfdr[order]) / np.arange(1, lfdr.size + 1)
    ok = np.flatnonzero(running <= target)
    if ok.size:
        chosen[order[: ok[-1] + 1]] = True
    return chosen


def prior_for(names: list[str], primary: list[bool]) -> FloatArray:
    """π for each exposure: the category prior for the pre-specified ones, else OTHER_PRIOR."""
    return np.array([CATEGORY_PRIOR.get(n, OTHER_PRIOR) if p else OTHER_PRIOR
                     for n, p in zip(names, primary, strict=True)], dtype=np.float64)
