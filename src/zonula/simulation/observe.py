"""The observation process (§3): prompts, missing days (MCAR + MNAR), meal omission,
under-reporting and back-fill time errors, producing zonula `Entry` objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone

import numpy as np

from zonula.analysis.dose import portion_weight
from zonula.analysis.periods import FloatArray
from zonula.domain.entries import Entry, EntryKind
from zonula.simulation.background import Background
from zonula.simulation.drivers import Occasion
from zonula.simulation.menu import BY_ID, MenuItem
from zonula.simulation.person import Person
from zonula.simulation.render import meal_text

PROMPT_HOURS = (11.5, 17.5, 22.5)


@dataclass(frozen=True, slots=True)
class LoggedMeal:
    """A meal as logged: logged time, the dishes written down (hidden parts only if written), text."""

    at: datetime
    items: tuple[str, ...]
    portion: str
    text: str


def zone_for(lang: str) -> timezone:
    """UTC+8 for Chinese or mixed diaries, UTC for English ones."""
    return timezone(timedelta(hours=8)) if lang in ("zh", "mixed") else UTC


def local_time(start: date, hours: float, tz: timezone) -> datetime:
    """The aware local time `hours` after midnight of `start` (rounded to the minute)."""
    base = datetime.combine(start, time(0), tzinfo=tz)
    return base + timedelta(minutes=round(hours * 60.0))


def logged_items(occ: Occasion, hidden_missing: float, rng: np.random.Generator) -> list[MenuItem]:
    """Dishes as written: each hidden ingredient is written as its own item unless forgotten."""
    out: list[MenuItem] = []
    for it in occ.items:
        out.append(it)
        for h in it.hidden:
            if rng.random() >= hidden_missing and BY_ID[h] not in out:
                out.append(BY_ID[h])
    return out


def portion_value(portion: str) -> float:
    """The numeric portion stored on a meal entry (`value`, unit `portion`)."""
    return portion_weight(portion)


def _missing_days(person: Person, days: int, values: FloatArray, rng: np.random.Generator) -> np.ndarray:
    """§3: 15 % of days missing at random plus an extra share of high-symptom days."""
    p = person.params
    daily = values[0].reshape(days, 3).mean(axis=1)
    high = daily >= p.symptom_mean + float(np.hypot(p.daily_sd, p.period_sd))
    missing: np.ndarray = (rng.random(days) < p.missing_mcar) | (high & (rng.random(days) < p.missing_mnar))
    return missing


def _when(hours: float, rng: np.random.Generator, sd_h: float,
          share: float) -> tuple[float, float]:
    """(logged hour, recorded hour): back-filled entries get a time error and a late record."""
    if rng.random() < share:
        return hours + float(rng.normal(0.0, sd_h)), hours + float(rng.uniform(2.5, 12.0))
    return hours, hours + float(rng.uniform(0.0, 0.25))


def observe(person: Person, days: int, eaten: list[tuple[int, Occasion]], values: FloatArray,
            background: Background, rng: np.random.Generator, *, start: date,
            lang: str) -> tuple[tuple[Entry, ...], tuple[LoggedMeal, ...]]:
    """Turn the true days into diary entries and the structured record of logged meals."""
    p = person.params
    tz = zone_for(lang)
    missing = _missing_days(person, days, values, rng)
    entries: list[Entry] = []
    logged: list[LoggedMeal] = []

    def entry(kind: EntryKind, hours: float, *, when: tuple[float, float] | None = None,
              **fields: object) -> Entry:
        at_h, rec_h = when or _when(hours, rng, p.backfill_sd_h, p.backfill_share)
        made = Entry(kind=kind, at=local_time(start, at_h, tz), recorded_at=local_time(start, rec_h, tz),
                     source="simulation", **fields)  # type: ignore[arg-type]
        entries.append(made)
        return made

    for day, occ in eaten:
        if missing[day] or rng.random() < p.meal_omission:
            continue
        items = logged_items(occ, p.hidden_missing, rng)
        text = meal_text(items, lang, rng)
        made = entry(EntryKind.MEAL, 24.0 * day + occ.hour, name=text, value=portion_value(occ.portion),
                     unit="portion")
        logged.append(LoggedMeal(made.at, tuple(it.id for it in items), occ.portion, text))
    for day in range(days):
        if missing[day]:
            continue
        base = 24.0 * day
        for slot, prompt in enumerate(PROMPT_HOURS):
            if rng.random() < p.prompt_skip:
                continue
            hour = base + prompt + float(rng.uniform(-0.5, 0.5))
            when = _when(hour, rng, p.backfill_sd_h, p.backfill_share)
            for s, key in enumerate(person.symptoms):
                rating = float(np.rint(values[s, 3 * day + slot]))
                entry(EntryKind.SYMPTOM, hour, when=when, name=key, value=rating)
        entry(EntryKind.STRESS, base + 21.5, value=float(np.rint(background.stress[day])))
        entry(EntryKind.SLEEP, base + 7.5, value=round(float(background.sleep[day]), 1),
              quality=float(np.clip(np.rint(background.sleep[day] + rng.normal(0, 1)), 0, 10)))
        bristol = int(np.clip(np.rint(4 + 0.4 * (values[0, 3 * day: 3 * day + 3].mean() - p.symptom_mean)
                                      + rng.normal(0, 1)), 1, 7))
        entry(EntryKind.STOOL, base + 8.0 + float(rng.uniform(0, 2)), value=float(bristol))
        if background.menses_days[day]:
            entry(EntryKind.MENSTRUATION, base + 8.0, value=1.0)
        if background.nsaid_days[day]:
            entry(EntryKind.MEDICATION, base + 9.0, name="ibuprofen", value=400.0, unit="mg")
    entries.sort(key=lambda e: e.at)
    logged.sort(key=lambda m: m.at)
    return tuple(entries), tuple(logged)


