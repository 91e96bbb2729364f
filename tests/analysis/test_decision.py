"""The suspect decision: spike-and-slab P(suspect) and the Bayesian FDR selection."""

from __future__ import annotations

import numpy as np
import pytest

from zonula.analysis import ScreeningSettings, Status, screen
from zonula.analysis.decision import CATEGORY_PRIOR, OTHER_PRIOR, bayes_fdr_select, p_trigger, prior_for
from zonula.errors import ConfigError
from zonula.simulation import sample_person, scenario, simulate
from zonula.simulation.observed import screening_input


def probability(slope: float, se: float, prior: float) -> float:
    return float(p_trigger(np.array([slope]), np.array([se]), np.array([prior]), slab_mean=1.2,
                           slab_sd=0.6)[0])


def test_a_clear_effect_is_almost_surely_a_trigger_and_a_null_one_falls_below_the_prior() -> None:
    assert probability(1.5, 0.2, 0.1) > 0.99
    assert probability(0.0, 0.2, 0.45) < 0.45
    assert probability(-1.0, 0.3, 0.45) < 0.1  # clearly negative: not a trigger


def test_an_uninformative_estimate_leaves_the_prior_unchanged() -> None:
    assert probability(0.3, 1e6, 0.2) == pytest.approx(0.2, abs=1e-6)
    assert probability(0.3, float("inf"), 0.2) == pytest.approx(0.2, abs=1e-6)


def test_a_higher_prior_gives_a_higher_posterior_for_the_same_evidence() -> None:
    assert probability(0.8, 0.35, 0.45) > probability(0.8, 0.35, 0.10) > probability(0.8, 0.35, OTHER_PRIOR)


def test_bayes_fdr_takes_the_largest_set_whose_mean_lfdr_meets_the_target() -> None:
    chosen = bayes_fdr_select(np.array([0.15, 0.01, 0.5, 0.12]), 0.10)
    assert chosen.tolist() == [True, True, False, True]  # means 0.01, 0.065, 0.093, then 0.195
    chosen = bayes_fdr_select(np.array([0.15, 0.01, 0.5, 0.12]), 0.09)
    assert chosen.tolist() == [False, True, False, True]
    assert not bayes_fdr_select(np.array([0.2, 0.3]), 0.10).any()
    assert bayes_fdr_select(np.array([]), 0.10).size == 0


def test_categories_get_their_population_prior_and_everything_else_the_strict_one() -> None:
    prior = prior_for(["fructans", "gluten", "fructans"], [True, False, False])
    assert prior.tolist() == [CATEGORY_PRIOR["fructans"], OTHER_PRIOR, OTHER_PRIOR]


def test_every_tested_result_carries_p_suspect_and_suspects_meet_the_family_target() -> None:
    rng = np.random.default_rng(11)
    person = sample_person(scenario("default"), rng, triggers=["lactose", "caffeine"])
    settings = ScreeningSettings()
    report = screen(screening_input(simulate(person, 84, rng=rng)), symptoms=["bloating"], settings=settings)
    tested = [r for r in report.results if r.status is not Status.INSUFFICIENT_DATA]
    assert tested
    assert all(r.p_suspect is not None and 0.0 <= r.p_suspect <= 1.0 for r in tested)
    groups = [r for r in report.suspects if r.kind == "group"]
    if groups:
        assert np.mean([1.0 - (r.p_suspect or 0.0) for r in groups]) <= settings.fdr_target + 1e-9
    assert all(r.p_suspect is None for r in report.results if r.status is Status.INSUFFICIENT_DATA)


def test_settings_refuse_an_unknown_rule_or_an_impossible_target() -> None:
    with pytest.raises(ConfigError):
        ScreeningSettings(rule="vibes")
    with pytest.raises(ConfigError):
        ScreeningSettings(fdr_target=0.0)
    assert ScreeningSettings(rule="margin").rule == "margin"
