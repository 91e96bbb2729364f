"""The suspect screen: per-person regression of symptom ratings on lagged, dosed exposures.

Phase 1, per symptom (see docs/screening.md): the pre-specified categories jointly, every other
exposure one at a time beyond them,

    y_t = α + Σ_c β_c E_c,t + time of day + stress + sleep + menses + NSAID + u_t,

with day-level noise (`daynoise.py`). Standard errors are widened by a circular-shift
calibration; q-values come from Benjamini-Hochberg within the two families; the reported effect
uses the N(0, 1²) prior.

Phase 2, over all screened symptoms together (screen-4): a spike-and-slab P(suspect) per
exposure from its per-symptom estimates (`decision.p_trigger_joint`; the person's main symptoms
carry the full effect, foods they already suspected a spike at the expected expectation effect),
then per family the largest set whose expected share of false suspects is ≤ the target, among
exposures with q ≤ `q_max` and no sign of being eaten *because* of feeling unwell, each still
passing when refitted next to the stronger suspects already named.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from zonula.analysis.blocks import fit_blocks
from zonula.analysis.decision import bayes_fdr_select, p_trigger_joint, prior_for
from zonula.analysis.design import Design, build_design
from zonula.analysis.exposures import ExposureKind, Exposures, build_exposures, choose_foods
from zonula.analysis.inputs import ScreeningInput
from zonula.analysis.notes import (
    AVOIDED_WHEN_UNWELL,
    EATEN_TOGETHER,
    EXPECTED,
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
    fits: list[_SymptomFit] = []
    for done, key in enumerate(keys, start=1):
        fits.append(_fit_symptom(grid, data, exposures, key, settings))
        if progress is not None:
            progress(done, len(keys))
    main = [i for i, key in enumerate(keys) if key in data.main_symptoms]
    results: list[ScreeningResult] = []
    if settings.joint_symptoms:
        decision = _decide(fits, main, exposures, data.believed, settings)
        for fit in fits:
            results.extend(_rows(fit, decision, exposures, data, settings))
    else:
        for fit in fits:
            results.extend(_rows(fit, _decide([fit], [0], exposures, data.believed, settings), exposures,
                                 data, settings))
    n_shifts = max((fit.n_shifts for fit in fits), default=0)
    results.sort(key=_rank)
    needed = data_needed(summary, settings)
    return ScreeningReport(summary, tuple(results), needed, ENGINE_VERSION, n_shifts, settings.as_dict())


def _rank(result: ScreeningResult) -> tuple[int, float, float, str, str]:
    order = {Status.SUSPECT: 0, Status.NO_EVIDENCE: 1, Status.INSUFFICIENT_DATA: 2}[result.status]
    p = result.p_suspect if result.p_suspect is not None else -1.0
    effect = result.effect if result.effect is not None else 0.0
    return (order, -p, -effect, result.symptom, result.exposure)


@dataclass(frozen=True, slots=True)
class _Column:
    """One tested exposure in one symptom's model."""

    mean: float
    low: float
    high: float
    p_above: float
    q: float
    inflation: float
    p_value: float
    slope: float
    se: float  # calibrated: widened by the shift inflation
    prior: float


@dataclass(frozen=True, slots=True)
class _SymptomFit:
    """Phase 1 of the screen for one symptom: its model, tested columns and checks."""

    key: str
    design: Design
    acting: FloatArray  # exposures transformed like the outcome (full grid)
    rated_days: int
    exposed: np.ndarray
    unexposed: np.ndarray
    columns: dict[int, _Column]
    primary: list[int]
    reverse: tuple[FloatArray, FloatArray]
    residual: FloatArray  # residual of the joint category model (NaN where unrated)
    n_shifts: int

    def refit(self, c: int, extra: list[int]) -> SlopeFit:
        """Column c refitted with its first fit's covariates plus the exposures `extra`."""
        obs = self.design.observed
        base = [k for k in self.primary if k != c]
        add = [k for k in extra if k not in base]
        basis = covariate_basis(np.column_stack([self.design.z[obs], self.acting[obs][:, base + add]]))
        return fit_slopes(self.design.y[obs], basis, self.acting[obs][:, [c]])


def _fit_symptom(grid: PeriodGrid, data: ScreeningInput, exposures: Exposures, symptom: str,
                 settings: ScreeningSettings) -> _SymptomFit:
    """Fit one symptom's model: guards, joint categories, secondary exposures, shift calibration."""
    design = build_design(grid, data, symptom, ar_errors=settings.ar_errors, ar_order=settings.ar_order,
                          noise=settings.noise)
    obs = design.observed
    rated_days = len(set(grid.day_of()[obs].tolist()))
    acting = exposures.acting
    transformed = design.transform(acting)
    exposed = np.sum((acting > _EXPOSED) & obs[:, None], axis=0).astype(int)
    unexposed = int(obs.sum()) - exposed
    testable = (exposed >= settings.min_exposed) & (unexposed >= settings.min_unexposed)
    if rated_days < settings.min_days:
        testable[:] = False
    cols = np.flatnonzero(testable)
    columns: dict[int, _Column] = {}
    primary_cols: list[int] = []
    n_shifts = 0
    if cols.size:
        offsets = shift_offsets(grid.n_periods, min_shift=settings.min_shift_days * PERIODS_PER_DAY,
                                max_shifts=settings.max_shifts)
        is_primary = [exposures.kinds[c] is ExposureKind.GROUP and exposures.names[c] in PRIMARY_GROUPS
                      for c in cols]
        primary_cols = [int(c) for c, p in zip(cols, is_primary, strict=True) if p]
        block = fit_blocks(design.y, obs, design.z[obs], transformed, primary=primary_cols,
                           secondary=[int(c) for c, p in zip(cols, is_primary, strict=True) if not p],
                           offsets=offsets, prior_sd=settings.prior_sd, margin=settings.margin)
        n_shifts = block.calib.n_shifts
        p_value = block.calib.p_calibrated
        in_primary = [c in set(block.columns[: sum(is_primary)]) for c in block.columns]
        q = _family_q(p_value, in_primary)
        post, inflation, fit = block.post, block.calib.inflation, block.fit
        prior = prior_for([exposures.names[c] for c in block.columns], in_primary)
        se = _calibrated_se(fit, inflation)
        for j, c in enumerate(block.columns):
            columns[c] = _Column(float(post.mean[j]), float(post.ci_low[j]), float(post.ci_high[j]),
                                 float(post.p_above[j]), float(q[j]), float(inflation[j]), float(p_value[j]),
                                 float(fit.slope[j]), float(se[j]), float(prior[j]))
    # residual of the joint category model: what is left once the categories' reactions are
    # taken out (a shared reaction would otherwise look like correlated noise between symptoms)
    residual = np.full(grid.n_periods, np.nan)
    if obs.sum() > design.z.shape[1] + len(primary_cols) + 1:
        basis = covariate_basis(np.column_stack([design.z[obs], transformed[obs][:, primary_cols]]))
        y_obs = design.y[obs]
        residual[obs] = y_obs - basis @ (basis.T @ y_obs)
    # "bad" periods are read on the ratings themselves, not on the transformed outcome
    ratings = design.ratings if design.ratings is not None else design.y
    reverse = reverse_slopes(ratings, grid.slot_of(), exposures.eaten)
    return _SymptomFit(symptom, design, transformed, rated_days, exposed, unexposed, columns, primary_cols,
                       reverse, residual, n_shifts)


def _residual_corr(fits: list[_SymptomFit]) -> FloatArray:
    """Correlation of the symptoms' joint-category-model residuals over periods rated for both.

    It stands for the correlation of the effect estimates' errors between symptoms (same periods,
    same exposures): days that are bad for bloating are often bad for pain too, and two ratings
    that move together are not two independent pieces of evidence. Shrunk to keep it invertible.
    """
    k = len(fits)
    corr = np.eye(k)
    for i in range(k):
        for j in range(i + 1, k):
            a, b = fits[i].residual, fits[j].residual
            both = ~np.isnan(a) & ~np.isnan(b)
            if both.sum() < 10:
                continue
            x, y = a[both] - a[both].mean(), b[both] - b[both].mean()
            den = float(np.sqrt(np.sum(x * x) * np.sum(y * y)))
            corr[i, j] = corr[j, i] = float(np.clip(np.sum(x * y) / den, -0.95, 0.95)) if den > 0 else 0.0
    if k > 1 and np.linalg.eigvalsh(corr).min() < 0.05:
        corr = 0.9 * corr + 0.1 * np.eye(k)
    return corr


@dataclass(frozen=True, slots=True)
class _Decision:
    """Phase 2 over a set of symptoms: P(suspect) per exposure, suspects and what explained others."""

    p_suspect: dict[int, float]
    suspects: frozenset[int]
    explained: dict[int, list[int]]


def _decide(fits: list[_SymptomFit], main: list[int], exposures: Exposures, believed: frozenset[str],
            settings: ScreeningSettings) -> _Decision:
    """Name suspects from the evidence of all `fits` together (`main`: indices of main symptoms)."""
    tested = sorted({c for f in fits for c in f.columns})
    if not tested:
        return _Decision({}, frozenset(), {})
    corr = _residual_corr(fits)
    primary = {c for f in fits for c in f.primary}
    prior = np.array([next(f.columns[c].prior for f in fits if c in f.columns) for c in tested])
    nu = np.array([settings.expectation_effect if exposures.names[c] in believed else 0.0 for c in tested])

    def joint(rows: list[int], slopes: FloatArray, ses: FloatArray) -> FloatArray:
        where = [tested.index(c) for c in rows]
        return p_trigger_joint(slopes, ses, corr, prior[where], main=main, slab_mean=settings.slab_mean,
                               slab_sd=settings.slab_sd, null_sd=settings.null_sd, null_mean=nu[where])

    def matrix(attr: str) -> FloatArray:
        return np.array([[getattr(f.columns[c], attr) if c in f.columns else np.nan for f in fits]
                         for c in tested])

    first = joint(tested, matrix("slope"), matrix("se"))
    p_sus: dict[int, float] = {c: float(p) for c, p in zip(tested, first, strict=True)}
    deciding = main or list(range(len(fits)))
    unwell = {c for c in tested for i in deciding
              if fits[i].reverse[1][c] <= settings.reverse_alpha and fits[i].reverse[0][c] > 0}
    eligible = [c for c in tested
                if min(f.columns[c].q for f in fits if c in f.columns) <= settings.q_max and c not in unwell]
    target = {c: settings.fdr_target if c in primary else settings.other_fdr_target for c in tested}
    if settings.rule == "bfdr":
        candidates: list[int] = []
        for family in ([c for c in eligible if c in primary], [c for c in eligible if c not in primary]):
            lfdr = np.array([1.0 - p_sus[c] for c in family])
            chosen = bayes_fdr_select(lfdr, target[family[0]] if family else 0.0)
            candidates += [c for c, ok in zip(family, chosen, strict=True) if ok]
        strength = {c: p_sus[c] for c in candidates}
    else:
        best = {c: max(f.columns[c].p_above for f in fits if c in f.columns) for c in eligible}
        candidates = [c for c in eligible if best[c] >= settings.probability]
        strength = {c: best[c] for c in candidates}

    def passes(c: int, extra: list[int]) -> bool:
        refits = [(f, f.refit(c, extra)) if c in f.columns else (f, None) for f in fits]
        if settings.rule == "bfdr":
            slopes = np.array([[float(r.slope[0]) if r is not None else np.nan for _, r in refits]])
            ses = np.array([[float(_calibrated_se(r, f.columns[c].inflation)[0]) if r is not None else np.nan
                             for f, r in refits]])
            lfdr = 1.0 - float(joint([c], slopes, ses)[0])
            # admitted at its own lfdr (the family's mean lfdr met the target): it must not get worse
            return lfdr <= max(target[c], 1.0 - float(p_sus[c]))
        for f, r in refits:
            if r is None:
                continue
            post = posterior(r, prior_sd=settings.prior_sd, inflation=np.array([f.columns[c].inflation]),
                             margin=settings.margin)
            if float(post.p_above[0]) >= settings.probability:
                return True
        return False

    # Forward selection: each candidate's first fit already adjusts for the categories, but a food
    # can borrow the effect of another food or group eaten with it. Strongest first, a candidate is
    # refitted next to the suspects already kept that it was not adjusted for, and kept only if it
    # still passes; a dropped one records the suspects that explain it.
    kept: list[int] = []
    explained: dict[int, list[int]] = {}
    for c in sorted(candidates, key=lambda k: -strength[k]):
        extra = [k for k in kept if k not in primary]
        if not extra or passes(c, extra):
            kept.append(c)
        else:
            explained[c] = extra
    return _Decision(p_sus, frozenset(kept), explained)


def _calibrated_se(fit: SlopeFit, inflation: FloatArray | float) -> FloatArray:
    """Standard errors of the fitted slopes (inf where untestable), widened by the shift inflation."""
    with np.errstate(divide="ignore"):
        se: FloatArray = np.where(fit.sxx > 0, np.sqrt(fit.sigma2 / np.maximum(fit.sxx, 1e-12)), np.inf) * inflation
    return se


def _rows(fit: _SymptomFit, decision: _Decision, exposures: Exposures, data: ScreeningInput,
          settings: ScreeningSettings) -> list[ScreeningResult]:
    """The result rows of one symptom."""
    rows: list[ScreeningResult] = []
    obs = fit.design.observed
    for c, name in enumerate(exposures.names):
        notes: list[Note] = []
        label = data.food_names.get(name, name) if exposures.kinds[c] == "food" else name
        exposed, unexposed = int(fit.exposed[c]), int(fit.unexposed[c])
        col = fit.columns.get(c)
        if col is None:
            if fit.rated_days < settings.min_days:
                notes.append(Note(FEW_DAYS, {"days": fit.rated_days, "needed": settings.min_days}))
            if exposed < settings.min_exposed:
                notes.append(Note(FEW_EXPOSED, {"exposed": exposed, "needed": settings.min_exposed}))
            if unexposed < settings.min_unexposed:
                notes.append(Note(FEW_UNEXPOSED, {"unexposed": unexposed, "needed": settings.min_unexposed}))
            rows.append(ScreeningResult(name, exposures.kinds[c].value, fit.key, None, None, None, None, None,
                                        exposed, unexposed, Status.INSUFFICIENT_DATA, tuple(notes), label))
            continue
        suspect = c in decision.suspects and col.mean > 0
        status = Status.SUSPECT if suspect else Status.NO_EVIDENCE
        slope, p_rev = fit.reverse[0][c], fit.reverse[1][c]
        if p_rev <= settings.reverse_alpha:
            notes.append(Note(REVERSE_CAUSATION if slope > 0 else AVOIDED_WHEN_UNWELL))
        if name in data.believed:
            notes.append(Note(EXPECTED))
        if fit.n_shifts == 0:
            notes.append(Note(NO_CALIBRATION))
        elif col.inflation > 1.25:
            notes.append(Note(WIDENED, {"factor": round(col.inflation, 2)}))
        if c in decision.explained:
            notes.append(Note(EXPLAINED_BY, {"others": ", ".join(
                data.food_names.get(exposures.names[k], exposures.names[k]) for k in decision.explained[c])}))
        if suspect:
            together = _eaten_together(exposures.acting[obs], c, [k for k in fit.columns if k != c],
                                       settings.together_corr)
            if together:
                notes.append(Note(EATEN_TOGETHER, {"others": ", ".join(
                    data.food_names.get(exposures.names[k], exposures.names[k]) for k in together)}))
        rows.append(ScreeningResult(name, exposures.kinds[c].value, fit.key, col.mean, col.low, col.high,
                                    col.p_above, col.q, exposed, unexposed, status, tuple(notes), label,
                                    decision.p_suspect.get(c)))
    return rows


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
