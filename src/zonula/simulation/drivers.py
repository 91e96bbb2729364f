"""Diet drivers: what a simulated person eats, day by day and occasion by occasion.

The default `HabitualDiet` follows §3 (5 occasions a day, Zipf-like preferences, stickiness,
comfort foods after bad periods). A plan-following driver (elimination, reintroduction) can wrap
or subclass it: `avoid_groups` removes foods containing groups, and `serving_of_group` builds a
challenge serving of a group at a given portion.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from zonula.simulation.menu import BY_ID, MENU, MenuItem, Slot, items_with_group, true_groups
from zonula.simulation.person import Person

PORTIONS = ("small", "usual", "large")
PORTION_P = (0.2, 0.6, 0.2)  # zonula assumption
SNACK_HOURS = (10.5, 15.5, 20.3)  # §3 "Meal timing": last intake ≈ 20:20


@dataclass(frozen=True, slots=True)
class Occasion:
    """One eating occasion as eaten: slot, hour of the day (0-24), dishes and portion."""

    slot: str
    hour: float
    items: tuple[MenuItem, ...]
    portion: str = "usual"


@dataclass(slots=True)
class DietContext:
    """What a driver may look at: the person, the day, yesterday's occasions, and how they feel."""

    person: Person
    day: int
    last_period_bad: bool = False
    yesterday: dict[str, Occasion] = field(default_factory=dict)


class DietDriver(Protocol):
    """Decides when and what a simulated person eats."""

    def schedule(self, day: int, rng: np.random.Generator) -> list[tuple[str, float]]:
        """The day's occasions as (slot name, hour of day), in time order."""
        ...

    def serve(self, slot: str, hour: float, context: DietContext,
              rng: np.random.Generator) -> Occasion | None:
        """The occasion eaten at this slot (None to skip it)."""
        ...


def _slot_kinds(slot: str) -> frozenset[Slot]:
    if slot == "breakfast":
        return frozenset({Slot.BREAKFAST})
    if slot == "snack":
        return frozenset({Slot.SNACK})
    return frozenset({Slot.MEAL})


def contains_any(item: MenuItem, groups: frozenset[str]) -> bool:
    """True when a dish (hidden ingredients included) has any of the groups at moderate or high."""
    found = true_groups((item,))
    return any(lvl in ("moderate", "high") for g in groups for lvl in found.get(g, []))


class HabitualDiet:
    """The person's own diet (§3 habits), optionally avoiding some groups."""

    def __init__(self, person: Person, *, avoid_groups: frozenset[str] = frozenset()) -> None:
        """Make a habitual driver for `person`, never serving foods with `avoid_groups`."""
        self.person = person
        self.avoid_groups = avoid_groups
        self.params = person.params

    def schedule(self, day: int, rng: np.random.Generator) -> list[tuple[str, float]]:
        """Breakfast 07-09, lunch 12-14, dinner ~18:30, snacks ≈ 2.2 a day (§3 meal timing)."""
        p = self.params
        jitter = p.timing_jitter_h
        slots: list[tuple[str, float]] = []
        if rng.random() < p.breakfast_p:
            slots.append(("breakfast", float(rng.uniform(7.0, 9.0))))
        if rng.random() < p.lunch_p:
            slots.append(("lunch", float(rng.uniform(12.0, 14.0))))
        if rng.random() < p.dinner_p:
            slots.append(("dinner", float(np.clip(rng.normal(18.5, jitter), 16.5, 21.0))))
        n_snacks = min(int(rng.poisson(p.snacks_per_day)), len(SNACK_HOURS))
        for h in rng.choice(SNACK_HOURS, size=n_snacks, replace=False):
            slots.append(("snack", float(np.clip(h + rng.normal(0.0, jitter / 2), 9.5, 22.5))))
        slots.sort(key=lambda s: s[1])
        return slots

    def _weights(self, kinds: frozenset[Slot], context: DietContext) -> dict[str, float]:
        person = self.person
        weights: dict[str, float] = {}
        suspects = frozenset(person.believed_suspects)
        for it in MENU:
            if not (it.slots & kinds) or (self.avoid_groups and contains_any(it, self.avoid_groups)):
                continue
            w = person.preferences[it.id]
            if context.last_period_bad:
                if it.id in person.comfort_foods:
                    w *= self.params.comfort_factor
                if suspects and contains_any(it, suspects):
                    w *= self.params.suspect_factor
            weights[it.id] = w
        return weights

    def serve(self, slot: str, hour: float, context: DietContext,
              rng: np.random.Generator) -> Occasion | None:
        """Pick dishes by preference; each may repeat yesterday's (stickiness); maybe one drink."""
        p = self.params
        n_items = 1
        if slot != "snack":
            n_items = int(np.clip(1 + rng.poisson(max(p.items_per_meal - 1.5, 0.0)), 1, 6))
        weights = self._weights(_slot_kinds(slot), context)
        chosen: list[str] = []
        before = context.yesterday.get(slot)
        if before is not None:
            for it in before.items:
                if it.id in weights and it.id not in chosen and rng.random() < p.stickiness:
                    chosen.append(it.id)
        chosen = chosen[:n_items]
        pool = [k for k in weights if k not in chosen]
        need = min(n_items - len(chosen), len(pool))
        if need > 0:
            w = np.array([weights[k] for k in pool])
            picks = rng.choice(len(pool), size=need, replace=False, p=w / w.sum())
            chosen.extend(pool[i] for i in picks)
        drinks = self._weights(frozenset({Slot.DRINK}), context)
        if drinks and rng.random() < (0.6 if slot != "snack" else 0.3):
            names = list(drinks)
            w = np.array([drinks[k] for k in names])
            drink = names[int(rng.choice(len(names), p=w / w.sum()))]
            if drink not in chosen:
                chosen.append(drink)
        if not chosen:
            return None
        portion = str(rng.choice(PORTIONS, p=np.array(PORTION_P)))
        return Occasion(slot, hour, tuple(BY_ID[k] for k in chosen), portion)

    def serving_of_group(self, group: str, portion: str, hour: float, rng: np.random.Generator,
                         *, slot: str = "snack") -> Occasion:
        """A challenge occasion: one food rich in `group` (high level preferred) at `portion`."""
        rich = items_with_group(group, levels=("high",)) or items_with_group(group)
        if not rich:
            raise ValueError(f"no menu food contains {group!r}")
        clean = [it for it in rich if not it.hidden] or list(rich)
        return Occasion(slot, hour, (clean[int(rng.integers(len(clean)))],), portion)
