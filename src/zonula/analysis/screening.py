"""The suspect screen: per-person regression of symptom ratings on lagged, dosed exposures.

Model per symptom (see docs/screening.md): the pre-specified categories jointly, every other
exposure one at a time beyond them,

    y_t = α + Σ_c β_c E_c,t + time of day + stress + sleep + menses + NSAID + u_t, AR(1) u_t.

Standard errors are widened by a circular-shift calibration; q-values come from
Benjamini-Hochberg within the two families. The reported effect uses the N(0, 1²) prior; the
decision (`decision.py`) uses a spike-and-slab posterior P(suspect) and names, per family, the
largest set whose expected share of false suspects is ≤ the target, among exposures with
q ≤ `q_max` and no sign of being eaten *because* of feeling unwell.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

import numpy as np

from zonula.analysis.blocks import fit_blocks
from zonula.analysis.decision import bayes_fdr_select, p_trigger, prior_for
from zonula.analysis.design import build_design
from zonula.analysis.exposures import ExposureKind, Exposures, build_exposures, choose_foods
from zonula.analysis.inputs import ScreeningInput
from zonula.analysis.notes import (
    AVOIDED_WHEN_UNWELL,
    EATEN_TOGETHER,
    EXPLAINED_BY,
    FEW_DAYS,
    FEW_EXPOSED,
    FEW_UNEXPOSED,
    NO_CALIBRATION,
    REVERSE_CAUSATION,
    WIDENED,
    Note,
)
from zonula.analysis.periods import PERIODS_PER_DAY, FloatArray, PeriodGrid, grid_for
from zonula.analysis.regression import SlopeFit, benjamini_hochberg, covariate_basis, fit_slopes, posterior
from zonula.analysis.requirements import data_needed, summarise
from zonula.analysis.results import ScreeningReport, ScreeningResult, Status
from zonula.analysis.reverse import reverse_slopes
from zonula.analysis.settings import ENGINE_VERSION, ScreeningSettings
from zonula.analysis.shifts import shift_offsets

#: A period counts as exposed when the exposure is above this (kernel tails are not exposure).
_EXPOSED = 0.1

#: The pre-specified hypothesis set of §2.4/§2.7: FODMAP subgroups, caffeine, alcohol, high-fat
#: meals and spicy food. Everything else (other groups, single foods) is a second family.
PRIMARY_GROUPS = frozenset({"fructans", "gos", "lactose", "excess_fructose", "sorbitol", "mannitol",
                            "caffeine", "alcohol", "high_fat", "spicy"})


def screen(data: ScreeningInput, *, symptoms: Sequence[str] | None = None,
           settings: ScreeningSettings | None = None, date_from: date | None = None,
           date_to: date | None = None, progress: Callable[[int, int], None] | None = None
           ) -> ScreeningReport:
    """Screen every food group and frequent food against each symptom.

    Args:
        data: the person's diary as plain inputs.
        symptoms: symptom keys to screen; all rated symptoms when None.
        settings: screen parameters (defaults from the evidence brief).
        date_from: first diary date to use (inclusive).
        date_to: last diary date to use (inclusive).
        progress: called with (symptoms done, symptoms in all) after each symptom.

    Returns:
        The report: data summary, what data is still needed, and one result per exposure and
        symptom, suspects first.
    """
    settings = settings or ScreeningSettings()
    moments = [r.at for r in data.ratings] + [m.at for m in data.meals]
    grid = grid_for(moments, date_from=date_from, date_to=date_to)
    keys = list(symptoms) if symptoms is not None else sorted({r.key for r in data.ratings})
    foods = choose_foods(data.meals, min_occasions=settings.min_food_occasions,
                         max_foods=settings.max_foods)
    exposures = build_exposures(grid, data.meals, foods=foods, food_windows=dict(data.food_windows),
                                lag_kernels=settings.lag_kernels,
                                impute_unlogged=settings.impute_unlogged_days)
    summary = summarise(grid, data, keys)
    results: list[ScreeningResult] = []
    n_shifts = 0
    for done, key in enumerate(keys, start=1):
        rows, used = _screen_symptom(grid, data, exposures, key, settings)
        results.extend(rows)
        n_shifts = max(n_shifts, used)
        if progress is not None:
            progress(done, len(keys))
    results.sort(key=_rank)
    needed = data_needed(summary, settings)
    return ScreeningReport(summary, tuple(results), needed, ENGINE_VERSION, n_shifts, settings.as_dict())


def _rank(result: ScreeningResult) -> tuple[int, float, float, str, str]:
    order = {Status.SUSPECT: 0, Status.NO_EVIDENCE: 1, Status.INSUFFICIENT_DATA: 2}[result.status]
    p = result.p_suspect if result.p_suspect is not None else -1.0
    effect = result.effect if result.effect is not None else 0.0
    return (order, -p, -effect, result.symptom, result.exposure)


def _p_suspect(fit: SlopeFit, inflation: FloatArray, prior: FloatArray,
               settings: ScreeningSettings) -> FloatArray:
    """Spike-and-slab P(suspect) from slopes whose standard errors are widened by `inflation`."""
    with np.errstate(divide="ignore"):
        se = np.where(fit.sxx > 0, np.sqrt(fit.sigma2 / np.maximum(fit.sxx, 1e-12)), np.inf) * inflation
    return p_trigger(fit.slope, se, prior, slab_mean=settings.slab_mean, slab_sd=settings.slab_sd,
                     null_sd=settings.null_sd)


def _screen_symptom(grid: PeriodGrid, data: ScreeningInput, exposures: Exposures, symptom: str,
                    settings: ScreeningSettings) -> tuple[list[ScreeningResult], int]:
    design = build_design(grid, data, symptom, ar_errors=settings.ar_errors, ar_order=settings.ar_order,
                          noise=settings.noise)
    obs = design.observed
    rated_days = len(set(grid.day_of()[obs].tolist()))
    acting = exposures.acting
    exposed = np.sum((acting > _EXPOSED) & obs[:, None], axis=0).astype(int)
    unexposed = int(obs.sum()) - exposed
    testable = (exposed >= settings.min_exposed) & (unexposed >= settings.min_unexposed)
    if rated_days < settings.min_days:
        testable[:] = False
    cols = np.flatnonzero(testable)
    stats_by_col: dict[int, tuple[float, float, float, float, float, float, float, float, float]] = {}
    primary_cols: list[int] = []
    n_shifts = 0
    if cols.size:
        offsets = shift_offsets(grid.n_periods, min_shift=settings.min_shift_days * PERIODS_PER_DAY,
                                max_shifts=settings.max_shifts)
        is_primary = [exposures.kinds[c] is ExposureKind.GROUP and exposures.names[c] in PRIMARY_GROUPS
                      for c in cols]
        primary_cols = [int(c) for c, p in zip(cols, is_primary, strict=True) if p]
        block = fit_blocks(design.y, obs, design.z[obs], design.transform(acting),
                           primary=primary_cols,
                           secondary=[int(c) for c, p in zip(cols, is_primary, strict=True) if not p],
                           offsets=offsets, prior_sd=settings.prior_sd, margin=settings.margin)
        n_shifts = block.calib.n_shifts
        p_value = block.calib.p_calibrated
        in_primary = [c in set(block.columns[: sum(is_primary)]) for c in block.columns]
        q = _family_q(p_value, in_primary)
        post, inflation = block.post, block.calib.inflation
        prior = prior_for([exposures.names[c] for c in block.columns], in_primary)
        p_suspects = _p_suspect(block.fit, inflation, prior, settings)
        for j, c in enumerate(block.columns):
            stats_by_col[c] = (float(post.mean[j]), float(post.ci_low[j]), float(post.ci_high[j]),
                               float(post.p_above[j]), float(q[j]), float(inflation[j]), float(p_value[j]),
                               float(p_suspects[j]), float(prior[j]))
    # "bad" periods are read on the ratings themselves, not on the quasi-differenced outcome
    ratings = design.ratings if design.ratings is not None else design.y
    reverse = reverse_slopes(ratings, grid.slot_of(), exposures.eaten)
    eaten_when_unwell = (reverse[1] <= settings.reverse_alpha) & (reverse[0] > 0)
    eligible = [c for c, s in stats_by_col.items() if s[4] <= settings.q_max and not eaten_when_unwell[c]]
    family_target = {c: settings.fdr_target if c in primary_cols else settings.other_fdr_target
                     for c in stats_by_col}
    if settings.rule == "bfdr":
        candidates = []
        for family in ([c for c in eligible if c in primary_cols], [c for c in eligible if c not in primary_cols]):
            lfdr = np.array([1.0 - stats_by_col[c][7] for c in family])
            chosen = bayes_fdr_select(lfdr, family_target[family[0]] if family else 0.0)
            candidates += [c for c, ok in zip(family, chosen, strict=True) if ok]
        strength = {c: stats_by_col[c][7] for c in candidates}
    else:
        candidates = [c for c in eligible if stats_by_col[c][3] >= settings.probability]
        strength = {c: stats_by_col[c][3] for c in candidates}

    def passes(c: int, fit: SlopeFit) -> bool:
        inflation = np.array([stats_by_col[c][5]])
        if settings.rule == "bfdr":
            refit = _p_suspect(fit, inflation, np.array([stats_by_col[c][8]]), settings)
            # admitted at its own lfdr (the family's mean lfdr met the target): it must not get worse
            return 1.0 - float(refit[0]) <= max(family_target[c], 1.0 - stats_by_col[c][7])
        post = posterior(fit, prior_sd=settings.prior_sd, inflation=inflation, margin=settings.margin)
        return float(post.p_above[0]) >= settings.probability

    suspects, explained = _forward_select(
        design.y[obs], design.z[obs], design.transform(acting)[obs], candidates, primary_cols,
        strength, passes)
    rows: list[ScreeningResult] = []
    for c, name in enumerate(exposures.names):
        notes: list[Note] = []
        label = data.food_names.get(name, name) if exposures.kinds[c] == "food" else name
        if c not in stats_by_col:
            if rated_days < settings.min_days:
                notes.append(Note(FEW_DAYS, {"days": rated_days, "needed": settings.min_days}))
            if exposed[c] < settings.min_exposed:
                notes.append(Note(FEW_EXPOSED, {"exposed": int(exposed[c]), "needed": settings.min_exposed}))
            if unexposed[c] < settings.min_unexposed:
                notes.append(Note(FEW_UNEXPOSED, {"unexposed": int(unexposed[c]),
                                                  "needed": settings.min_unexposed}))
            rows.append(ScreeningResult(name, exposures.kinds[c].value, symptom, None, None, None, None, None,
                                        int(exposed[c]), int(unexposed[c]), Status.INSUFFICIENT_DATA,
                                        tuple(notes), label))
            continue
        mean, low, high, p_above, q_value, widen, _p, p_sus, _prior = stats_by_col[c]
        status = Status.SUSPECT if c in suspects else Status.NO_EVIDENCE
        slope, p_rev = reverse[0][c], reverse[1][c]
        if p_rev <= settings.reverse_alpha:
            notes.append(Note(REVERSE_CAUSATION if slope > 0 else AVOIDED_WHEN_UNWELL))
        if n_shifts == 0:
            notes.append(Note(NO_CALIBRATION))
        elif widen > 1.25:
            notes.append(Note(WIDENED, {"factor": round(widen, 2)}))
        if c in explained:
            notes.append(Note(EXPLAINED_BY, {"others": ", ".join(
                data.food_names.get(exposures.names[k], exposures.names[k]) for k in explained[c])}))
        if status is Status.SUSPECT:
            together = _eaten_together(acting[obs], c, [k for k in stats_by_col if k != c],
                                       settings.together_corr)
            if together:
                notes.append(Note(EATEN_TOGETHER, {"others": ", ".join(
                    data.food_names.get(exposures.names[k], exposures.names[k]) for k in together)}))
        rows.append(ScreeningResult(name, exposures.kinds[c].value, symptom, mean, low, high, p_above,
                                    q_value, int(exposed[c]), int(unexposed[c]), status, tuple(notes), label,
                                    p_sus))
    return rows, n_shifts


def _forward_select(y: FloatArray, z: FloatArray, acting: FloatArray, candidates: list[int],
                    primary: list[int], strength: dict[int, float],
                    passes: Callable[[int, SlopeFit], bool]) -> tuple[list[int], dict[int, list[int]]]:
    """Keep candidates that still pass when adjusted for the stronger suspects already kept.

    Each candidate's first fit already adjusts for the pre-specified categories (`primary`);
    a food can still borrow the effect of another food or group eaten with it. Candidates are
    taken strongest first; a candidate is refitted, with the same covariates as its first fit
    plus the kept suspects it was not yet adjusted for, and kept only if it still `passes`
    the decision rule. Returns the kept suspects and, for dropped ones, the suspects that
    explain them.
    """
    kept: list[int] = []
    explained: dict[int, list[int]] = {}
    for c in sorted(candidates, key=lambda k: -strength[k]):
        base = [k for k in primary if k != c]
        extra = [k for k in kept if k not in base]
        if not extra:
            kept.append(c)
            continue
        basis = covariate_basis(np.column_stack([z, acting[:, base + extra]]))
        fit = fit_slopes(y, basis, acting[:, [c]])
        if passes(c, fit):
            kept.append(c)
        else:
            explained[c] = extra
    return kept, explained


def _family_q(p: FloatArray, primary: list[bool]) -> FloatArray:
    """Benjamini-Hochberg q-values within each family: the pre-specified groups, then the rest."""
    q = np.ones_like(p)
    members = np.array(primary, dtype=bool)
    for family in (members, ~members):
        if family.any():
            q[family] = benjamini_hochberg(p[family])
    return q


def _eaten_together(acting: FloatArray, c: int, others: list[int], threshold: float) -> list[int]:
    """Other tested exposures whose series correlate with exposure c above the threshold (top 3)."""
    if not others:
        return []
    x = acting[:, [c, *others]]
    x = x - x.mean(axis=0)
    norms = np.sqrt(np.sum(x * x, axis=0))
    with np.errstate(invalid="ignore", divide="ignore"):
        corr = (x[:, 1:].T @ x[:, 0]) / (norms[1:] * norms[0])
    corr = np.nan_to_num(corr)
    order = np.argsort(-corr)
    return [others[i] for i in order[:3] if corr[i] >= threshold]
