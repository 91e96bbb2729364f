"""The event-sourced plan: phases and dates, washouts, confirmation, pause/resume/extend/skip/restart."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

import pytest

from zonula.errors import ConflictError, ValidationError
from zonula.protocol.days import Activity, Phase
from zonula.protocol.events import EventKind, PlanEvent
from zonula.protocol.groups import PortionLevel
from zonula.protocol.randomise import reintroduction_order, with_recorded_order
from zonula.protocol.settings import Mode, PlanSettings, Suspect
from zonula.protocol.timeline import append_event, replay
from zonula.protocol.verdicts import ConfirmationOutcome, ReintroductionOutcome
from zonula.protocol.walker import Walker

START = date(2026, 1, 5)


def day(n: int) -> date:
    """The date `n` days after the plan starts (day 0 = start)."""
    return START + timedelta(days=n)


def started(settings: PlanSettings) -> PlanEvent:
    """The `started` event for a plan beginning on START."""
    return PlanEvent(EventKind.STARTED, START, settings=settings)


def series(fn: Callable[[int], float | None], days: int = 400) -> dict[date, float | None]:
    """Daily scores from a function of the day number."""
    return {day(i): fn(i) for i in range(days)}


def responder(i: int) -> float:
    """4 during the 14-day run-in, 2 afterwards (a clear response), no noise."""
    return 4.0 if i < 14 else 2.0


def test_run_in_lasts_its_planned_days_then_the_elimination_begins(targeted: PlanSettings) -> None:
    tl = replay([started(targeted)], series(responder), day(14))
    assert [d.phase for d in tl.days[:14]] == [Phase.RUN_IN] * 14
    assert tl.days[0].earliest_end == day(13)
    assert tl.last.phase is Phase.ELIMINATION
    assert tl.baseline is not None
    assert tl.baseline.mean == pytest.approx(4.0)


def test_run_in_waits_for_ten_rated_days(targeted: PlanSettings) -> None:
    sparse = series(lambda i: 4.0 if i % 2 == 0 else None)
    tl = replay([started(targeted)], sparse, day(20))
    assert tl.days[14].phase is Phase.RUN_IN
    assert tl.last.phase is Phase.ELIMINATION


def test_a_non_responder_is_stopped_and_told_to_stop_restricting(targeted: PlanSettings) -> None:
    tl = replay([started(targeted)], series(lambda i: 4.0 if i < 14 else 3.5), day(60))
    assert tl.last.phase is Phase.STOPPED
    assert tl.last.stop_reason == "non_responder"
    assert tl.walker.response == pytest.approx(0.125)


def test_a_responder_reintroduces_groups_in_the_recorded_random_order(targeted: PlanSettings) -> None:
    tl = replay([started(targeted)], series(responder), day(42))
    assert tl.last.phase is Phase.REINTRODUCTION
    assert tl.last.group == tl.order[0]
    assert sorted(tl.order) == ["caffeine", "lactose"]


def test_the_order_is_reproducible_from_the_seed_and_changes_with_it() -> None:
    s = PlanSettings(mode=Mode.LOW_FODMAP, seed=11)
    orders = {reintroduction_order(replace(s, seed=k)) for k in range(6)}
    assert reintroduction_order(s) == reintroduction_order(s)
    assert len(orders) > 1


def test_challenge_days_escalate_and_fructans_get_two_follow_up_days() -> None:
    s = PlanSettings(mode=Mode.TARGETED, seed=1, suspects=(Suspect("wheat"),), without_coeliac_test=True)
    tl = replay([started(s)], series(responder), day(50))
    challenge = [d for d in tl.days if d.activity is Activity.CHALLENGE]
    assert [d.portion for d in challenge] == [PortionLevel.LOW, PortionLevel.MODERATE, PortionLevel.HIGH]
    assert [d.on for d in challenge] == [day(42), day(43), day(44)]
    assert [d.activity for d in tl.days[45:47]] == [Activity.FOLLOW_UP] * 2
    assert tl.days[47].activity is Activity.WASHOUT


def test_a_washout_lasts_until_two_settled_days(targeted: PlanSettings) -> None:
    # First group reacts on its challenge days and stays high for 4 washout days.
    def scores(i: int) -> float:
        if i < 14:
            return 4.0
        return 5.0 if 42 <= i <= 49 else 2.0

    tl = replay([started(targeted)], series(scores), day(60))
    washout = [d for d in tl.days if d.activity is Activity.WASHOUT and d.group == tl.order[0]]
    assert len(washout) == 6  # 4 unsettled days, then two settled ones
    assert tl.reintroduction[0].outcome is ReintroductionOutcome.POSSIBLE_TRIGGER


def _walk_with_trigger(settings: PlanSettings, trigger: str, effect: float, days: int = 200) -> Walker:
    """Drive a walker with a person who reacts to `trigger` by `effect` on challenge/food days (+1 day)."""
    w = Walker.begin(settings, START)
    exposed_yesterday = False
    for i in range(days):
        d = w.day(day(i))
        exposed = d.group == trigger and d.activity in (Activity.CHALLENGE, Activity.FOOD_BLOCK)
        base = 4.0 if d.phase is Phase.RUN_IN else 2.0
        noise = 0.3 * ((i * 7919) % 5 - 2) / 2
        w.advance(base + noise + (effect if exposed or exposed_yesterday else 0.0))
        exposed_yesterday = exposed
    return w


def test_a_strong_reaction_goes_to_confirmation_and_is_confirmed(targeted: PlanSettings) -> None:
    w = _walk_with_trigger(targeted, "lactose", 3.0)
    latest = w.latest_reintroduction()
    assert latest["lactose"].outcome is ReintroductionOutcome.POSSIBLE_TRIGGER
    assert latest["caffeine"].outcome is ReintroductionOutcome.TOLERATED
    assert [v.group for v in w.confirmation] == ["lactose"]
    assert w.confirmation[0].outcome is ConfirmationOutcome.LIKELY_TRIGGER
    assert w.phase is Phase.MAINTENANCE


def test_confirmation_blocks_follow_the_seeded_order_and_blinded_days_carry_codes(
    targeted: PlanSettings,
) -> None:
    s = replace(targeted, blinded=True)
    tl = replay([started(s)], series(lambda i: 4.0 if i < 14 else (5.5 if 42 <= i <= 45 else 2.0)), day(90))
    blocks = [d for d in tl.days if d.activity in (Activity.FOOD_BLOCK, Activity.CONTROL_BLOCK)]
    assert blocks
    first_cycle = [d for d in blocks if d.cycle == 1]
    assert {d.activity for d in first_cycle} == {Activity.FOOD_BLOCK, Activity.CONTROL_BLOCK}
    assert all(d.sachet_code and d.group[:3].upper() in d.sachet_code for d in blocks if d.group)


def test_pause_freezes_the_plan_and_resume_restarts_the_interrupted_challenge(targeted: PlanSettings) -> None:
    events = [started(targeted), PlanEvent(EventKind.PAUSED, day(43)), PlanEvent(EventKind.RESUMED, day(50))]
    tl = replay(events, series(responder), day(60))
    assert [d.phase for d in tl.days[43:50]] == [Phase.PAUSED] * 7
    assert tl.days[43].paused_in is Phase.REINTRODUCTION
    assert tl.days[50].activity is Activity.WASHOUT
    restarted = [d for d in tl.days[50:] if d.activity is Activity.CHALLENGE]
    assert restarted[0].group == tl.order[0]
    assert restarted[0].portion is PortionLevel.LOW


def test_extend_lengthens_the_elimination_within_its_limit(targeted: PlanSettings) -> None:
    events = [started(targeted), PlanEvent(EventKind.EXTENDED, day(20), days=7)]
    tl = replay(events, series(responder), day(45))
    assert tl.days[48 - 4].phase is Phase.ELIMINATION
    with pytest.raises(ValidationError):
        replay([*events, PlanEvent(EventKind.EXTENDED, day(21), days=14)], series(responder), day(45))


def test_a_challenge_cannot_be_extended(targeted: PlanSettings) -> None:
    with pytest.raises(ConflictError):
        append_event([started(targeted)], PlanEvent(EventKind.EXTENDED, day(42), days=3), series(responder))


def test_skip_needs_a_reason_and_drops_the_current_group(targeted: PlanSettings) -> None:
    with pytest.raises(ValidationError):
        append_event([started(targeted)], PlanEvent(EventKind.SKIPPED, day(42)), series(responder))
    events = append_event(
        [started(targeted)], PlanEvent(EventKind.SKIPPED, day(43), reason="travelling"), series(responder)
    )
    tl = replay(events, series(responder), day(80))
    assert tl.skipped[0].group == tl.order[0]
    assert tl.skipped[0].reason == "travelling"
    assert tl.order[0] not in {v.group for v in tl.reintroduction}


def test_skipping_a_thin_run_in_is_refused(targeted: PlanSettings) -> None:
    with pytest.raises(ConflictError):
        append_event([started(targeted)], PlanEvent(EventKind.SKIPPED, day(3), reason="bored"), series(responder))


def test_restart_begins_a_new_run_in_and_keeps_the_earlier_results(targeted: PlanSettings) -> None:
    events = [started(targeted), PlanEvent(EventKind.RESTARTED, day(70))]
    tl = replay(events, series(lambda i: 4.0 if i < 14 or 70 <= i < 84 else 2.0), day(75))
    assert tl.last.phase is Phase.RUN_IN
    assert tl.last.epoch == 1
    assert tl.history[0].reintroduction
    assert tl.reintroduction == []


def test_events_out_of_order_or_a_second_start_are_rejected(targeted: PlanSettings) -> None:
    with pytest.raises(ValidationError):
        append_event([started(targeted), PlanEvent(EventKind.PAUSED, day(5))], PlanEvent(EventKind.RESUMED, day(4)), {})
    with pytest.raises(ConflictError):
        replay([started(targeted), started(targeted)], {}, day(3))
    with pytest.raises(ConflictError):
        append_event([started(targeted)], PlanEvent(EventKind.RESUMED, day(4)), {})


def test_past_days_do_not_change_when_later_scores_arrive(targeted: PlanSettings) -> None:
    early = replay([started(targeted)], series(responder, days=50), day(120))
    full = replay([started(targeted)], series(lambda i: 9.0 if i >= 50 else responder(i)), day(120))
    assert early.days[:51] == full.days[:51]


def test_events_round_trip_through_json(targeted: PlanSettings) -> None:
    s = replace(targeted, suspects=(Suspect("lactose"),), blinded=True)
    for ev in (
        started(s),
        PlanEvent(EventKind.SKIPPED, day(3), reason="ill"),
        PlanEvent(EventKind.EXTENDED, day(4), days=5),
    ):
        assert PlanEvent.from_dict(ev.to_dict()) == ev


def test_a_recorded_order_wins_over_the_seed(targeted: PlanSettings) -> None:
    recorded = with_recorded_order(targeted)
    assert recorded.order == reintroduction_order(targeted)
    flipped = replace(recorded, order=tuple(reversed(recorded.order)))
    tl = replay([started(flipped)], series(responder), day(42))
    assert tl.order == flipped.order
    assert tl.last.group == flipped.order[0]
