"""Reverse-causation check: is a food eaten more (or less) right after a bad period?"""

from __future__ import annotations

import numpy as np

from zonula.analysis.periods import FloatArray, IntArray
from zonula.domain.lazy_stats import stats


def reverse_slopes(y: FloatArray, slot: IntArray, eaten: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Rise in the dose eaten in period t after a bad period t-1, and its two-sided p.

    Each exposure's intake is regressed on "the previous period was bad" (rated at least one
    SD above the person's mean) plus the previous rating and time of day, over periods whose
    previous period was rated. Returns (differences, p-values), one per exposure column.
    """
    n_exp = eaten.shape[1]
    prev = np.concatenate(([np.nan], y[:-1]))
    rows = ~np.isnan(prev)
    if rows.sum() < 8:
        return np.zeros(n_exp), np.ones(n_exp)
    bad = prev[rows] >= np.nanmean(y) + np.nanstd(y)
    x = np.column_stack([np.ones(rows.sum()), (slot[rows] == 1), (slot[rows] == 2), bad]).astype(float)
    target = eaten[rows]
    coef, *_ = np.linalg.lstsq(x, target, rcond=None)
    resid = target - x @ coef
    df = max(x.shape[0] - x.shape[1], 1)
    s2 = np.sum(resid * resid, axis=0) / df
    xtx_inv = np.linalg.pinv(x.T @ x)
    se = np.sqrt(np.maximum(s2 * xtx_inv[3, 3], 1e-18))
    t = coef[3] / se
    p = 2.0 * stats.t.sf(np.abs(t), df)
    p = np.where(s2 > 1e-12, p, 1.0)
    return coef[3], np.asarray(p, dtype=np.float64)
