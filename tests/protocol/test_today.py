"""Today's guidance: diet, portion, what to log and what comes next, in English and Chinese."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta

import pytest

from zonula.i18n import set_language
from zonula.protocol.days import Activity, Phase, PlanDay
from zonula.protocol.events import EventKind, PlanEvent
from zonula.protocol.settings import PlanSettings
from zonula.protocol.timeline import Timeline, replay
from zonula.protocol.today import today
from zonula.simulation.plan_driver import PlanExposure, run_plan

START = date(2026, 1, 5)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    set_language("en")
    yield
    set_language("en")


def _tl(settings: PlanSettings, upto: int, reaction: tuple[int, int] = (0, 0)) -> Timeline:
    scores = {
        START + timedelta(days=i): (4.0 if i < 14 else 5.5 if reaction[0] <= i <= reaction[1] else 2.0)
        for i in range(200)
    }
    return replay([PlanEvent(EventKind.STARTED, START, settings=settings)], scores, START + timedelta(days=upto))


def test_the_run_in_says_eat_as_usual_and_what_to_log(targeted: PlanSettings) -> None:
    t = today(_tl(targeted, 3))
    assert "usually" in t.headline
    assert any("three times" in line for line in t.log)
    assert any("Bristol" in line for line in t.log)
    assert t.portion is None


def test_a_challenge_day_gives_the_portion_of_the_day(targeted: PlanSettings) -> None:
    tl = _tl(targeted, 42)
    t = today(tl)
    assert t.day.activity is Activity.CHALLENGE
    assert t.portion in {"½ cup of milk", "½ cup of coffee"}
    assert any(t.portion in line for line in t.food)


def test_portions_come_in_chinese_for_chinese_users(targeted: PlanSettings) -> None:
    set_language("zh")
    t = today(_tl(targeted, 42))
    assert t.portion in {"半杯牛奶", "半杯咖啡"}


def test_blinded_confirmation_shows_the_sachet_code_not_the_food(targeted: PlanSettings) -> None:
    s = replace(targeted, blinded=True)
    tl = _tl(s, 120, reaction=(42, 45))
    days = [d for d in tl.days if d.activity in (Activity.FOOD_BLOCK, Activity.CONTROL_BLOCK)]
    assert days
    upto = (days[0].on - START).days
    t = today(_tl(s, upto, reaction=(42, 45)))
    assert t.portion == days[0].sachet_code
    assert not any("milk" in line for line in t.food)


def test_a_non_responder_is_told_to_stop_restricting(targeted: PlanSettings) -> None:
    scores = {START + timedelta(days=i): 4.0 for i in range(80)}
    tl = replay([PlanEvent(EventKind.STARTED, START, settings=targeted)], scores, START + timedelta(days=60))
    t = today(tl)
    assert any("Stop restricting" in line for line in t.food)
    assert any("clinician" in line for line in t.next)
    assert t.log == ()


def _maintenance_timeline(targeted: PlanSettings, extra_days: int) -> Timeline:
    def score(i: int, day: PlanDay, exposure: PlanExposure) -> float:
        base = 4.0 if day.phase is Phase.RUN_IN else 2.0 + 0.3 * ((i * 7919) % 5 - 2) / 2
        return base + (3.0 if exposure.group == "lactose" else 0.0)

    run = run_plan(targeted, score, start=START, max_days=400)
    assert run.walker.phase is Phase.MAINTENANCE
    w = run.walker
    days = list(run.days)
    for _ in range(extra_days):
        w.advance(2.0)
        days.append(w.day(days[-1].on + timedelta(days=1)))
    return Timeline(targeted, days, w)


def test_maintenance_limits_only_confirmed_triggers_and_reminds_to_retest(targeted: PlanSettings) -> None:
    tl = _maintenance_timeline(targeted, 0)
    assert [v.group for v in tl.confirmation if v.outcome.value == "likely_trigger"] == ["lactose"]
    t = today(tl)
    assert t.food[0].startswith("Limit Lactose")
    assert any("every 3 months" in line for line in t.next)
    due = today(_maintenance_timeline(targeted, 90))
    assert due.day.rechallenge_due
    assert any("Re-test" in line for line in due.next)
