"""Tunable parameters of the suspect screen, with the evidence-brief defaults."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from zonula.errors import ConfigError

RULES = ("bfdr", "margin")
NOISE_MODELS = ("ar1", "days")

ENGINE_VERSION = "screen-4.0"


@dataclass(frozen=True, slots=True)
class ScreeningSettings:
    """Parameters of the screen (§2.5 and §2.7 of the evidence brief).

    Attributes:
        prior_sd: SD of the N(0, prior_sd²) shrinkage prior of the reported effect, in rating points.
        margin: effect size that matters (rating points); we report P(effect > margin).
        rule: `bfdr` names the largest set whose mean local false discovery rate (from the
            spike-and-slab posterior, `decision.py`) is ≤ `fdr_target` (`other_fdr_target` for
            other groups and single foods); `margin` names effects with P(effect > margin) ≥
            `probability` (the screen-1 rule).
        fdr_target: expected share of false suspects allowed among the pre-specified categories.
        other_fdr_target: the same for other groups and single foods (a stricter family).
        slab_mean: mean of the spike-and-slab prior's slab, rating points per unit exposure.
        slab_sd: SD of the slab.
        null_sd: SD of the spike (effects too small to matter), rating points per unit exposure.
        probability: posterior P(effect > margin) needed to name a suspect (`margin` rule).
        q_max: largest calibrated Benjamini-Hochberg q-value of a suspect (1 disables it).
        min_exposed: periods with the exposure needed to test it.
        min_unexposed: periods without it needed to test it.
        min_days: days with ratings before anything is tested.
        recommended_days: days recommended for a reliable screen.
        min_shift_days: smallest circular shift used for calibration, in days.
        max_shifts: most circular shifts used.
        min_food_occasions: occasions a single food needs to be screened on its own.
        max_foods: most single foods screened (the most often eaten).
        reverse_alpha: one-sided level of the reverse-causation check.
        together_corr: exposure correlation above which suspects are "eaten together".
        lag_kernels: weigh periods by the brief's lag kernels (`lags.py`) where a mechanism has
            one; False uses box windows for every exposure.
        ar_errors: AR(1)-error (common-factor) form of the lagged-outcome model; False uses
            the plain lagged-outcome regression.
        ar_order: order p of the AR(p) errors (3 reaches the same time of day yesterday).
        noise: `ar1` (period-level AR(1) errors, `ar_errors`/`ar_order`) or `days` (a daily AR(1)
            level plus period noise, `daynoise.py`).
        joint_symptoms: read P(suspect) jointly over the screened symptoms (the main symptoms
            first, the others as supporting evidence; `decision.p_trigger_joint`); False decides
            for each symptom on its own (screen-3).
        expectation_effect: the spike's centre, in rating points on a main symptom, for an
            exposure the person already believed in: §3 "Expectation / nocebo", a +2 flare with
            probability 0.25 when a known suspect is eaten, i.e. 0.5 expected.
        impute_unlogged_days: a day without any logged meal (and the two days before the diary)
            gets the average logged day's exposure instead of none (`exposures.py`).
    """

    prior_sd: float = 1.0
    margin: float = 0.5
    rule: str = "bfdr"
    fdr_target: float = 0.07
    other_fdr_target: float = 0.05
    slab_mean: float = 1.2
    slab_sd: float = 0.6
    null_sd: float = 0.25
    probability: float = 0.95
    q_max: float = 0.10
    min_exposed: int = 6
    min_unexposed: int = 6
    min_days: int = 14
    recommended_days: int = 28
    min_shift_days: int = 3
    max_shifts: int = 1000
    min_food_occasions: int = 6
    max_foods: int = 300
    reverse_alpha: float = 0.02
    together_corr: float = 0.8
    lag_kernels: bool = True
    ar_errors: bool = True
    ar_order: int = 1
    impute_unlogged_days: bool = True
    noise: str = "days"
    joint_symptoms: bool = True
    expectation_effect: float = 0.5

    def __post_init__(self) -> None:
        if self.rule not in RULES:
            raise ConfigError(f"unknown screening rule {self.rule!r} (one of {', '.join(RULES)})")
        if self.noise not in NOISE_MODELS:
            raise ConfigError(f"unknown noise model {self.noise!r} (one of {', '.join(NOISE_MODELS)})")
        if not 0.0 < self.fdr_target < 1.0 or not 0.0 < self.other_fdr_target < 1.0:
            raise ConfigError("screening FDR targets must lie between 0 and 1")

    def as_dict(self) -> dict[str, Any]:
        """Plain dict (for the version hash and JSON)."""
        return asdict(self)
