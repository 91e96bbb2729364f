"""The simulator: reproducible, valid zonula entries, §3 behaviour, and a swappable diet driver."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from zonula.domain.entries import EntryKind, validate
from zonula.simulation import DietContext, HabitualDiet, Occasion, sample_person, scenario, simulate
from zonula.simulation.drivers import contains_any


def diary(seed: int = 1, days: int = 28, name: str = "default", **kw: object):  # type: ignore[no-untyped-def]
    rng = np.random.default_rng(seed)
    person = sample_person(scenario(name), rng, **kw)  # type: ignore[arg-type]
    return simulate(person, days, rng=rng)


def test_the_same_seed_gives_the_same_diary() -> None:
    a, b = diary(3), diary(3)
    assert [(e.kind, e.at, e.name, e.value) for e in a.entries] == [(e.kind, e.at, e.name, e.value)
                                                                    for e in b.entries]
    assert a.truth == b.truth


def test_every_entry_is_a_valid_zonula_entry() -> None:
    d = diary(2)
    kinds = {e.kind for e in d.entries}
    assert {EntryKind.MEAL, EntryKind.SYMPTOM, EntryKind.STOOL, EntryKind.STRESS, EntryKind.SLEEP} <= kinds
    for e in d.entries:
        assert validate(e) == e
        assert e.at.tzinfo is not None


def test_about_five_occasions_a_day_and_three_prompts_on_logged_days() -> None:
    d = diary(4, days=56)
    eaten_per_day = len(d.eaten) / 56
    assert 4.0 <= eaten_per_day <= 6.0  # §3: ≈ 5 eating occasions a day
    ratings = [e for e in d.entries if e.kind is EntryKind.SYMPTOM and e.name == "bloating"]
    logged_days = {e.at.date() for e in d.entries if e.kind is EntryKind.STRESS}
    assert 0.6 * 56 <= len(logged_days) <= 0.92 * 56  # 15 % MCAR + MNAR missing days
    assert 2.4 <= len(ratings) / len(logged_days) <= 3.0


def test_chinese_and_mixed_diaries_write_meals_in_those_languages() -> None:
    rng = np.random.default_rng(11)
    person = sample_person(scenario("default"), rng)
    zh = simulate(person, 7, rng=np.random.default_rng(1), lang="zh")
    mixed = simulate(person, 14, rng=np.random.default_rng(1), lang="mixed")
    zh_meals = [e.name for e in zh.entries if e.kind is EntryKind.MEAL]
    assert zh_meals and all(not any(c.isascii() and c.isalpha() for c in m) for m in zh_meals)
    mixed_text = " ".join(e.name for e in mixed.entries if e.kind is EntryKind.MEAL)
    assert any("\u4e00" <= c <= "\u9fff" for c in mixed_text) and any(c.isascii() and c.isalpha() for c in mixed_text)
    assert zh.entries[0].at.utcoffset() is not None and zh.entries[0].at.utcoffset().total_seconds() == 8 * 3600


def test_the_null_scenario_has_no_triggers_and_no_reactions() -> None:
    d = diary(5, name="null")
    assert d.truth["triggers"] == []
    assert d.truth["reactions"] == 0


def test_truth_lists_each_trigger_with_effect_lag_and_probability() -> None:
    d = diary(6, triggers=["fructans", "lactose"])
    groups = {t["group"]: t for t in d.truth["triggers"]}
    assert set(groups) == {"fructans", "lactose"}
    assert groups["fructans"]["lag_median_h"] == 10.0 and groups["lactose"]["lag_median_h"] == 1.5
    assert groups["lactose"]["effect"] == 2.0 and groups["lactose"]["probability"] == 0.6
    assert d.truth["reactions"] > 0


def test_an_unknown_trigger_is_refused() -> None:
    with pytest.raises(ValueError, match="no lag known"):
        diary(7, triggers=["chocolate"])


def test_reactions_raise_the_main_symptom() -> None:
    strong = replace(scenario("default"), trigger_effect=3.0, reaction_p=1.0)
    rng = np.random.default_rng(8)
    person = sample_person(strong, rng, triggers=["lactose"])
    with_trigger = simulate(person, 28, rng=np.random.default_rng(9))
    without = simulate(replace(person, triggers=()), 28, rng=np.random.default_rng(9))
    assert with_trigger.true_symptoms[0].mean() > without.true_symptoms[0].mean() + 0.2


class AvoidDairyThenMilk(HabitualDiet):
    """A plan-like driver: avoid dairy, and drink a large milk at 15:00 on day 3."""

    def serve(self, slot: str, hour: float, context: DietContext, rng: np.random.Generator) -> Occasion | None:
        if context.day == 3 and slot == "snack":
            return self.serving_of_group("lactose", "large", hour, rng)
        return super().serve(slot, hour, context, rng)


def test_a_plan_following_driver_can_replace_the_habitual_diet() -> None:
    rng = np.random.default_rng(10)
    person = sample_person(scenario("default"), rng, triggers=["lactose"])
    driver = AvoidDairyThenMilk(person, avoid_groups=frozenset({"dairy", "lactose"}))
    d = simulate(person, 10, driver, rng)
    for day, occ in d.eaten:
        challenge = day == 3 and occ.slot == "snack"
        assert challenge or not any(contains_any(it, frozenset({"lactose"})) for it in occ.items)
        if challenge:
            assert occ.portion == "large"


def test_a_trace_of_a_trigger_group_provokes_no_reaction() -> None:
    from zonula.simulation.menu import BY_ID
    from zonula.simulation.simulate import _react

    person = sample_person(scenario("default"), np.random.default_rng(1), triggers=["fructans"])
    person = replace(person, triggers=tuple(replace(t, probability=1.0, threshold=0.1) for t in person.triggers))
    rng = np.random.default_rng(2)
    oats = Occasion("breakfast", 8.0, (BY_ID["oatmeal"],), "large")  # fructans: low (a trace)
    toast = Occasion("breakfast", 8.0, (BY_ID["toast"],), "usual")  # fructans: high
    assert _react(person, oats, 8.0, rng) == []
    assert [r.cause for r in _react(person, toast, 8.0, rng)] == ["fructans"]


def test_the_first_diary_morning_carries_reactions_to_the_days_before() -> None:
    person = sample_person(scenario("default"), np.random.default_rng(3), triggers=["fructans"])
    person = replace(person, triggers=tuple(replace(t, probability=1.0, threshold=0.1) for t in person.triggers))
    d = simulate(person, 7, rng=np.random.default_rng(4))
    assert all(day >= 0 for day, _ in d.eaten)
    assert d.true_symptoms.shape[1] == 7 * 3
    assert any(r.start < 4.0 < r.end or r.start < 0.0 for r in d.reactions)  # began before day 0 04:00
