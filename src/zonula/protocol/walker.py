"""The plan state machine: walks day by day through events and daily scores, causally."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

from zonula.errors import ConflictError, FieldProblem, ValidationError
from zonula.i18n import _
from zonula.protocol.days import Activity, Phase, PlanDay
from zonula.protocol.events import EventKind, PlanEvent
from zonula.protocol.groups import PORTION_ORDER, group_for
from zonula.protocol.noise import BaselineStats, baseline_stats, block_difference_sd, decision_phi, present
from zonula.protocol.randomise import food_first, reintroduction_order, sachet_code
from zonula.protocol.settings import ELIMINATION_DAYS, RUN_IN_DAYS, PlanSettings
from zonula.protocol.verdicts import (
    MAX_CYCLES,
    ConfirmationOutcome,
    ConfirmationVerdict,
    ReintroductionOutcome,
    ReintroductionVerdict,
    block_difference,
    confirmation_verdict,
    reintroduction_verdict,
)

MIN_RUN_IN_RATED = 10
RESPONSE_WINDOW = 14
MIN_RESPONSE_RATED = 5
RESPONDER_FALL = 0.30
WASHOUT_MIN = 3
WASHOUT_MAX = 14
CHALLENGE_DAYS = 3
BLOCK_DAYS = 3
CYCLE_DAYS = 12
MAX_CYCLE_ATTEMPTS = MAX_CYCLES + 2


@dataclass(slots=True)
class Skip:
    """A step skipped by the person, with the reason they gave."""

    on: date
    phase: Phase
    group: str | None
    reason: str


@dataclass(slots=True)
class Walker:
    """Mutable state of one plan; `day()` describes today, `advance(score)` closes the day."""

    settings: PlanSettings
    start: date
    epoch: int = 0
    phase: Phase = Phase.RUN_IN
    phase_day: int = 0
    run_in_target: int = 14
    elimination_target: int = 28
    paused: bool = False
    paused_on: date | None = None
    scores_in_phase: list[float | None] = field(default_factory=list)
    recent: list[float | None] = field(default_factory=list)
    baseline: BaselineStats | None = None
    diet_mean: float | None = None
    diet: BaselineStats | None = None
    response: float | None = None
    stop_reason: str | None = None
    order: tuple[str, ...] = ()
    queue: list[str] = field(default_factory=list)
    current: str | None = None
    sub: Activity | None = None
    sub_day: int = 0
    washout_min: int = WASHOUT_MIN
    before: list[float | None] = field(default_factory=list)
    step_scores: list[float | None] = field(default_factory=list)
    repeated: set[str] = field(default_factory=set)
    reintroduction: list[ReintroductionVerdict] = field(default_factory=list)
    confirm_queue: list[str] = field(default_factory=list)
    cycle: int = 1
    attempts: int = 0
    diffs: list[float] = field(default_factory=list)
    confirmation: list[ConfirmationVerdict] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)

    @classmethod
    def begin(cls, settings: PlanSettings, on: date, epoch: int = 0) -> Walker:
        """A walker at the first run-in day."""
        w = cls(
            settings=settings,
            start=on,
            epoch=epoch,
            run_in_target=settings.run_in_days,
            elimination_target=settings.elimination_days,
        )
        w.order = settings.order or reintroduction_order(settings, epoch)
        return w

    # ----- describing a day -------------------------------------------------------------

    def day(self, on: date) -> PlanDay:
        """What the plan says for `on`, given everything up to the day before."""
        if self.paused:
            return PlanDay(on, Phase.PAUSED, Activity.PAUSED, 0, self.epoch, paused_in=self.phase)
        n = self.phase_day + 1
        if self.phase is Phase.RUN_IN:
            end = on + timedelta(days=max(self.run_in_target - n, 0))
            return PlanDay(on, self.phase, Activity.USUAL_DIET, n, self.epoch, earliest_end=end)
        if self.phase is Phase.ELIMINATION:
            end = on + timedelta(days=self.elimination_target - n)
            return PlanDay(
                on,
                self.phase,
                Activity.ELIMINATION_DIET,
                n,
                self.epoch,
                earliest_end=end,
                next_group=self.order[0] if self.order else None,
            )
        if self.phase is Phase.REINTRODUCTION:
            return self._reintroduction_day(on, n)
        if self.phase is Phase.CONFIRMATION:
            return self._confirmation_day(on, n)
        if self.phase is Phase.MAINTENANCE:
            period = self.settings.rechallenge_months * 30
            return PlanDay(
                on,
                self.phase,
                Activity.MAINTENANCE,
                n,
                self.epoch,
                rechallenge_due=n > 1 and (n - 1) % period == 0,
            )
        return PlanDay(on, self.phase, Activity.STOPPED, n, self.epoch, stop_reason=self.stop_reason)

    def _reintroduction_day(self, on: date, n: int) -> PlanDay:
        assert self.current is not None
        assert self.sub is not None
        g = group_for(self.current)
        k = self.sub_day + 1
        portion = None
        if self.sub is Activity.CHALLENGE:
            left, portion = CHALLENGE_DAYS - k + g.follow_up_days, PORTION_ORDER[k - 1]
        elif self.sub is Activity.FOLLOW_UP:
            left = g.follow_up_days - k
        else:
            left = max(self.washout_min - k, 0)
        return PlanDay(
            on,
            self.phase,
            self.sub,
            n,
            self.epoch,
            group=g.id,
            portion=portion,
            step_day=k,
            earliest_end=on + timedelta(days=left),
            next_group=self.queue[0] if self.queue else None,
        )

    def _confirmation_day(self, on: date, n: int) -> PlanDay:
        assert self.current is not None
        i = self.sub_day
        block = 1 if i < 6 else 2
        in_block = i % 6 < BLOCK_DAYS
        first = food_first(self.settings, self.current, self.cycle, self.epoch)
        is_food = first == (block == 1)
        act = (Activity.FOOD_BLOCK if is_food else Activity.CONTROL_BLOCK) if in_block else Activity.BLOCK_WASHOUT
        code = sachet_code(self.current, self.cycle, block) if in_block and self.settings.blinded else None
        return PlanDay(
            on,
            self.phase,
            act,
            n,
            self.epoch,
            group=self.current,
            step_day=i % 6 + 1,
            cycle=self.cycle,
            block=block,
            sachet_code=code,
            earliest_end=on + timedelta(days=CYCLE_DAYS - 1 - i),
            next_group=self.confirm_queue[0] if self.confirm_queue else None,
        )

    # ----- closing a day -----------------------------------------------------------------

    def advance(self, score: float | None) -> None:
        """Close the day with its main-symptom score (None when unrated) and move the plan on."""
        if self.paused or self.phase is Phase.STOPPED:
            return
        self.recent.append(score)
        self.phase_day += 1
        if self.phase is Phase.RUN_IN:
            self.scores_in_phase.append(score)
            rated = len(present(self.scores_in_phase))
            if self.phase_day >= self.run_in_target and (
                rated >= MIN_RUN_IN_RATED or self.phase_day >= max(self.run_in_target, RUN_IN_DAYS[1])
            ):
                self._end_run_in()
        elif self.phase is Phase.ELIMINATION:
            self.scores_in_phase.append(score)
            if self.phase_day >= self.elimination_target:
                self._end_elimination(check=True)
        elif self.phase is Phase.REINTRODUCTION:
            self._advance_reintroduction(score)
        elif self.phase is Phase.CONFIRMATION:
            self._advance_confirmation(score)

    def _enter(self, phase: Phase) -> None:
        self.phase, self.phase_day, self.scores_in_phase = phase, 0, []

    def _end_run_in(self) -> None:
        self.baseline = baseline_stats(self.scores_in_phase)
        self._enter(Phase.ELIMINATION)

    def _end_elimination(self, *, check: bool) -> None:
        window = self.scores_in_phase[-RESPONSE_WINDOW:]
        got = present(window)
        assert self.baseline is not None
        self.diet_mean = sum(got) / len(got) if got else self.baseline.mean
        self.diet = baseline_stats(window) if len(got) >= 3 else None
        if check:
            if len(got) < MIN_RESPONSE_RATED or self.baseline.mean <= 0:
                self._stop("no_ratings")
                return
            self.response = 1.0 - self.diet_mean / self.baseline.mean
            if self.response < RESPONDER_FALL:
                self._stop("non_responder")
                return
        self._enter(Phase.REINTRODUCTION)
        self.queue = list(self.order)
        self._next_group()

    def _stop(self, reason: str) -> None:
        self._enter(Phase.STOPPED)
        self.stop_reason = reason

    def _next_group(self) -> None:
        if not self.queue:
            self._start_confirmation()
            return
        self.current = self.queue.pop(0)
        self.sub, self.sub_day, self.step_scores = Activity.CHALLENGE, 0, []
        self.before = self.recent[-3:]

    def _washout(self) -> None:
        self.sub, self.sub_day, self.step_scores, self.washout_min = Activity.WASHOUT, 0, [], WASHOUT_MIN

    def _advance_reintroduction(self, score: float | None) -> None:
        assert self.current is not None
        assert self.baseline is not None
        g = group_for(self.current)
        self.step_scores.append(score)
        self.sub_day += 1
        if self.sub is Activity.CHALLENGE and self.sub_day == CHALLENGE_DAYS:
            self.sub, self.sub_day = Activity.FOLLOW_UP, 0
        elif self.sub is Activity.FOLLOW_UP and self.sub_day == g.follow_up_days:
            v = reintroduction_verdict(
                g.id,
                before=self.before,
                challenge=self.step_scores[:CHALLENGE_DAYS],
                follow_up=self.step_scores[CHALLENGE_DAYS:],
                sd=self.baseline.sd,
                lag=1 if g.follow_up_days > 1 else 0,
            )
            self.reintroduction.append(v)
            if v.outcome is ReintroductionOutcome.UNCLEAR_REPEAT and g.id not in self.repeated:
                self.repeated.add(g.id)
                self.queue.append(g.id)
            self._washout()
        elif self.sub is Activity.WASHOUT:
            limit = (self.diet_mean or 0.0) + self.baseline.sd
            last = self.step_scores[-2:]
            settled = len(last) == 2 and all(v is not None and v <= limit for v in last)
            if (self.sub_day >= self.washout_min and settled) or self.sub_day >= max(WASHOUT_MAX, self.washout_min):
                self._next_group()

    def latest_reintroduction(self) -> dict[str, ReintroductionVerdict]:
        """The latest reintroduction verdict per group (a repeat replaces the first try)."""
        return {v.group: v for v in self.reintroduction}

    def _start_confirmation(self) -> None:
        self._enter(Phase.CONFIRMATION)
        self.current, self.sub = None, None
        self.confirm_queue = [
            g for g, v in self.latest_reintroduction().items() if v.outcome is ReintroductionOutcome.POSSIBLE_TRIGGER
        ]
        self._next_food()

    def _next_food(self) -> None:
        if not self.confirm_queue:
            self._enter(Phase.MAINTENANCE)
            self.current = None
            return
        self.current = self.confirm_queue.pop(0)
        self.cycle, self.attempts, self.sub_day, self.diffs, self.step_scores = 1, 0, 0, [], []

    @property
    def sigma_d(self) -> float:
        """SD of one block difference under no effect (AR-aware: run-in φ, at least 0.5).

        The day-to-day SD pools the run-in with the last two weeks of elimination: the run-in
        alone includes trigger reactions and expectation flares that the elimination removes, so
        it overstates the noise the confirmation blocks face (benchmarks/bench_protocol.py).
        """
        assert self.baseline is not None
        sd = self.baseline.sd
        if self.diet is not None:
            sd = math.sqrt((sd**2 + self.diet.sd**2) / 2)
        return block_difference_sd(sd, decision_phi(self.baseline.phi))

    def _advance_confirmation(self, score: float | None) -> None:
        assert self.current is not None
        self.step_scores.append(score)
        self.sub_day += 1
        if self.sub_day < CYCLE_DAYS:
            return
        first, second = self.step_scores[0:4], self.step_scores[6:10]
        food, control = (
            (first, second) if food_first(self.settings, self.current, self.cycle, self.epoch) else (second, first)
        )
        d = block_difference(food, control)
        self.attempts += 1
        if d is not None:
            self.diffs.append(d)
        v = confirmation_verdict(self.current, self.diffs, self.sigma_d, finished=self.attempts >= MAX_CYCLE_ATTEMPTS)
        if v.outcome is ConfirmationOutcome.IN_PROGRESS:
            self.cycle += 1
            self.sub_day, self.step_scores = 0, []
            return
        self.confirmation.append(v)
        self._next_food()

    def in_progress(self) -> ConfirmationVerdict | None:
        """The running confirmation's verdict so far, if one is running."""
        if self.phase is not Phase.CONFIRMATION or self.current is None:
            return None
        return confirmation_verdict(self.current, self.diffs, self.sigma_d)

    # ----- events ----------------------------------------------------------------------

    def apply(self, event: PlanEvent) -> None:
        """Apply a pause, resume, extension or skip at the start of its day; ConflictError if illegal."""
        kind = event.kind
        if kind is EventKind.PAUSED:
            if self.paused or self.phase is Phase.STOPPED:
                raise ConflictError(_("the plan is already paused or stopped"))
            self.paused, self.paused_on = True, event.on
        elif kind is EventKind.RESUMED:
            if not self.paused:
                raise ConflictError(_("the plan is not paused"))
            self.paused = False
            self._after_pause()
        elif kind is EventKind.EXTENDED:
            self._extend(event.days or 0)
        elif kind is EventKind.SKIPPED:
            self._skip(event)
        else:
            raise ConflictError(f"a {kind.value} event cannot be applied to a running plan")

    def _after_pause(self) -> None:
        """An interrupted challenge or confirmation cycle starts again (after a washout)."""
        if self.phase is Phase.REINTRODUCTION and self.sub in (Activity.CHALLENGE, Activity.FOLLOW_UP):
            assert self.current is not None
            self.queue.insert(0, self.current)
            self._washout()
        elif self.phase is Phase.CONFIRMATION and self.sub_day > 0:
            self.sub_day, self.step_scores = 0, []

    def _extend(self, days: int) -> None:
        if self.paused:
            raise ConflictError(_("resume the plan before extending it"))
        if not 1 <= days <= 28:
            raise ValidationError([FieldProblem("days", _("must be between 1 and 28, got {days}").format(days=days))])
        if self.phase is Phase.RUN_IN:
            if self.run_in_target + days > RUN_IN_DAYS[1]:
                message = _("the run-in lasts at most {n} days").format(n=RUN_IN_DAYS[1])
                raise ValidationError([FieldProblem("days", message)])
            self.run_in_target += days
        elif self.phase is Phase.ELIMINATION:
            if self.elimination_target + days > ELIMINATION_DAYS[1]:
                raise ValidationError(
                    [FieldProblem("days", _("the elimination lasts at most {n} days").format(n=ELIMINATION_DAYS[1]))]
                )
            self.elimination_target += days
        elif self.phase is Phase.REINTRODUCTION and self.sub is Activity.WASHOUT:
            self.washout_min = max(self.washout_min, self.sub_day) + days
        else:
            raise ConflictError(_("only the run-in, the elimination or a washout can be extended"))

    def _skip(self, event: PlanEvent) -> None:
        if not event.reason.strip():
            raise ValidationError([FieldProblem("reason", _("say why this step is skipped"))])
        if self.paused or self.phase in (Phase.STOPPED, Phase.MAINTENANCE):
            raise ConflictError(_("there is no step to skip now"))
        if self.phase is Phase.RUN_IN and len(present(self.scores_in_phase)) < 7:
            raise ConflictError(_("the run-in needs at least 7 rated days before it can be skipped"))
        self.skipped.append(Skip(event.on, self.phase, self.current, event.reason.strip()))
        if self.phase is Phase.RUN_IN:
            self._end_run_in()
        elif self.phase is Phase.ELIMINATION:
            self._end_elimination(check=False)
        elif self.phase is Phase.REINTRODUCTION:
            if self.sub is Activity.WASHOUT:
                self._next_group()
            else:
                self._washout()
        else:
            self._next_food()
