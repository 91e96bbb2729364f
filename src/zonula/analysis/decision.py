"""Which tested exposures become suspects: a spike-and-slab posterior and a Bayesian FDR rule.

Evidence brief §2.4 suggests a population-informed spike-and-slab prior: with probability π_c
the person reacts to category c and β_c follows the slab N(μ, τ²); otherwise β_c = 0. Given
the calibrated estimate b_c with standard error s_c (widened by the circular-shift inflation),

    P(trigger | b) = π N(b; μ, s² + τ²) / [π N(b; μ, s² + τ²) + (1 − π) N(b; 0, s²)],

and its complement is the local false discovery rate (lfdr). Suspects are the largest set,
strongest first, whose *mean* lfdr stays at or below the target: the expected share of false
suspects among those named (Bayesian FDR; Müller, Parmigiani & Rice 2006; Efron 2010). This
targets "FDR ≤ 10 %" directly instead of asking each effect to clear half a point.

Several symptoms (screen-4, `p_trigger_joint`). A trigger acts on the person's main symptom by
β ~ N(μ, τ²) and on each other rated symptom by κβ with an unknown κ ~ U[0, 1] (at most its effect
on the main symptom; §3 gives a second symptom half the main effect). Matching the first two
moments, the effect vector is N(μm, Σβ) with m = 1 on the main symptom and ½ elsewhere, Var β_j =
(μ² + τ²)/3 − μ²/4, Cov(β_main, β_j) = τ²/2 and Cov(β_i, β_j) = τ²/4. The estimates' errors are
N(0, D R D) (standard errors D, the symptoms' residual correlation R), and under the spike every
effect is N(ν m_j, τ₀²): ν is the expectation (nocebo) effect for a food the person already
believed in, 0 otherwise. With no main symptom named every screened symptom is, with equal
weight, the main one. With one symptom this is exactly the formula above.
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


def p_trigger_joint(slopes: FloatArray, ses: FloatArray, corr: FloatArray, prior: FloatArray, *,
                    main: list[int], slab_mean: float, slab_sd: float, null_sd: float = 0.25,
                    null_mean: FloatArray | None = None) -> FloatArray:
    """P(trigger) of each exposure (row) from its per-symptom slopes (columns; NaN = not tested).

    Args:
        slopes: estimated effects, exposures × symptoms.
        ses: their standard errors (calibrated), same shape.
        corr: correlation of the estimates' errors between symptoms (symptoms × symptoms).
        prior: π of each exposure.
        main: column indices of the main symptoms; empty = every tested symptom may be main.
        slab_mean: μ, the slab's mean effect on a main symptom.
        slab_sd: τ, the slab's SD.
        null_sd: τ₀, the spike's SD.
        null_mean: ν per exposure, the spike's centre on a main symptom (expectation effect).
    """
    n, k = slopes.shape
    nu = np.zeros(n) if null_mean is None else null_mean
    out = np.zeros(n)
    tested = ~np.isnan(slopes) & ~np.isnan(ses)
    patterns: dict[tuple[bool, ...], list[int]] = {}
    for i in range(n):
        patterns.setdefault(tuple(bool(x) for x in tested[i]), []).append(i)
    for pattern, rows_list in patterns.items():
        cols = [j for j in range(k) if pattern[j]]
        rows = np.array(rows_list)
        idx = np.array(cols, dtype=np.intp)
        if not cols:
            out[rows] = 0.0
            continue
        b = slopes[np.ix_(rows, idx)]
        se = np.clip(np.nan_to_num(ses[np.ix_(rows, idx)], nan=1e6, posinf=1e6), 1e-9, 1e6)
        err = se[:, :, None] * se[:, None, :] * corr[np.ix_(idx, idx)][None, :, :]
        mains = [cols.index(j) for j in main if j in cols] or list(range(len(cols)))
        l1, l0 = [], []
        for m_idx in mains:
            m = np.full(len(cols), 0.5)
            m[m_idx] = 1.0
            cov_b = np.full((len(cols), len(cols)), slab_sd**2 / 4)
            np.fill_diagonal(cov_b, (slab_mean**2 + slab_sd**2) / 3 - slab_mean**2 / 4)
            cov_b[m_idx, :] = cov_b[:, m_idx] = slab_sd**2 / 2
            cov_b[m_idx, m_idx] = slab_sd**2
            l1.append(_mvn_logpdf(b, slab_mean * m[None, :], cov_b[None, :, :] + err))
            l0.append(_mvn_logpdf(b, nu[rows][:, None] * m[None, :], null_sd**2 * np.eye(len(cols))[None] + err))
        log_bf = np.logaddexp.reduce(np.array(l1), axis=0) - np.logaddexp.reduce(np.array(l0), axis=0)
        pr = np.clip(prior[rows], 1e-6, 1.0 - 1e-6)
        log_odds = np.clip(np.log(pr / (1.0 - pr)) + log_bf, -700.0, 700.0)
        out[rows] = 1.0 / (1.0 + np.exp(-log_odds))
    return out


def _mvn_logpdf(x: FloatArray, mean: FloatArray, cov: FloatArray) -> FloatArray:
    """Row-wise multivariate normal log density (x, mean: rows × k; cov: rows × k × k)."""
    chol = np.linalg.cholesky(cov)
    diff = (x - mean)[:, :, None]
    z = np.linalg.solve(chol, diff)[:, :, 0]
    log_det = 2.0 * np.sum(np.log(np.diagonal(chol, axis1=1, axis2=2)), axis=1)
    out: FloatArray = -0.5 * (np.sum(z * z, axis=1) + log_det + x.shape[1] * np.log(2.0 * np.pi))
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
