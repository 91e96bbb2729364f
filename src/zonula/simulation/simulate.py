"""Run a simulated diary: person → diet driver → symptoms → what the person actually logs.

The day loop is chronological so that a driver can react to how the person felt in the last
finished rating period (reverse causation, §3), and reactions to one occasion can spill into
later periods and days.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from zonula.analysis.dose import occasion_dose
from zonula.analysis.periods import FloatArray
from zonula.domain.entries import Entry
from zonula.simulation.background import Background, simulate_background
from zonula.simulation.drivers import DietContext, DietDriver, HabitualDiet, Occasion
from zonula.simulation.menu import true_groups
from zonula.simulation.observe import LoggedMeal, observe
from zonula.simulation.person import Person

PERIOD_BOUNDS = ((4.0, 13.0), (13.0, 19.0), (19.0, 28.0))
PERIODS_PER_DAY = 3
#: zonula assumption: the person ate (and reacted) as usual before the diary started; three
#: unobserved days of habitual diet precede day 0 so that the first diary days carry the
#: reactions of the days before, as they would in life (fructans reactions reach two days).
BURN_IN_DAYS = 3
FULL_EFFECT_AFTER_H = 2.0  # zonula assumption: a reaction overlapping a period ≥ 2 h counts in full
NOCEBO_DURATION_H = 3.0  # zonula assumption
#: FOOD-GROUPS.md: a "low" level is a trace (hard-cheese lactose, oats' fructans, soy-sauce gluten)
#: and does not count as containing the group, so it provokes no reaction.
TRACE_LEVELS = frozenset({"low"})


@dataclass(frozen=True, slots=True)
class Reaction:
    """A symptom bump: absolute hours [start, end), size, and its cause (for the truth)."""

    start: float
    end: float
    effect: float
    cause: str


@dataclass(frozen=True, slots=True)
class SimulatedDiary:
    """The simulated diary entries plus everything true behind them."""

    person: Person
    start: date
    days: int
    entries: tuple[Entry, ...]
    logged_meals: tuple[LoggedMeal, ...]
    eaten: tuple[tuple[int, Occasion], ...]
    reactions: tuple[Reaction, ...]
    true_symptoms: FloatArray
    truth: dict[str, Any] = field(default_factory=dict)


def _period_bounds(p: int) -> tuple[float, float]:
    day, slot = divmod(p, 3)
    lo, hi = PERIOD_BOUNDS[slot]
    return 24.0 * day + lo, 24.0 * day + hi


def _lognormal_hours(median: float, low: float, high: float, rng: np.random.Generator) -> float:
    sigma = np.log(high / low) / (2 * 1.645)
    return float(median * np.exp(rng.normal(0.0, sigma)))


class _Symptoms:
    """Finalises period values lazily: background plus the largest active reaction."""

    def __init__(self, person: Person, background: FloatArray) -> None:
        self.person = person
        self.background = background
        self.values = np.full(background.shape, np.nan)
        self.reactions: list[Reaction] = []
        self.done = 0
        scale = [1.0] + [person.params.second_symptom_share] * (len(person.symptoms) - 1)
        self.scale = np.array(scale)

    def finish_until(self, hour: float) -> None:
        while self.done < self.background.shape[1] and _period_bounds(self.done)[1] <= hour:
            lo, hi = _period_bounds(self.done)
            bump = 0.0
            for r in self.reactions:
                overlap = min(hi, r.end) - max(lo, r.start)
                if overlap > 0:
                    bump = max(bump, r.effect * min(1.0, overlap / FULL_EFFECT_AFTER_H))
            self.values[:, self.done] = np.clip(self.background[:, self.done] + self.scale * bump, 0.0, 10.0)
            self.done += 1

    def last_bad(self) -> bool:
        if self.done == 0:
            return False
        p = self.person.params
        sd = float(np.hypot(p.daily_sd, p.period_sd))
        return bool(self.values[0, self.done - 1] >= p.symptom_mean + sd)


def _react(person: Person, occ: Occasion, at_h: float, rng: np.random.Generator) -> list[Reaction]:
    """Trigger reactions (§3 dose, probability, lag, duration) and nocebo flares to one occasion."""
    out: list[Reaction] = []
    groups = true_groups(occ.items)
    small = occ.portion == "small"
    for trig in person.triggers:
        dose = occasion_dose(occ.portion, [lv for lv in groups.get(trig.group, []) if lv not in TRACE_LEVELS])
        if dose <= 0 or dose < trig.threshold:
            continue
        if rng.random() < trig.probability * (0.5 if small else 1.0):
            start = at_h + _lognormal_hours(trig.lag.median, trig.lag.low, trig.lag.high, rng)
            out.append(Reaction(start, start + trig.lag.duration, trig.effect, trig.group))
    if person.believed_suspects and person.params.nocebo_p > 0:
        visible = {g for it in occ.items for g, lvl in it.groups.items() if lvl in ("moderate", "high")}
        if visible & set(person.believed_suspects) and rng.random() < person.params.nocebo_p:
            start = at_h + float(rng.uniform(0.25, 1.5))
            out.append(Reaction(start, start + NOCEBO_DURATION_H, person.params.nocebo_effect, "nocebo"))
    return out


def _eat(person: Person, days: int, driver: DietDriver, symptoms: _Symptoms,
         rng: np.random.Generator, *, burn_in: int = 0) -> list[tuple[int, Occasion]]:
    """Eat day by day; the first `burn_in` days follow the habitual diet and are numbered below 0."""
    eaten: list[tuple[int, Occasion]] = []
    yesterday: dict[str, Occasion] = {}
    habitual = HabitualDiet(person)
    for day in range(days + burn_in):
        today: dict[str, Occasion] = {}
        diet: DietDriver = habitual if day < burn_in else driver
        for slot, hour in diet.schedule(day - burn_in, rng):
            at_h = 24.0 * day + hour
            symptoms.finish_until(at_h)
            context = DietContext(person, day - burn_in, symptoms.last_bad(), yesterday)
            occ = diet.serve(slot, hour, context, rng)
            if occ is None:
                continue
            eaten.append((day - burn_in, occ))
            today[slot] = occ
            symptoms.reactions.extend(_react(person, occ, at_h, rng))
        yesterday = today
    symptoms.finish_until(24.0 * (days + burn_in) + 28.0)
    return eaten


def _drop_burn_in(background: Background, burn_in: int) -> Background:
    """The background without its first `burn_in` days."""
    cut = PERIODS_PER_DAY * burn_in
    return Background(background.symptoms[:, cut:], background.stress[burn_in:], background.sleep[burn_in:],
                      background.menses_days[burn_in:], background.nsaid_days[burn_in:])


def simulate(person: Person, days: int, driver: DietDriver | None = None,
             rng: np.random.Generator | None = None, *, start: date = date(2026, 1, 5),
             lang: str = "en") -> SimulatedDiary:
    """Simulate `days` days of one person's life and diary.

    Args:
        person: the sampled person (see `sample_person`).
        days: diary length (§3 default 56).
        driver: what the person eats; their `HabitualDiet` when None.
        rng: random generator (a fresh unseeded one when None).
        start: first diary date.
        lang: meal text language, `en`, `zh` or `mixed`.
    """
    rng = rng or np.random.default_rng()
    driver = driver or HabitualDiet(person)
    burn = BURN_IN_DAYS
    full = simulate_background(person, days + burn, rng)
    symptoms = _Symptoms(person, full.symptoms)
    everything = _eat(person, days, driver, symptoms, rng, burn_in=burn)
    eaten = [(day, occ) for day, occ in everything if day >= 0]
    values = symptoms.values[:, PERIODS_PER_DAY * burn:]
    reactions = tuple(Reaction(r.start - 24.0 * burn, r.end - 24.0 * burn, r.effect, r.cause)
                      for r in symptoms.reactions if r.end > 24.0 * burn)
    background = _drop_burn_in(full, burn)
    entries, logged = observe(person, days, eaten, values, background, rng, start=start, lang=lang)
    truth = {
        "scenario": person.params.name,
        "days": days,
        "start": start.isoformat(),
        "main_symptom": person.main_symptom,
        "symptoms": list(person.symptoms),
        "triggers": [t.as_dict() for t in person.triggers],
        "believed_suspects": list(person.believed_suspects),
        "comfort_foods": list(person.comfort_foods),
        "menstruates": person.menstruates,
        "reactions": sum(1 for r in reactions if r.cause != "nocebo"),
        "nocebo_flares": sum(1 for r in reactions if r.cause == "nocebo"),
    }
    return SimulatedDiary(person, start, days, entries, logged, tuple(eaten), reactions, values, truth)


