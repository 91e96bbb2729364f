"""Engine inputs from diary entries: ratings, stress, sleep, menstruation and NSAID days.

Meals are left to the caller, who turns meal text into doses (the service uses the foods
parser; the simulator's benchmark uses its menu).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from zonula.analysis.inputs import Measurement, Rating
from zonula.analysis.periods import diary_date
from zonula.domain.drugs import DrugClass
from zonula.domain.entries import Entry, EntryKind


@dataclass(frozen=True, slots=True)
class Covariates:
    """Everything but meals, read from entries."""

    ratings: tuple[Rating, ...]
    stress: tuple[Measurement, ...]
    sleep: tuple[Measurement, ...]
    menstruation_days: frozenset[date]
    nsaid_days: frozenset[date]


def covariates_from_entries(entries: Iterable[Entry]) -> Covariates:
    """Symptom ratings, stress, sleep hours, menstruation days and NSAID days from entries."""
    ratings: list[Rating] = []
    stress: list[Measurement] = []
    sleep: list[Measurement] = []
    menses: set[date] = set()
    nsaid: set[date] = set()
    for e in entries:
        if e.kind is EntryKind.SYMPTOM and e.value is not None:
            ratings.append(Rating(e.at, e.name, float(e.value)))
        elif e.kind is EntryKind.STRESS and e.value is not None:
            stress.append(Measurement(e.at, float(e.value)))
        elif e.kind is EntryKind.SLEEP and e.value is not None:
            sleep.append(Measurement(e.at, float(e.value)))
        elif e.kind is EntryKind.MENSTRUATION and (e.value is None or e.value > 0):
            menses.add(diary_date(e.at))
        elif e.kind is EntryKind.MEDICATION and e.drug_class is DrugClass.NSAID:
            nsaid.add(diary_date(e.at))
    return Covariates(tuple(ratings), tuple(stress), tuple(sleep), frozenset(menses), frozenset(nsaid))


def meal_portion(entry: Entry) -> float:
    """A meal entry's portion factor: its value when the unit is `portion`, else 1 (usual)."""
    if entry.unit == "portion" and entry.value is not None and entry.value > 0:
        return float(entry.value)
    return 1.0
