"""Simulated people from the diary simulator follow plans; the service replays their logged ratings."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from zonula.protocol.days import Activity, Phase
from zonula.protocol.settings import Mode, PlanSettings, Suspect
from zonula.service import Diary
from zonula.simulation import sample_person, scenario
from zonula.simulation.menu import true_groups
from zonula.simulation.plan_driver import avoided_groups, exposure_for, lexicon_group
from zonula.simulation.plan_person import PlanLife, live_plan

STRONG = replace(scenario("default"), trigger_effect=3.0, reaction_p=0.9)


def _life(seed: int, *, blinded: bool = True, trigger: str = "lactose") -> tuple[PlanSettings, PlanLife]:
    rng = np.random.default_rng(seed)
    person = sample_person(STRONG, rng, triggers=[trigger])
    settings = PlanSettings(
        mode=Mode.TARGETED,
        seed=seed,
        suspects=(Suspect("lactose"), Suspect("caffeine")),
        main_symptoms=(person.main_symptom,),
        blinded=blinded,
    )
    return settings, live_plan(person, settings, rng)


def test_a_simulated_person_walks_the_whole_protocol_in_phase_order() -> None:
    _settings, life = _life(3)
    order = [Phase.RUN_IN, Phase.ELIMINATION, Phase.REINTRODUCTION, Phase.CONFIRMATION, Phase.MAINTENANCE]
    seen = list(dict.fromkeys(d.phase for d in life.days))
    assert seen == [p for p in order if p in seen]
    assert life.days[-1].phase in (Phase.MAINTENANCE, Phase.STOPPED)
    assert seen[:2] == [Phase.RUN_IN, Phase.ELIMINATION]


@pytest.mark.parametrize("seed", [2, 3, 5])
def test_the_elimination_diet_never_serves_a_suspect_outside_a_challenge(seed: int) -> None:
    settings, life = _life(seed)
    avoided = avoided_groups(settings)
    by_day = dict(enumerate(life.days))
    for day, occ in life.eaten:
        plan_day = by_day[day]
        exposure = exposure_for(plan_day, settings)
        found = {g for g, levels in true_groups(occ.items).items() if {"moderate", "high"} & set(levels)}
        if exposure.group is not None and occ.slot == "snack" and occ.hour == 12.5:
            assert lexicon_group(exposure.group) in found
        elif plan_day.phase is not Phase.RUN_IN:
            assert not found & avoided, (plan_day, occ)


def test_challenge_days_serve_escalating_portions() -> None:
    _, life = _life(3)
    challenge = [(i, d) for i, d in enumerate(life.days) if d.activity is Activity.CHALLENGE]
    served = {day: occ.portion for day, occ in life.eaten if occ.hour == 12.5}
    assert challenge
    assert [served[i] for i, _ in challenge[:3]] == ["small", "usual", "large"]


def test_the_service_replays_simulated_ratings_into_the_same_plan(diary: Diary) -> None:
    settings, life = _life(3)
    diary.add_many(list(life.entries))
    start = life.days[0].on
    diary.start_plan(
        mode=settings.mode,
        suspects=settings.suspects,
        main_symptoms=settings.main_symptoms,
        blinded=True,
        on=start,
        seed=settings.seed,
    )
    status = diary.plan_status(on=life.days[-1].on)
    assert [d.activity for d in status.timeline.days] == [d.activity for d in life.days]
    assert [v.outcome for v in status.timeline.confirmation] == [v.outcome for v in life.walker.confirmation]
