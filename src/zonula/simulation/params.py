"""Simulator parameters, taken from §3 of the evidence brief, and the named scenarios.

Every default cites its row of /work/shared/research/evidence-and-methods.md §3. Values the brief
marks ASSUMPTION stay assumptions; values it does not give at all are marked "zonula
assumption" here and listed in docs/screening.md.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Final


@dataclass(frozen=True, slots=True)
class Lag:
    """Onset lag (lognormal: median and 90 % interval, hours) and reaction duration (hours)."""

    median: float
    low: float
    high: float
    duration: float


#: §3 "Onset lag" and "Reaction duration" rows. Fat/caffeine/spice duration 3 h and dairy-protein
#: lag/duration are zonula assumptions (the brief gives neither).
LAGS: Final[dict[str, Lag]] = {
    "lactose": Lag(1.5, 0.5, 4.0, 6.0),
    "sorbitol": Lag(3.0, 0.5, 10.0, 6.0),
    "mannitol": Lag(3.0, 0.5, 10.0, 6.0),
    "excess_fructose": Lag(3.0, 0.5, 10.0, 6.0),
    "fructans": Lag(10.0, 3.0, 30.0, 18.0),
    "gos": Lag(10.0, 3.0, 30.0, 18.0),
    "high_fat": Lag(0.5, 0.1, 2.0, 3.0),
    "caffeine": Lag(0.5, 0.1, 2.0, 3.0),
    "spicy": Lag(0.5, 0.1, 2.0, 3.0),
    "dairy": Lag(4.0, 1.0, 16.0, 6.0),
    "gluten": Lag(24.0, 6.0, 72.0, 24.0),
}

#: §3 "Which triggers": per-category prevalences (Van den Houte 2024 shrunk toward placebo).
TRIGGER_WEIGHTS: Final[dict[str, float]] = {
    "fructans": 0.45, "mannitol": 0.40, "gos": 0.20, "lactose": 0.15, "excess_fructose": 0.10,
    "sorbitol": 0.10, "dairy": 0.10, "high_fat": 0.10, "caffeine": 0.10, "spicy": 0.10,
}

#: §3 "Number of true diet triggers": P(0)=.30, 1=.20, 2=.20, 3=.15, ≥4=.15 (mean ≈ 1.8); the
#: ≥4 mass is spread over 4, 5 and 6 so that the mean is 1.8.
TRIGGER_COUNT_P: Final[tuple[float, ...]] = (0.30, 0.20, 0.20, 0.15, 0.05, 0.05, 0.05)


@dataclass(frozen=True, slots=True)
class ScenarioParams:
    """All knobs of one scenario (defaults = §3 "Default" column)."""

    name: str = "default"
    #: §3 "Continuous daily score": NRS mean 3, within-person SD 1.5, AR(1) φ 0.5. zonula
    #: assumption: the SD is split into a daily AR(1) part (1.2) and a within-day part (0.9).
    symptom_mean: float = 3.0
    daily_sd: float = 1.2
    period_sd: float = 0.9
    phi: float = 0.5
    #: §3 "Stress effect": +0.1 NRS per stress point, same moment.
    stress_effect: float = 0.1
    #: §3 "Menses": +0.5 NRS on days −2..+2 around onset.
    menses_effect: float = 0.5
    #: zonula assumption: share of simulated people who menstruate.
    menstruating_share: float = 0.45
    #: zonula assumption (not in §3): NSAID on 4 % of days, +0.5 that day and the next.
    nsaid_day_p: float = 0.04
    nsaid_effect: float = 0.5
    #: §3 "Number of true diet triggers" / "Which triggers"; False in the null scenario.
    triggers: bool = True
    #: §3 "Effect on reaction period": +2 NRS on the main symptom. zonula assumption: half of
    #: that on the second symptom.
    trigger_effect: float = 2.0
    second_symptom_share: float = 0.5
    #: §3 "Reaction probability": 0.6 at a usual portion, ×0.5 small, ×1.0 large; 0 below a
    #: personal dose threshold (zonula assumption: threshold uniform 0.1-0.4 dose units).
    reaction_p: float = 0.6
    threshold_low: float = 0.1
    threshold_high: float = 0.4
    #: §3 "Eating occasions/day" 5 (≈2.7 meals + 2.2 snacks) and "Meal timing".
    breakfast_p: float = 0.8
    lunch_p: float = 0.95
    dinner_p: float = 0.95
    snacks_per_day: float = 2.2
    timing_jitter_h: float = 0.75
    #: §3 "Items per occasion": 3 (1-6).
    items_per_meal: float = 3.0
    #: §3 "Food frequency distribution": Zipf-like, exponent 0.8-1.2; 3-6 staples.
    zipf_low: float = 0.8
    zipf_high: float = 1.2
    #: §3 "Exposure stickiness (leftovers/habit), lag-1": 0.3.
    stickiness: float = 0.3
    #: §3 "Reverse causation": 2 comfort foods ×2.5 more likely after a bad period; believed
    #: suspects ×0.5.
    comfort_foods: int = 2
    comfort_factor: float = 2.5
    suspect_factor: float = 0.5
    #: §3 "Expectation / nocebo": P(+2 NRS flare) 0.25 when a *known* suspect is eaten. zonula
    #: assumption: in the default run-in nobody has named suspects yet (0 believed suspects).
    believed_suspects: int = 0
    nocebo_p: float = 0.25
    nocebo_effect: float = 2.0
    #: §3 "Prompt schedule": 3 ratings/day. zonula assumption: 10 % of prompts skipped.
    prompt_skip: float = 0.10
    #: §3 "Day-level missingness": 15 % MCAR + extra 10 % on high-symptom days (MNAR).
    missing_mcar: float = 0.15
    missing_mnar: float = 0.10
    #: §3 "Meal omission on logged days": 10 %.
    meal_omission: float = 0.10
    #: §3 "Ingredient under-reporting in mixed dishes": 20 % of hidden ingredients missing.
    hidden_missing: float = 0.20
    #: §3 "Time-stamp error": back-filled entries ±1 h (SD). zonula assumption: 30 % back-filled.
    backfill_share: float = 0.30
    backfill_sd_h: float = 1.0


DEFAULT: Final = ScenarioParams()

SCENARIOS: Final[dict[str, ScenarioParams]] = {
    "default": DEFAULT,
    "null": replace(DEFAULT, name="null", triggers=False),
    # §2.6 / §3 ranges: strong autocorrelation φ 0.7 with stickiness 0.6.
    "autocorrelated": replace(DEFAULT, name="autocorrelated", phi=0.7, stickiness=0.6),
    # §3 range "0-3 foods": three comfort foods, plus two believed suspects avoided after bad periods.
    "reverse_causation": replace(DEFAULT, name="reverse_causation", comfort_foods=3, believed_suspects=2,
                                 nocebo_p=0.0),
    # §3 "Expectation / nocebo": two believed suspects, flare probability 0.25.
    "nocebo": replace(DEFAULT, name="nocebo", believed_suspects=2),
    # §3 range for missingness 5-30 %: extra 30 % on high-symptom days.
    "mnar": replace(DEFAULT, name="mnar", missing_mnar=0.30),
}


def scenario(name: str) -> ScenarioParams:
    """The named scenario's parameters (ValueError when unknown)."""
    try:
        return SCENARIOS[name]
    except KeyError:
        raise ValueError(f"unknown scenario {name!r} (one of {', '.join(SCENARIOS)})") from None
