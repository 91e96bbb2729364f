"""Tunable parameters of the suspect screen, with the evidence-brief defaults."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

ENGINE_VERSION = "screen-1.0"


@dataclass(frozen=True, slots=True)
class ScreeningSettings:
    """Parameters of the screen (§2.5 and §2.7 of the evidence brief).

    Attributes:
        prior_sd: SD of the N(0, prior_sd²) shrinkage prior on every effect, in rating points.
        margin: effect size that matters (rating points); we report P(effect > margin).
        probability: posterior P(effect > margin) needed to name a suspect.
        q_max: largest calibrated Benjamini-Hochberg q-value of a suspect.
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
        ar_errors: AR(1)-error (common-factor) form of the lagged-outcome model; False uses
            the plain lagged-outcome regression.
    """

    prior_sd: float = 1.0
    margin: float = 0.5
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
    ar_errors: bool = True

    def as_dict(self) -> dict[str, Any]:
        """Plain dict (for the version hash and JSON)."""
        return asdict(self)
