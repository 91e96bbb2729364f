"""A diary-simulator person who follows a protocol plan, day by day, with the ratings they log.

The day loop mirrors `simulate.simulate` (background AR(1) symptoms, §3 trigger reactions and
nocebo flares, comfort foods) but picks each day's diet from the plan: usual diet in the run-in,
the elimination diet (suspect groups never served) afterwards, plus one challenge serving at
lunch on challenge and food-block days. Blinded sachets carry no expectation effect; open
challenges of a suspect the person believes in do. The plan moves on from the ratings the person
actually logs (3 prompts, skipped prompts, §3 missing days), which are returned as entries so a
test can feed the same diary to the service and compare.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import numpy as np

from zonula.domain.entries import Entry, EntryKind
from zonula.protocol.days import PlanDay
from zonula.protocol.groups import PortionLevel
from zonula.protocol.settings import PlanSettings
from zonula.protocol.walker import Walker
from zonula.simulation.background import simulate_background
from zonula.simulation.drivers import DietContext, HabitualDiet, Occasion
from zonula.simulation.observe import PROMPT_HOURS, local_time, zone_for
from zonula.simulation.person import Person
from zonula.simulation.plan_driver import DONE_PHASES, PlanExposure, exposure_for, lexicon_group
from zonula.simulation.simulate import _react, _Symptoms

PORTION_WORD = {PortionLevel.LOW: "small", PortionLevel.MODERATE: "usual", PortionLevel.HIGH: "large"}
CHALLENGE_HOUR = 12.5


@dataclass(frozen=True, slots=True)
class PlanLife:
    """What happened: the plan's days, the walker with its verdicts, meals eaten, logged ratings."""

    days: tuple[PlanDay, ...]
    walker: Walker
    eaten: tuple[tuple[int, Occasion], ...]
    entries: tuple[Entry, ...]
    scores: tuple[float | None, ...]


def believing(person: Person, settings: PlanSettings) -> Person:
    """The person, now believing in the plan's suspects (so open exposures can cause nocebo flares)."""
    groups = {lexicon_group(k) for k in settings.group_keys()}
    return replace(person, believed_suspects=tuple(sorted({*person.believed_suspects, *groups})))


def _ratings(values: np.ndarray, person: Person, rng: np.random.Generator) -> list[float | None]:
    """The day's three logged ratings of the main symptom (integers; None = skipped or a missed day)."""
    p = person.params
    bad = float(np.mean(values)) > p.symptom_mean + float(np.hypot(p.daily_sd, p.period_sd))
    if rng.random() < p.missing_mcar or (bad and rng.random() < p.missing_mnar):
        return [None, None, None]
    return [None if rng.random() < p.prompt_skip else float(np.clip(np.rint(v), 0, 10)) for v in values]


def live_plan(
    person: Person,
    settings: PlanSettings,
    rng: np.random.Generator,
    *,
    start: date = date(2026, 1, 5),
    max_days: int = 300,
    lang: str = "zh",
) -> PlanLife:
    """Simulate a person following `settings` from the run-in until maintenance, a stop or `max_days`."""
    person = believing(person, settings)
    background = simulate_background(person, max_days + 2, rng)
    symptoms = _Symptoms(person, background.symptoms)
    walker = Walker.begin(settings, start)
    diets: dict[frozenset[str], HabitualDiet] = {}
    tz = zone_for(lang)
    days: list[PlanDay] = []
    eaten: list[tuple[int, Occasion]] = []
    entries: list[Entry] = []
    scores: list[float | None] = []
    yesterday: dict[str, Occasion] = {}
    for d in range(max_days):
        plan_day = walker.day(start.fromordinal(start.toordinal() + d))
        days.append(plan_day)
        if plan_day.phase in DONE_PHASES:
            break
        exposure = exposure_for(plan_day, settings)
        diet = diets.setdefault(exposure.avoid, HabitualDiet(person, avoid_groups=exposure.avoid))
        today: dict[str, Occasion] = {}
        for slot, hour in diet.schedule(d, rng):
            at_h = 24.0 * d + hour
            symptoms.finish_until(at_h)
            occ = diet.serve(slot, hour, DietContext(person, d, symptoms.last_bad(), yesterday), rng)
            if occ is not None:
                eaten.append((d, occ))
                today[slot] = occ
                symptoms.reactions.extend(_react(person, occ, at_h, rng))
        _challenge(person, diet, exposure, d, eaten, symptoms, rng)
        yesterday = today
        symptoms.finish_until(24.0 * d + 28.0)
        ratings = _ratings(symptoms.values[0, 3 * d : 3 * d + 3], person, rng)
        for hour, value in zip(PROMPT_HOURS, ratings, strict=True):
            if value is not None:
                at = local_time(start, 24.0 * d + hour, tz)
                entries.append(
                    Entry(
                        EntryKind.SYMPTOM,
                        at,
                        name=person.main_symptom,
                        value=value,
                        recorded_at=at,
                        source="simulation",
                    )
                )
        got = [v for v in ratings if v is not None]
        score = sum(got) / len(got) if got else None
        scores.append(score)
        walker.advance(score)
    return PlanLife(tuple(days), walker, tuple(eaten), tuple(entries), tuple(scores))


def _challenge(
    person: Person,
    diet: HabitualDiet,
    exposure: PlanExposure,
    d: int,
    eaten: list[tuple[int, Occasion]],
    symptoms: _Symptoms,
    rng: np.random.Generator,
) -> None:
    """Serve the day's challenge food at lunch; a blinded sachet brings no expectation."""
    if exposure.group is None or exposure.portion is None:
        return
    occ = diet.serving_of_group(lexicon_group(exposure.group), PORTION_WORD[exposure.portion], CHALLENGE_HOUR, rng)
    eaten.append((d, occ))
    reacting = person if exposure.known else replace(person, believed_suspects=())
    symptoms.reactions.extend(_react(reacting, occ, 24.0 * d + CHALLENGE_HOUR, rng))
