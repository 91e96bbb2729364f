"""Facade: simulated diaries for trying zonula out and for benchmarks (no database needed)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from zonula.domain.entries import Entry
from zonula.simulation import sample_person, scenario, simulate
from zonula.simulation.render import LANGUAGES


def simulate_diary(*, days: int = 56, seed: int = 1, scenario_name: str = "default",
                   triggers: Sequence[str] | None = None, lang: str = "en"
                   ) -> tuple[list[Entry], dict[str, Any]]:
    """One simulated person's diary entries and the truth behind them (ValueError on bad input)."""
    if days < 1:
        raise ValueError("days must be at least 1")
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r} (one of {', '.join(LANGUAGES)})")
    rng = np.random.default_rng(seed)
    person = sample_person(scenario(scenario_name), rng, triggers=triggers)
    diary = simulate(person, days, rng=rng, lang=lang)
    truth = dict(diary.truth)
    truth["seed"] = seed
    return list(diary.entries), truth
