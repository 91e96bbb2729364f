"""Reintroduction Δ rules, conjugate posterior, exact randomisation test and the sequential decision."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zonula.protocol.groups import PortionLevel
from zonula.protocol.verdicts import (
    ConfirmationOutcome,
    ReintroductionOutcome,
    block_difference,
    confirmation_verdict,
    posterior,
    prob_above,
    randomisation_p,
    reintroduction_verdict,
)


def test_a_flat_challenge_is_tolerated_at_the_high_dose() -> None:
    v = reintroduction_verdict("lactose", before=[2, 2, 2], challenge=[2, 2.3, 2.1], follow_up=[2], sd=1.0)
    assert v.outcome is ReintroductionOutcome.TOLERATED
    assert v.highest_tolerated is PortionLevel.HIGH
    assert v.delta == pytest.approx(0.1)


def test_a_rise_of_one_point_is_a_possible_trigger() -> None:
    v = reintroduction_verdict("lactose", before=[3, 3, 3], challenge=[3, 4, 5], follow_up=[4], sd=1.0)
    assert v.outcome is ReintroductionOutcome.POSSIBLE_TRIGGER
    assert v.delta == pytest.approx(1.0)


def test_a_thirty_percent_rise_at_a_low_baseline_is_a_possible_trigger() -> None:
    v = reintroduction_verdict("gos", before=[1, 1, 1], challenge=[1.5, 1.8, 1.9], follow_up=[1.6, 1.7], sd=1.0)
    assert v.delta is not None
    assert 0.5 <= v.delta < 1.0
    assert v.outcome is ReintroductionOutcome.POSSIBLE_TRIGGER


def test_a_single_spike_above_two_sd_prevents_a_tolerated_verdict() -> None:
    v = reintroduction_verdict("sorbitol", before=[3, 3, 3], challenge=[2, 2, 6], follow_up=[2], sd=1.0)
    assert v.delta == pytest.approx(0.0)
    assert v.outcome is ReintroductionOutcome.UNCLEAR_REPEAT


def test_a_middling_rise_is_unclear_and_asks_for_a_repeat() -> None:
    v = reintroduction_verdict("mannitol", before=[4, 4, 4], challenge=[4.5, 4.8, 4.7], follow_up=[4.6], sd=1.5)
    assert v.outcome is ReintroductionOutcome.UNCLEAR_REPEAT


def test_missing_ratings_give_unclear_repeat_not_a_trigger() -> None:
    v = reintroduction_verdict("lactose", before=[2, None, None], challenge=[9, None, None], follow_up=[None], sd=1)
    assert v.outcome is ReintroductionOutcome.UNCLEAR_REPEAT
    assert v.reason == "missing_ratings"


def test_highest_tolerated_dose_is_the_portion_before_the_first_raised_day() -> None:
    v = reintroduction_verdict("lactose", before=[2, 2, 2], challenge=[2, 2, 5], follow_up=[5], sd=1.0)
    assert v.outcome is ReintroductionOutcome.POSSIBLE_TRIGGER
    assert v.highest_tolerated is PortionLevel.MODERATE


def test_a_lagged_group_blames_the_previous_day_portion() -> None:
    v = reintroduction_verdict("fructans_wheat", before=[2, 2, 2], challenge=[2, 2, 5], follow_up=[5, 4], sd=1.0, lag=1)
    assert v.highest_tolerated is PortionLevel.LOW


def test_block_difference_needs_two_ratings_per_block() -> None:
    assert block_difference([3, 4, None, None], [2, 2, 2, 2]) == pytest.approx(1.5)
    assert block_difference([3, None, None, None], [2, 2, 2, 2]) is None


def test_posterior_matches_the_conjugate_normal_formula() -> None:
    m, s = posterior([1.0, 2.0], sigma_d=1.0)
    assert m == pytest.approx(3.0 / 3.0)
    assert s == pytest.approx(math.sqrt(1 / 3))


def test_randomisation_p_is_one_over_two_to_the_k_when_every_difference_is_positive() -> None:
    assert randomisation_p([1.0, 2.0, 0.5, 3.0]) == pytest.approx(1 / 16)


def test_randomisation_p_counts_assignments_at_least_as_extreme() -> None:
    # Sign flips of (2, -1): sums 1, 3, -3, -1; observed 1 -> {3, 1} -> 2/4.
    assert randomisation_p([2.0, -1.0]) == pytest.approx(0.5)


@given(st.lists(st.floats(-5, 5, allow_nan=False), min_size=1, max_size=6))
def test_randomisation_p_lies_between_its_minimum_and_one(d: list[float]) -> None:
    p = randomisation_p(d)
    assert 1 / 2 ** len(d) - 1e-12 <= p <= 1.0


def test_confirmation_waits_for_two_cycles_before_deciding() -> None:
    v = confirmation_verdict("lactose", [4.0], sigma_d=1.0)
    assert v.outcome is ConfirmationOutcome.IN_PROGRESS
    assert prob_above([4.0], 1.0) > 0.9


def test_consistently_large_differences_give_likely_trigger_with_probability_and_p() -> None:
    v = confirmation_verdict("lactose", [2.5, 2.0], sigma_d=1.0)
    assert v.outcome is ConfirmationOutcome.LIKELY_TRIGGER
    assert v.prob_trigger >= 0.9
    assert v.randomisation_p == pytest.approx(0.25)
    assert v.min_p == pytest.approx(0.25)


def test_near_zero_differences_give_likely_tolerated() -> None:
    v = confirmation_verdict("lactose", [-0.3, 0.1, -0.2], sigma_d=0.8)
    assert v.outcome is ConfirmationOutcome.LIKELY_TOLERATED
    assert v.prob_tolerated >= 0.9


def test_four_mixed_cycles_are_inconclusive_at_this_dose() -> None:
    v = confirmation_verdict("lactose", [1.5, -0.5, 1.2, 0.0], sigma_d=1.5)
    assert v.outcome is ConfirmationOutcome.INCONCLUSIVE_AT_THIS_DOSE
    assert v.cycles == 4
