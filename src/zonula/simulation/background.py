"""Background symptom and covariate processes: AR(1) symptoms, stress, sleep, menses, NSAIDs."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from zonula.analysis.periods import FloatArray
from zonula.simulation.person import Person


@dataclass(frozen=True, slots=True)
class Background:
    """Per-period background level of each symptom and the daily covariates."""

    symptoms: FloatArray  # (n_symptoms, n_periods)
    stress: FloatArray  # per day, 0-10
    sleep: FloatArray  # hours, per day
    menses_days: np.ndarray  # bool per day (bleeding)
    nsaid_days: np.ndarray  # bool per day


def _ar1(n: int, phi: float, sd: float, rng: np.random.Generator) -> FloatArray:
    """A stationary AR(1) series with marginal SD `sd`."""
    out = np.empty(n)
    innov = sd * np.sqrt(1.0 - phi**2)
    out[0] = rng.normal(0.0, sd)
    for i in range(1, n):
        out[i] = phi * out[i - 1] + rng.normal(0.0, innov)
    return out


def simulate_background(person: Person, days: int, rng: np.random.Generator) -> Background:
    """Daily AR(1) symptom level plus within-day noise, with stress, menses and NSAID effects.

    §3: NRS mean 3, SD 1.5, AR(1) φ 0.5 (split into daily and within-day parts), stress +0.1
    per point, menses +0.5 on days −2..+2 around onset, NSAIDs (zonula assumption) +0.5.
    """
    p = person.params
    n_periods = 3 * days
    stress = np.clip(person.stress_mean + _ar1(days, 0.5, 1.5, rng), 0.0, 10.0)
    sleep = np.clip(rng.normal(7.0, 1.0, days), 3.0, 11.0)
    day_idx = np.arange(days)
    menses = np.zeros(days, dtype=bool)
    menses_window = np.zeros(days)
    if person.menstruates:
        phase = (day_idx + person.cycle_offset) % person.cycle_length
        menses = phase < 5
        onset = np.flatnonzero(phase == 0)
        for d in onset:
            menses_window[max(d - 2, 0):min(d + 3, days)] = 1.0
    nsaid = rng.random(days) < p.nsaid_day_p
    nsaid_window = (nsaid | np.concatenate(([False], nsaid[:-1]))).astype(float)
    shared = p.stress_effect * (stress - person.stress_mean) + p.menses_effect * menses_window \
        + p.nsaid_effect * nsaid_window
    levels = []
    for _ in person.symptoms:
        daily = _ar1(days, p.phi, p.daily_sd, rng)
        level = p.symptom_mean + np.repeat(daily + shared, 3) + rng.normal(0.0, p.period_sd, n_periods)
        levels.append(level)
    return Background(np.array(levels), stress, sleep, menses, nsaid)
