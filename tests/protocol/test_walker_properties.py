"""Property tests: any ratings (missing, flat, zero, extreme) give a well-formed, causal plan."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from zonula.errors import ZonulaError
from zonula.protocol.days import Phase
from zonula.protocol.events import EventKind, PlanEvent
from zonula.protocol.settings import Mode, PlanSettings, Suspect
from zonula.protocol.timeline import append_event, replay

START = date(2026, 1, 5)
ORDER = [Phase.RUN_IN, Phase.ELIMINATION, Phase.REINTRODUCTION, Phase.CONFIRMATION, Phase.MAINTENANCE]
scores = st.lists(st.one_of(st.none(), st.floats(0, 10, allow_nan=False)), min_size=150, max_size=150)


@settings(max_examples=60, deadline=None)
@given(scores, st.booleans(), st.integers(0, 2**31 - 1))
def test_any_ratings_give_consecutive_days_in_phase_order(values: list[float | None], blinded: bool, seed: int) -> None:
    s = PlanSettings(mode=Mode.TARGETED, seed=seed, blinded=blinded, suspects=(Suspect("lactose"), Suspect("gos")))
    by_day = {START + timedelta(days=i): v for i, v in enumerate(values)}
    tl = replay([PlanEvent(EventKind.STARTED, START, settings=s)], by_day, START + timedelta(days=149))
    assert [d.on for d in tl.days] == [START + timedelta(days=i) for i in range(150)]
    phases = [d.phase for d in tl.days]
    if Phase.STOPPED in phases:
        cut = phases.index(Phase.STOPPED)
        assert set(phases[cut:]) == {Phase.STOPPED}
        phases = phases[:cut]
    ranks = [ORDER.index(p) for p in phases]
    assert ranks == sorted(ranks)
    for v in tl.confirmation:
        assert 0.0 <= v.prob_trigger <= 1.0
        assert v.min_p <= v.randomisation_p <= 1.0


@settings(max_examples=30, deadline=None)
@given(scores, st.integers(1, 148))
def test_a_day_never_depends_on_its_own_or_later_ratings(values: list[float | None], cut: int) -> None:
    s = PlanSettings(mode=Mode.LOW_FODMAP, seed=1, without_coeliac_test=True)
    full = {START + timedelta(days=i): v for i, v in enumerate(values)}
    early = {d: v for d, v in full.items() if d < START + timedelta(days=cut)}
    end = START + timedelta(days=149)
    a = replay([PlanEvent(EventKind.STARTED, START, settings=s)], full, end)
    b = replay([PlanEvent(EventKind.STARTED, START, settings=s)], early, end)
    assert a.days[: cut + 1] == b.days[: cut + 1]


changes = st.lists(
    st.tuples(
        st.sampled_from([k for k in EventKind if k is not EventKind.STARTED]),
        st.integers(0, 8),
        st.integers(-2, 30),
        st.sampled_from(["", "travelling"]),
    ),
    max_size=12,
)


@settings(max_examples=60, deadline=None)
@given(scores, changes)
def test_any_sequence_of_changes_is_accepted_or_refused_cleanly(
    values: list[float | None], steps: list[tuple[EventKind, int, int, str]]
) -> None:
    s = PlanSettings(mode=Mode.TARGETED, seed=3, suspects=(Suspect("lactose"),))
    by_day = {START + timedelta(days=i): v for i, v in enumerate(values)}
    events = [PlanEvent(EventKind.STARTED, START, settings=s)]
    on = START
    for kind, gap, days, reason in steps:
        on += timedelta(days=gap)
        try:
            events = append_event(events, PlanEvent(kind, on, days=days, reason=reason), by_day)
        except ZonulaError:
            continue
    tl = replay(events, by_day, START + timedelta(days=149))
    assert len(tl.days) == 150
