"""Plain inputs of the screening engine: eating occasions, ratings and covariates."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class MealOccasion:
    """One eating occasion: when, and the dose of each food group and each food eaten.

    Doses come from `zonula.analysis.dose` (portion weight times level weight for groups,
    portion weight for foods). `at` is read as the local wall-clock time it carries.
    """

    at: datetime
    groups: Mapping[str, float] = field(default_factory=dict)
    foods: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Rating:
    """A symptom rating 0-10 (`key` is the canonical symptom key)."""

    at: datetime
    key: str
    value: float


@dataclass(frozen=True, slots=True)
class Measurement:
    """A timed number: stress 0-10 or hours of sleep."""

    at: datetime
    value: float


@dataclass(frozen=True, slots=True)
class ScreeningInput:
    """Everything the engine reads for one person.

    `food_windows` optionally names, per food id, the food group whose mechanism window the
    food uses (e.g. milk -> lactose); foods without one use the default 0-24 h window.
    `food_names` optionally gives display names of foods.
    `main_symptoms` are the symptoms the person named as their main complaint (brief §2.7 Stage 1:
    1-3 main symptoms): the screen reads the other rated symptoms as supporting evidence and
    expects a food's effect on them to be at most its effect on a main symptom. Empty: every
    screened symptom may be the main one.
    `believed` holds exposure names (food-group ids or food ids) the person already suspected
    before screening (their own list, an IgG panel): expectation alone can raise symptoms after
    eating them (§3 nocebo), so the screen asks for more evidence before naming them.
    """

    meals: tuple[MealOccasion, ...] = ()
    ratings: tuple[Rating, ...] = ()
    stress: tuple[Measurement, ...] = ()
    sleep: tuple[Measurement, ...] = ()
    menstruation_days: frozenset[date] = frozenset()
    nsaid_days: frozenset[date] = frozenset()
    food_windows: Mapping[str, str] = field(default_factory=dict)
    food_names: Mapping[str, str] = field(default_factory=dict)
    main_symptoms: tuple[str, ...] = ()
    believed: frozenset[str] = frozenset()
