"""The suspect decision: spike-and-slab P(suspect) and the Bayesian FDR selection."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from zonula.analysis import ScreeningSettings, Status, screen
from zonula.analysis.decision import (
    CATEGORY_PRIOR,
    OTHER_PRIOR,
    bayes_fdr_select,
    p_trigger_joint,
    prior_for,
)
from zonula.analysis.serialize import report_from_data, report_to_data
from zonula.errors import ConfigError
from zonula.simulation import sample_person, scenario, simulate
from zonula.simulation.observed import screening_input


def probability(slope: float, se: float, prior: float) -> float:
    return float(p_trigger_joint(np.array([[slope]]), np.array([[se]]), np.eye(1), np.array([prior]), main=[0],
                                 slab_mean=1.2, slab_sd=0.6)[0])


def single_symptom_formula(slope: float, se: float, prior: float) -> float:
    """The spike-and-slab posterior of one estimate, written out (decision.py's module docstring)."""
    v1, v0 = se**2 + 0.6**2, se**2 + 0.25**2
    slab = prior * np.exp(-0.5 * (slope - 1.2) ** 2 / v1) / np.sqrt(v1)
    spike = (1 - prior) * np.exp(-0.5 * slope**2 / v0) / np.sqrt(v0)
    return float(slab / (slab + spike))


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


def joint(slopes: list[list[float]], ses: list[list[float]], *, main: list[int], corr: float = 0.0,
          prior: float = 0.2, believed: float = 0.0) -> float:
    k = len(slopes[0])
    matrix = np.full((k, k), corr)
    np.fill_diagonal(matrix, 1.0)
    return float(p_trigger_joint(np.array(slopes), np.array(ses), matrix, np.array([prior]), main=main,
                                 slab_mean=1.2, slab_sd=0.6, null_mean=np.array([believed]))[0])


@given(st.floats(-3, 4), st.floats(0.05, 3), st.floats(0.01, 0.9))
def test_with_one_symptom_the_joint_posterior_is_the_single_symptom_one(slope: float, se: float,
                                                                           prior: float) -> None:
    expected = single_symptom_formula(slope, se, prior)
    assert joint([[slope]], [[se]], main=[0], prior=prior) == pytest.approx(expected, rel=1e-9, abs=1e-12)


def test_a_second_symptom_that_rises_too_adds_evidence_and_a_correlated_one_adds_less() -> None:
    alone = joint([[0.9]], [[0.4]], main=[0])
    assert joint([[0.9, 0.5]], [[0.4, 0.4]], main=[0]) > alone + 0.05
    assert joint([[0.9, 0.9]], [[0.4, 0.4]], main=[0]) > alone + 0.25
    # when the two ratings move together anyway, the second one repeats the first's noise
    assert joint([[0.9, 0.9]], [[0.4, 0.4]], main=[0], corr=0.8) < alone
    # a second symptom that does not move at all is weak evidence against a trigger
    assert joint([[0.9, -0.3]], [[0.4, 0.2]], main=[0]) < alone


def test_an_untested_symptom_counts_as_missing_not_as_zero() -> None:
    assert joint([[0.9, float("nan")]], [[0.4, float("nan")]], main=[0]) == pytest.approx(
        joint([[0.9]], [[0.4]], main=[0]))


def test_a_main_symptom_named_by_the_person_is_where_the_full_effect_is_expected() -> None:
    # the effect sits on symptom 1: naming symptom 0 as main makes that pattern less trigger-like
    pattern = [[0.2, 1.2]]
    assert joint(pattern, [[0.3, 0.3]], main=[1]) > joint(pattern, [[0.3, 0.3]], main=[]) \
        > joint(pattern, [[0.3, 0.3]], main=[0])


def test_a_food_the_person_already_suspected_needs_more_than_the_expected_nocebo_rise() -> None:
    assert joint([[0.8]], [[0.3]], main=[0], believed=0.5) < joint([[0.8]], [[0.3]], main=[0]) - 0.2
    assert joint([[2.0]], [[0.3]], main=[0], believed=0.5) > 0.95  # a large rise still counts


def test_two_symptoms_share_one_p_suspect_and_a_believed_food_gets_the_expectation_note() -> None:
    rng = np.random.default_rng(5)
    person = sample_person(scenario("default"), rng, triggers=["lactose"])
    data = replace(screening_input(simulate(person, 84, rng=rng)), main_symptoms=("bloating",),
                   believed=frozenset({"caffeine"}))
    report = screen(data, symptoms=["bloating", "abdominal_pain"])
    by_exposure: dict[str, set[float | None]] = {}
    for r in report.results:
        if r.status is not Status.INSUFFICIENT_DATA:
            by_exposure.setdefault(r.exposure, set()).add(r.p_suspect)
    assert by_exposure and all(len(ps) == 1 for ps in by_exposure.values())
    notes = {r.symptom: [n.key for n in r.notes] for r in report.results if r.exposure == "caffeine"}
    assert notes and all("expected" in keys for keys in notes.values())
    assert not any("expected" in (n.key for n in r.notes) for r in report.results if r.exposure == "lactose")
    data_section = report.as_dict()["data"]
    assert data_section["main_symptoms"] == ["bloating"] and data_section["believed"] == ["caffeine"]
    assert report_from_data(report_to_data(report)).summary == report.summary


def test_deciding_each_symptom_alone_is_the_screen_3_rule() -> None:
    rng = np.random.default_rng(8)
    person = sample_person(scenario("default"), rng, triggers=["lactose", "mannitol"])
    data = screening_input(simulate(person, 84, rng=rng))
    settings = ScreeningSettings(joint_symptoms=False, expectation_effect=0.0)
    both = screen(data, symptoms=["bloating", "abdominal_pain"], settings=settings)
    for key in ("bloating", "abdominal_pain"):
        alone = screen(data, symptoms=[key], settings=settings)
        assert [(r.exposure, r.status, r.p_suspect) for r in alone.results] == sorted(
            [(r.exposure, r.status, r.p_suspect) for r in both.results if r.symptom == key],
            key=lambda t: [(r.exposure, r.status, r.p_suspect) for r in alone.results].index(t))
