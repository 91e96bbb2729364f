"""A simulated person: sampled habits, true triggers, beliefs and cycles (§3 "person → habits")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from zonula.simulation.menu import MENU
from zonula.simulation.params import LAGS, TRIGGER_COUNT_P, TRIGGER_WEIGHTS, Lag, ScenarioParams

SYMPTOMS = ("bloating", "abdominal_pain")


@dataclass(frozen=True, slots=True)
class Trigger:
    """A true trigger: group, effect on the main symptom, reaction probability, lag, dose threshold."""

    group: str
    effect: float
    probability: float
    lag: Lag
    threshold: float

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form for the truth file."""
        return {
            "group": self.group,
            "effect": self.effect,
            "probability": self.probability,
            "lag_median_h": self.lag.median,
            "lag_90_h": [self.lag.low, self.lag.high],
            "duration_h": self.lag.duration,
            "dose_threshold": round(self.threshold, 3),
        }


@dataclass(frozen=True, slots=True)
class Person:
    """Everything sampled once per simulated person."""

    params: ScenarioParams
    triggers: tuple[Trigger, ...]
    preferences: dict[str, float]
    comfort_foods: tuple[str, ...]
    believed_suspects: tuple[str, ...]
    menstruates: bool
    cycle_length: int
    cycle_offset: int
    stress_mean: float
    symptoms: tuple[str, ...] = SYMPTOMS

    @property
    def main_symptom(self) -> str:
        """The symptom the triggers act on in full."""
        return self.symptoms[0]

    @property
    def trigger_groups(self) -> frozenset[str]:
        """Groups that truly trigger symptoms."""
        return frozenset(t.group for t in self.triggers)


def _pick_triggers(params: ScenarioParams, rng: np.random.Generator) -> list[str]:
    if not params.triggers:
        return []
    n = int(rng.choice(len(TRIGGER_COUNT_P), p=np.array(TRIGGER_COUNT_P)))
    groups = list(TRIGGER_WEIGHTS)
    weights = np.array([TRIGGER_WEIGHTS[g] for g in groups])
    chosen = rng.choice(len(groups), size=min(n, len(groups)), replace=False, p=weights / weights.sum())
    return [groups[i] for i in chosen]


def sample_person(params: ScenarioParams, rng: np.random.Generator, *,
                  triggers: Sequence[str] | None = None) -> Person:
    """Draw one person for a scenario; `triggers` forces the trigger groups (None: §3 prior)."""
    groups = list(triggers) if triggers is not None else _pick_triggers(params, rng)
    unknown = [g for g in groups if g not in LAGS]
    if unknown:
        raise ValueError(f"no lag known for trigger group(s) {', '.join(unknown)} (one of {', '.join(LAGS)})")
    made = tuple(Trigger(g, params.trigger_effect, params.reaction_p, LAGS[g],
                         float(rng.uniform(params.threshold_low, params.threshold_high))) for g in groups)
    order = rng.permutation(len(MENU))
    exponent = rng.uniform(params.zipf_low, params.zipf_high)
    preferences = {MENU[i].id: float(1.0 / (rank + 1) ** exponent) for rank, i in enumerate(order)}
    bland = [i.id for i in MENU if i.bland]
    n_comfort = min(params.comfort_foods, len(bland))
    comfort = tuple(str(x) for x in rng.choice(bland, size=n_comfort, replace=False))
    candidates = list(TRIGGER_WEIGHTS)
    believed = tuple(str(x) for x in rng.choice(candidates, size=params.believed_suspects, replace=False))
    return Person(params=params, triggers=made, preferences=preferences, comfort_foods=comfort,
                  believed_suspects=believed, menstruates=bool(rng.random() < params.menstruating_share),
                  cycle_length=int(rng.integers(26, 31)), cycle_offset=int(rng.integers(0, 28)),
                  stress_mean=float(rng.uniform(3.0, 5.0)))
