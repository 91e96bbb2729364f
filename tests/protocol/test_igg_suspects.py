"""IgG-panel results are suspects to test, never verdicts: only challenge data decide."""

from __future__ import annotations

from datetime import date, timedelta

from zonula.protocol.days import Phase
from zonula.protocol.events import EventKind, PlanEvent
from zonula.protocol.settings import Mode, PlanSettings, Suspect, SuspectSource
from zonula.protocol.timeline import replay
from zonula.protocol.today import today
from zonula.protocol.verdicts import ReintroductionOutcome

START = date(2026, 3, 2)
IGG = PlanSettings(mode=Mode.TARGETED, seed=3, suspects=(Suspect("egg", SuspectSource.IGG_PANEL),))


def _scores() -> dict[date, float | None]:
    return {START + timedelta(days=i): (4.0 if i < 14 else 2.0) for i in range(120)}


def test_an_igg_suspect_has_no_verdict_before_its_challenge() -> None:
    tl = replay([PlanEvent(EventKind.STARTED, START, settings=IGG)], _scores(), START + timedelta(days=44))
    assert tl.last.phase is Phase.REINTRODUCTION
    assert tl.reintroduction == []
    assert tl.confirmation == []


def test_an_igg_suspect_that_causes_nothing_is_tolerated() -> None:
    tl = replay([PlanEvent(EventKind.STARTED, START, settings=IGG)], _scores(), START + timedelta(days=100))
    assert [v.outcome for v in tl.reintroduction] == [ReintroductionOutcome.TOLERATED]
    assert tl.settings.source_of("egg") is SuspectSource.IGG_PANEL


def test_an_unrated_igg_challenge_is_unclear_not_a_trigger() -> None:
    scores = _scores()
    for i in range(42, 60):
        scores[START + timedelta(days=i)] = None
    tl = replay([PlanEvent(EventKind.STARTED, START, settings=IGG)], scores, START + timedelta(days=59))
    assert {v.outcome for v in tl.reintroduction} == {ReintroductionOutcome.UNCLEAR_REPEAT}


def test_today_reminds_that_igg_shows_exposure_not_intolerance() -> None:
    tl = replay([PlanEvent(EventKind.STARTED, START, settings=IGG)], _scores(), START + timedelta(days=42))
    assert any("IgG" in n for n in today(tl).notices)
